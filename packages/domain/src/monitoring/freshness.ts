/** A value is stale when it is older than twice its indicator's cadence. */
export const STALE_FACTOR = 2;

export type Freshness = 'live' | 'stale' | 'none';

export function freshness(observedAt: number | null | undefined, cadenceSec: number, now: number): Freshness {
  if (observedAt === null || observedAt === undefined) return 'none';
  return now - observedAt > STALE_FACTOR * cadenceSec * 1000 ? 'stale' : 'live';
}
