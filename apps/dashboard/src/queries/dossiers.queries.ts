import type { DossierDetail, DossierIndicatorsResponse, WatchlistResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { DOSSIER_REFRESH_MS } from '../dossiers/response-freshness.ts';
import { getJson, HttpError } from './http.ts';

/**
 * The dossier read API. Computed on the server at `asOf`; re-read every minute and, through
 * useDossierLiveRefresh, soon after a dossier delta arrives on the socket.
 */
export const dossiersRootKey = ['dossiers'] as const;

export type IndicatorsBy = 'area' | 'agency';

export interface IndicatorsParams {
  period: string;
  scope?: string;
  by?: IndicatorsBy;
}

/** What a watchlist (dossiers, PAKN) is asked for: a unit, an agency, how many working days ahead is "due soon". */
export interface WatchlistParams {
  area?: string | null;
  agency?: string | null;
  /** Working days ahead for the due-soon list (the server's default 2). */
  within?: number;
}

/** GET /api/v1/<feature>/watchlist (dossiers, PAKN): its path and query key, from the same parameters with the same default. */
export function watchlistRequest(feature: 'dossiers' | 'pakn', p: WatchlistParams) {
  const q = new URLSearchParams();
  if (p.area) q.set('area', p.area);
  if (p.agency) q.set('agency', p.agency);
  q.set('within', String(p.within ?? 2));
  return { path: `/api/v1/${feature}/watchlist?${q.toString()}`, queryKey: [feature, 'watchlist', p.area ?? null, p.agency ?? null, p.within ?? 2] as const };
}

/** A watchlist's query: its response type, how often it is re-read, how long a read stays fresh, and when a failed read is retried. */
export function watchlistQueryOf<R>(
  feature: 'dossiers' | 'pakn',
  p: WatchlistParams,
  reads: { refetchInterval: number; staleTime: number; retry?: (failureCount: number, error: Error) => boolean },
) {
  const { path, queryKey } = watchlistRequest(feature, p);
  return queryOptions({ queryKey, queryFn: ({ signal }) => getJson<R>(path, signal), ...reads });
}

/** A 4xx will not get better by asking again (a bad period, an unknown dossier); anything else is retried. */
function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 429) return false;
  return failureCount < 1000;
}

export function indicatorsPath(p: IndicatorsParams): string {
  const q = new URLSearchParams({ period: p.period, scope: p.scope ?? '92', by: p.by ?? 'area' });
  return `/api/v1/dossiers/indicators?${q.toString()}`;
}

export function indicatorsQuery(p: IndicatorsParams) {
  return queryOptions({
    queryKey: ['dossiers', 'indicators', p.period, p.scope ?? '92', p.by ?? 'area'] as const,
    queryFn: ({ signal }) => getJson<DossierIndicatorsResponse>(indicatorsPath(p), signal),
    refetchInterval: DOSSIER_REFRESH_MS,
    staleTime: 10_000,
    retry: retryUnlessClientError,
  });
}

export function watchlistPath(p: WatchlistParams): string {
  return watchlistRequest('dossiers', p).path;
}

export function watchlistQuery(p: WatchlistParams) {
  return watchlistQueryOf<WatchlistResponse>('dossiers', p, { refetchInterval: DOSSIER_REFRESH_MS, staleTime: 10_000, retry: retryUnlessClientError });
}

export function dossierQuery(code: string) {
  return queryOptions({
    queryKey: ['dossiers', 'detail', code] as const,
    queryFn: ({ signal }) => getJson<DossierDetail>(`/api/v1/dossiers/${encodeURIComponent(code)}`, signal),
    refetchInterval: DOSSIER_REFRESH_MS,
    staleTime: 10_000,
    retry: retryUnlessClientError,
  });
}
