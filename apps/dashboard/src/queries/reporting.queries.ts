import type { IndicatorHistoryResponse, IndicatorValuesResponse, RankingResponse, SubmissionStatusResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import type { ReportingCatalogueView } from '../scenes/reporting/reporting.model.ts';
import { getJson } from './http.ts';

/** Reports arrive a few times a month: re-read every minute is plenty. */
export const REPORTING_REFRESH_MS = 60_000;

const opts = { refetchInterval: REPORTING_REFRESH_MS, staleTime: 30_000 } as const;

export const reportingCatalogueQuery = () =>
  queryOptions({
    queryKey: ['reporting', 'catalogue'] as const,
    queryFn: ({ signal }) => getJson<ReportingCatalogueView>('/api/v1/reporting/catalogue', signal),
    staleTime: Infinity,
  });

export const reportingLatestQuery = (units?: string) =>
  queryOptions({
    queryKey: ['reporting', 'latest', units ?? ''] as const,
    queryFn: ({ signal }) => getJson<IndicatorValuesResponse>(`/api/v1/reporting/latest${units ? `?units=${encodeURIComponent(units)}` : ''}`, signal),
    ...opts,
  });

export const reportingRankingQuery = (indicator: string, period: string | null, group: 'department' | 'district' | 'commune') =>
  queryOptions({
    queryKey: ['reporting', 'ranking', indicator, period, group] as const,
    queryFn: ({ signal }) =>
      getJson<RankingResponse>(`/api/v1/reporting/rankings?${new URLSearchParams({ indicator, period: period ?? '', group }).toString()}`, signal),
    enabled: period !== null,
    ...opts,
  });

export const reportingStatusQuery = (regime: string, period: string) =>
  queryOptions({
    queryKey: ['reporting', 'status', regime, period] as const,
    queryFn: ({ signal }) => getJson<SubmissionStatusResponse>(`/api/v1/reporting/status?${new URLSearchParams({ regime, period }).toString()}`, signal),
    ...opts,
  });

export function reportingHistoryPath(indicator: string, units: readonly string[]): string {
  const q = new URLSearchParams({ indicator });
  if (units.length) q.set('units', units.join(','));
  return `/api/v1/reporting/history?${q.toString()}`;
}

export const reportingHistoryQuery = (indicator: string, units: readonly string[]) =>
  queryOptions({
    queryKey: ['reporting', 'history', indicator, units.join(',')] as const,
    queryFn: ({ signal }) => getJson<IndicatorHistoryResponse>(reportingHistoryPath(indicator, units), signal),
    ...opts,
  });
