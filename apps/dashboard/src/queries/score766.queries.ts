import type { Official766Score } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { runtimeConfig } from '../config.ts';
import { getJson, HttpError } from './http.ts';

/**
 * The official Decision 766 series the national portal publishes, as the server keeps it: its own
 * series, never merged with the points computed from dossier events. The portal publishes rarely,
 * so it is re-read every 10 minutes.
 */
export const OFFICIAL_766_REFRESH_MS = 10 * 60_000;

export interface Official766Response {
  kind: 'official';
  scores: Official766Score[];
}

/** Every period of one unit: the scene picks the one it shows. */
export function officialScoresPath(unitCode: string): string {
  const q = new URLSearchParams({ unit: unitCode });
  return `/api/v1/score766/official?${q.toString()}`;
}

function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 429) return false;
  return failureCount < 1000;
}

/** The official scores of the configured unit (`officialUnitCode`, 'H13' by default), all periods. */
export function officialScoresQuery(unitCode: string = runtimeConfig().officialUnitCode) {
  return queryOptions({
    queryKey: ['score766', 'official', unitCode] as const,
    queryFn: ({ signal }) => getJson<Official766Response>(officialScoresPath(unitCode), signal),
    refetchInterval: OFFICIAL_766_REFRESH_MS,
    staleTime: 60_000,
    retry: retryUnlessClientError,
  });
}
