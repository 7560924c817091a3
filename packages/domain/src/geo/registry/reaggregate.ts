import type { CrosswalkWeights } from '@cityioc/contracts';
import type { AreaRegistry } from './area-registry.ts';
import { sharesAt } from './crosswalk.ts';

/**
 * One figure of a history series for one unit and period, as it was reported: on the code in force
 * on `date` (the period's own date). A count carries `count`; a ratio carries `num` and `den`.
 */
export interface HistoryPoint {
  period: string;
  /** ISO date the code is read at (e.g. the period's first day). */
  date: string;
  area: string;
  count?: number;
  num?: number;
  den?: number;
}

export interface AggregatedPoint {
  period: string;
  area: string;
  count?: number;
  num?: number;
  den?: number;
  /** Σnum / Σden; null when Σden is 0. Only for ratio points. */
  ratio?: number | null;
  /** The figure rests on a split (weights that are estimates). */
  estimated: boolean;
}

export interface Reaggregation {
  points: AggregatedPoint[];
  /** Points whose code was unknown on their date, or that map to no unit in force on the target date. */
  unmapped: HistoryPoint[];
}

/**
 * History "as today's units": every point is moved through the crosswalk onto the units in force on
 * `target`. Counts are split by weight; ratios are re-formed as Σnum/Σden with num and den split by
 * the same weight (never an average of ratios). Any figure resting on a split is marked estimated.
 */
export function reaggregateToDate(
  registry: AreaRegistry,
  points: readonly HistoryPoint[],
  target: string,
  weight: keyof CrosswalkWeights = 'population',
): Reaggregation {
  const acc = new Map<string, AggregatedPoint>();
  const unmapped: HistoryPoint[] = [];
  for (const p of points) {
    const shares = sharesAt(registry, p.area, p.date, target);
    if (shares.length === 0) {
      unmapped.push(p);
      continue;
    }
    for (const s of shares) {
      const w = s.weights[weight];
      if (w === 0) continue;
      accumulate(acc, p, s.code, w, s.estimated);
    }
  }
  return { points: finish(acc), unmapped };
}

/** History "as it was": each figure stays on the code it was reported on (summed per period and code). */
export function asItWas(points: readonly HistoryPoint[]): AggregatedPoint[] {
  const acc = new Map<string, AggregatedPoint>();
  for (const p of points) accumulate(acc, p, p.area, 1, false);
  return finish(acc);
}

function accumulate(acc: Map<string, AggregatedPoint>, p: HistoryPoint, area: string, w: number, estimated: boolean) {
  const key = `${p.period}\u0000${area}`;
  const cur = acc.get(key) ?? { period: p.period, area, estimated: false };
  if (typeof p.count === 'number') cur.count = (cur.count ?? 0) + p.count * w;
  if (typeof p.num === 'number' && typeof p.den === 'number') {
    cur.num = (cur.num ?? 0) + p.num * w;
    cur.den = (cur.den ?? 0) + p.den * w;
  }
  cur.estimated ||= estimated;
  acc.set(key, cur);
}

function finish(acc: Map<string, AggregatedPoint>): AggregatedPoint[] {
  const out = [...acc.values()];
  for (const p of out) if (p.den !== undefined) p.ratio = p.den > 0 ? p.num! / p.den : null;
  return out.sort((a, b) => a.period.localeCompare(b.period) || a.area.localeCompare(b.area));
}
