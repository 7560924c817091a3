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

/**
 * One station's rolling window, changed in place (issue 13: the wall holds up to MAX_POINTS points × ~10 stations and
 * takes a delta every tick). `points` is time-sorted, one point per step of `stepMs`, nothing older than the last
 * `from`, at most MAX_POINTS: the same series mergePoints gives, and the chart's data as it is (no copy on the way).
 *
 * A live reading newer than the last point costs O(1): it replaces the last point when in the same step, else is pushed,
 * and the points that left the window are shifted off the front. Anything else (a history read, a late reading) goes
 * through mergePoints, whose new array becomes `points`. `version` grows with every change: React state holds the
 * version, not a copy (useWaterLevelSeries.ts), and a reader that kept `points` sees it change.
 */
export class SeriesBuffer {
  points: SeriesPoint[] = [];
  version = 0;

  constructor(readonly stepMs = 1) {}

  /** Adds one reading; true when the series changed. */
  add(t: number, value: number, from: number): boolean {
    const pts = this.points;
    const last = pts[pts.length - 1];
    if (last && t <= last[0]) return this.merge([[t, value]], from);
    if (t < from || !Number.isFinite(value)) return false;
    if (last && Math.floor(last[0] / this.stepMs) === Math.floor(t / this.stepMs)) pts[pts.length - 1] = [t, value];
    else pts.push([t, value]);
    // V8 shifts a long array by moving its start: no copy of the points
    while (pts.length > 0 && (pts[0]![0] < from || pts.length > MAX_POINTS)) pts.shift();
    this.version++;
    return true;
  }

  /** Merges any points (mergePoints); true when the series changed. */
  merge(incoming: readonly SeriesPoint[], from: number): boolean {
    const merged = mergePoints(this.points, incoming, from, this.stepMs);
    if (merged === this.points) return false;
    // mergePoints returned a new array that nothing else holds
    this.points = merged as SeriesPoint[];
    this.version++;
    return true;
  }
}
