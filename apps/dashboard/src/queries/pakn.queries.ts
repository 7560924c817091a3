import type { PaknWatchlistResponse } from '@cityioc/contracts';
import { watchlistQueryOf, watchlistRequest, type WatchlistParams } from './dossiers.queries.ts';

/** PAKN turn overdue by the clock alone: the watchlist is re-read every minute. */
export const PAKN_REFRESH_MS = 60_000;

export type PaknWatchlistParams = WatchlistParams;

/** GET /api/v1/pakn/watchlist: the overdue and soon-due PAKN of a unit (an operator's: their scope). */
export function paknWatchlistPath(p: PaknWatchlistParams): string {
  return watchlistRequest('pakn', p).path;
}

export function paknWatchlistQuery(p: PaknWatchlistParams) {
  return watchlistQueryOf<PaknWatchlistResponse>('pakn', p, { refetchInterval: PAKN_REFRESH_MS, staleTime: 15_000 });
}
