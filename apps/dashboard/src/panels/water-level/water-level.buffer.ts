/** [observedAt epoch ms, value] */
export type SeriesPoint = readonly [number, number];

/** A rolling window never holds more than this per series, whatever the feed rate. */
export const MAX_POINTS = 4000;

/**
 * Merges points into a time-sorted series: one point per instant (the incoming one wins),
 * nothing older than `from`, at most MAX_POINTS (newest kept). Returns `series` itself when
 * nothing changed, so React can skip a render.
 */
export function mergePoints(series: readonly SeriesPoint[], incoming: readonly SeriesPoint[], from: number): readonly SeriesPoint[] {
  const fresh = incoming.filter((p) => p[0] >= from && Number.isFinite(p[1]));
  const last = series[series.length - 1];
  // Fast path: the common live case, one newer point.
  if (fresh.length === 1 && (!last || fresh[0]![0] > last[0]) && (series.length === 0 || series[0]![0] >= from)) {
    const out = [...series, fresh[0]!];
    return out.length > MAX_POINTS ? out.slice(out.length - MAX_POINTS) : out;
  }
  const byT = new Map<number, SeriesPoint>();
  for (const p of series) if (p[0] >= from) byT.set(p[0], p);
  let changed = byT.size !== series.length;
  for (const p of fresh) {
    const old = byT.get(p[0]);
    if (!old || old[1] !== p[1]) changed = true;
    byT.set(p[0], p);
  }
  if (!changed) return series;
  const out = [...byT.values()].sort((a, b) => a[0] - b[0]);
  return out.length > MAX_POINTS ? out.slice(out.length - MAX_POINTS) : out;
}
