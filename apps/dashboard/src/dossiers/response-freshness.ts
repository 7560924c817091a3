import { STALE_FACTOR, type Freshness } from '@cityioc/domain';
import { formatObservedAt } from '../format/format.ts';

/** The dossier API is re-read every minute (and sooner when a dossier delta arrives). */
export const DOSSIER_REFRESH_MS = 60_000;

export interface ResponseFreshness {
  freshness: Freshness;
  /** Greyed out: older than twice its refresh, or the link is down. */
  stale: boolean;
  /** 'HH:mm:ss' of asOf in the city's zone (with the date when it is not today); null without a response. */
  updated: string | null;
}

/**
 * Freshness of a computed response (indicators, watchlist) from its asOf, on the same rule as the
 * live cells: stale when older than 2× the refresh interval. A failed refetch keeps the old
 * response, which then turns grey by itself.
 */
export function responseFreshness(
  asOf: number | null | undefined,
  now: number,
  options: { refreshMs?: number; offline?: boolean; timeZone: string },
): ResponseFreshness {
  if (typeof asOf !== 'number' || !Number.isFinite(asOf)) return { freshness: 'none', stale: Boolean(options.offline), updated: null };
  const refreshMs = options.refreshMs ?? DOSSIER_REFRESH_MS;
  const freshness: Freshness = now - asOf > STALE_FACTOR * refreshMs ? 'stale' : 'live';
  return { freshness, stale: freshness === 'stale' || Boolean(options.offline), updated: formatObservedAt(asOf, now, options.timeZone) };
}
