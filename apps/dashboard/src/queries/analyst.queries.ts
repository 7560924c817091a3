import type { AnalystChildrenResponse, AnalystSeriesResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson, HttpError } from './http.ts';

/** A 4xx (unknown area, too large) will not get better by asking again. */
function retry(failureCount: number, error: unknown): boolean {
  if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 429) return false;
  return failureCount < 3;
}

/** The analyst history API: series of one indicator for some areas over a range of periods. */
export function analystSeriesQuery(params: string | null) {
  return queryOptions({
    queryKey: ['analyst', 'series', params] as const,
    queryFn: ({ signal }) => getJson<AnalystSeriesResponse>(`/api/v1/analyst/series?${params}`, signal),
    enabled: params !== null,
    staleTime: 60_000,
    retry,
  });
}

/** The drill-down step below an area, among the units in force on `at` (today's when absent). */
export function analystChildrenQuery(area: string, at?: string | null) {
  const q = new URLSearchParams({ area, ...(at ? { at } : {}) });
  return queryOptions({
    queryKey: ['analyst', 'children', area, at ?? 'today'] as const,
    queryFn: ({ signal }) => getJson<AnalystChildrenResponse>(`/api/v1/analyst/children?${q.toString()}`, signal),
    staleTime: Infinity,
    retry,
  });
}
