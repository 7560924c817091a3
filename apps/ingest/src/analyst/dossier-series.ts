import type { AnalystPoint } from '@cityioc/contracts';
import type { AdminIndicatorState, AdminIndicatorValues, RatioPair } from '@cityioc/domain';

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * One period of a dossier indicator for a unit: the cells of each unit code that counts, times its
 * weight (1 for a unit counted whole, a crosswalk weight for a part of a split one). Counts and
 * both parts of a ratio are split by the same weight, so the ratio stays Σnum/Σden.
 */
export function dossierPoint(
  cells: AdminIndicatorState,
  field: (v: AdminIndicatorValues) => number | RatioPair,
  period: string,
  now: number,
  weightOf: (code: string) => { weight: number; estimated: boolean },
): AnalystPoint {
  const codes = new Map<string, { weight: number; estimated: boolean }>();
  for (const c of cells.cellsOf(period)) if (!codes.has(c.area)) codes.set(c.area, weightOf(c.area));
  // one query per distinct weight (usually one: every code whole)
  const byWeight = new Map<number, Set<string>>();
  let estimated = false;
  for (const [code, w] of codes) {
    if (!(w.weight > 0)) continue;
    const set = byWeight.get(w.weight) ?? new Set<string>();
    set.add(code);
    byWeight.set(w.weight, set);
    estimated ||= w.estimated;
  }
  let count = 0;
  let received = 0;
  let num = 0;
  let den = 0;
  let ratio = false;
  for (const [w, set] of byWeight) {
    const v = cells.query(period, now, { area: (a) => set.has(a) });
    received += v.received * w;
    const x = field(v);
    if (typeof x === 'number') count += x * w;
    else {
      ratio = true;
      num += x.numerator * w;
      den += x.denominator * w;
    }
  }
  const point: AnalystPoint = ratio
    ? { period, value: den > 0 ? num / den : null, count: round(received), numerator: round(num), denominator: round(den) }
    : { period, value: received > 0 || count > 0 ? round(count) : null, count: round(received) };
  if (estimated) point.estimated = true;
  return point;
}
