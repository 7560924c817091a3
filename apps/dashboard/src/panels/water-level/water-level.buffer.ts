/** [observedAt epoch ms, value] */
export type SeriesPoint = readonly [number, number];

/** A rolling window never holds more than this per series, whatever the feed rate. */
export const MAX_POINTS = 4000;

/**
 * The spacing that lets a window of `windowMs` fit in MAX_POINTS: readings closer together than this are thinned to the
 * newest of each step, so a fast feed still fills the whole window instead of its last part (a gauge every 2 s holds
 * 10,800 readings in 6 hours: kept whole, the cap showed only the last 2.2 hours).
 */
export const stepFor = (windowMs: number): number => Math.ceil(windowMs / MAX_POINTS);

/**
 * Merges points into a time-sorted series: one point per step of `stepMs` (the newest reading of the step wins; the
 * default 1 ms keeps every instant), nothing older than `from`, at most MAX_POINTS (newest kept). Returns `series` itself
 * when nothing changed, so React can skip a render.
 */
export function mergePoints(series: readonly SeriesPoint[], incoming: readonly SeriesPoint[], from: number, stepMs = 1): readonly SeriesPoint[] {
  const fresh = incoming.filter((p) => p[0] >= from && Number.isFinite(p[1]));
  const last = series[series.length - 1];
  const step = (t: number) => Math.floor(t / stepMs);
  // Fast path: the common live case, one newer point.
  if (fresh.length === 1 && (!last || fresh[0]![0] > last[0]) && (series.length === 0 || series[0]![0] >= from)) {
    // a reading in the last point's step takes its place
    const out = last && step(last[0]) === step(fresh[0]![0]) ? [...series.slice(0, -1), fresh[0]!] : [...series, fresh[0]!];
    return out.length > MAX_POINTS ? out.slice(out.length - MAX_POINTS) : out;
  }
  const byStep = new Map<number, SeriesPoint>();
  const keep = (p: SeriesPoint) => {
    const old = byStep.get(step(p[0]));
    // the newest reading of a step; at the same instant, the incoming one (it comes later)
    if (!old || p[0] >= old[0]) byStep.set(step(p[0]), p);
  };
  for (const p of series) if (p[0] >= from) keep(p);
  for (const p of fresh) keep(p);
  const out = [...byStep.values()].sort((a, b) => a[0] - b[0]);
  if (out.length === series.length && out.every((p, i) => p === series[i] || (p[0] === series[i]![0] && p[1] === series[i]![1]))) return series;
  return out.length > MAX_POINTS ? out.slice(out.length - MAX_POINTS) : out;
}
