import type { TargetVerdict } from '@cityioc/contracts';
import { DEFAULT_NEAR_TOLERANCE, type ReportingIndicator } from './catalogue.ts';
import type { ReportPeriod } from './period.ts';

/** The most specific target for a unit and period, or null. */
export function targetFor(ind: ReportingIndicator, unit: string, period: ReportPeriod): number | null {
  let best: { score: number; value: number } | null = null;
  for (const t of ind.targets) {
    if (t.unit !== undefined && t.unit !== unit) continue;
    let periodScore = 0;
    if (t.period !== undefined) {
      if (t.period === period.id) periodScore = 2;
      else if (t.period === period.kind) periodScore = 1;
      else continue;
    }
    const score = (t.unit !== undefined ? 4 : 0) + periodScore;
    if (!best || score > best.score) best = { score, value: t.value };
  }
  return best ? best.value : null;
}

/**
 * met: at or beyond the target in the indicator's direction; near: short of it by at most the
 * tolerance (a share of the target, default 5 %); missed: further off; none: no value or no target.
 */
export function evaluateTarget(value: number | null, target: number | null, ind: Pick<ReportingIndicator, 'direction' | 'nearTolerance'>): TargetVerdict {
  if (value === null || target === null || !Number.isFinite(value)) return 'none';
  const tol = Math.abs(target) * (ind.nearTolerance ?? DEFAULT_NEAR_TOLERANCE);
  if (ind.direction === 'up') {
    if (value >= target) return 'met';
    return value >= target - tol ? 'near' : 'missed';
  }
  if (value <= target) return 'met';
  return value <= target + tol ? 'near' : 'missed';
}

export interface UnitValue {
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** A ratio value in display units (percent) from its parts; null when the denominator is 0. */
export function ratioPercent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? (numerator / denominator) * 100 : null;
}

/** The value shown for one unit: ratios from their parts when given, else the value as sent. */
export function displayValue(ind: Pick<ReportingIndicator, 'aggregation'>, v: Omit<UnitValue, 'unit'>): number | null {
  if (ind.aggregation === 'ratio' && v.numerator !== null && v.denominator !== null) return ratioPercent(v.numerator, v.denominator);
  return v.value;
}

/**
 * Combines units: ratio → Σnumerator/Σdenominator (null unless every unit sent both parts: an
 * average of percentages would be wrong), avg → mean, sum → Σ, last → null (not combinable).
 */
export function aggregateUnits(ind: Pick<ReportingIndicator, 'aggregation'>, values: readonly UnitValue[]): number | null {
  if (values.length === 0) return null;
  switch (ind.aggregation) {
    case 'ratio': {
      let n = 0;
      let d = 0;
      for (const v of values) {
        if (v.numerator === null || v.denominator === null) return null;
        n += v.numerator;
        d += v.denominator;
      }
      return ratioPercent(n, d);
    }
    case 'avg':
    case 'sum': {
      let s = 0;
      let c = 0;
      for (const v of values) {
        const x = displayValue(ind, v);
        if (x === null) continue;
        s += x;
        c++;
      }
      if (c === 0) return null;
      return ind.aggregation === 'avg' ? s / c : s;
    }
    case 'last':
      return values.length === 1 ? displayValue(ind, values[0]!) : null;
  }
}

export interface RankedUnit<T extends UnitValue> {
  rank: number;
  item: T;
  value: number;
}

/**
 * Ranks units best first (by direction); equal values share a rank (1, 2, 2, 4). Units without a
 * value are left out. Ties in order are broken by unit code so the order is stable.
 */
export function rankUnits<T extends UnitValue>(ind: Pick<ReportingIndicator, 'aggregation' | 'direction'>, values: readonly T[]): RankedUnit<T>[] {
  const withValue = values
    .map((item) => ({ item, value: displayValue(ind, item) }))
    .filter((x): x is { item: T; value: number } => x.value !== null)
    .sort((a, b) => (ind.direction === 'up' ? b.value - a.value : a.value - b.value) || a.item.unit.localeCompare(b.item.unit));
  const out: RankedUnit<T>[] = [];
  for (let i = 0; i < withValue.length; i++) {
    const x = withValue[i]!;
    const prev = out[i - 1];
    out.push({ rank: prev && prev.value === x.value ? prev.rank : i + 1, item: x.item, value: x.value });
  }
  return out;
}
