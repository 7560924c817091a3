import type { PaknWatchlistResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

/** PAKN turn overdue by the clock alone: the watchlist is re-read every minute. */
export const PAKN_REFRESH_MS = 60_000;

export interface PaknWatchlistParams {
  area?: string | null;
  agency?: string | null;
  /** Working days ahead for the due-soon list (the server's default 2). */
  within?: number;
}

/** GET /api/v1/pakn/watchlist: the overdue and soon-due PAKN of a unit (an operator's: their scope). */
export function paknWatchlistPath(p: PaknWatchlistParams): string {
  const q = new URLSearchParams();
  if (p.area) q.set('area', p.area);
  if (p.agency) q.set('agency', p.agency);
  q.set('within', String(p.within ?? 2));
  return `/api/v1/pakn/watchlist?${q.toString()}`;
}

export function paknWatchlistQuery(p: PaknWatchlistParams) {
  return queryOptions({
    queryKey: ['pakn', 'watchlist', p.area ?? null, p.agency ?? null, p.within ?? 2] as const,
    queryFn: ({ signal }) => getJson<PaknWatchlistResponse>(paknWatchlistPath(p), signal),
    refetchInterval: PAKN_REFRESH_MS,
    staleTime: 15_000,
  });
}
