import type { Label } from '@cityioc/contracts';
import type { MetricValue } from './formulas.ts';
import { SCORE_766_THRESHOLDS, type Score766GroupId, type Score766ItemKind, type Score766Scheme, type Score766SchemeId } from './groups.ts';
import { roundPoints } from './scoring.ts';

/**
 * The split of a group's points among its metrics where the scheme does not publish it (the
 * online-service and payment groups of the portal, most of the 2022 text): data a city supplies
 * from its province's own 766 decision, never guessed. Kept per scheme and group.
 */
export interface Score766Split {
  scheme: Score766SchemeId;
  group: Score766GroupId;
  /** metric id → maximum points; they must add up to the group's maximum. */
  metrics: Readonly<Record<string, number>>;
  /** The decision or document the split comes from. */
  source: string;
}

/**
 * Points for a ratio R (0–1) with maximum Pmax and threshold T (BRIEF §1.3): Pmax when R ≥ T,
 * R × Pmax / T below it; R × Pmax without a threshold. No ratio, no points (null): "no data" is
 * never scored as 0.
 */
export function metricPoints(ratio: number | null, max: number, threshold: number | null): number | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  const r = Math.min(1, Math.max(0, ratio));
  if (threshold === null) return r * max;
  return r >= threshold ? max : (r * max) / threshold;
}

export interface ScoredMetric extends MetricValue {
  code: string;
  indicator: string | null;
  name: Label;
  threshold: number | null;
  /** null: no data, or a share of the group the scheme does not publish (and no split is configured). */
  points: number | null;
  /** null: the scheme does not publish this metric's share. */
  max: number | null;
  /** 'published': the scheme's maximum; 'configured': a split the city supplied; 'unpublished': no maximum known. */
  split: 'published' | 'configured' | 'unpublished';
  /** false for tracked-only (maximum 0) and shown-only metrics. */
  scored: boolean;
  counts: Score766ItemKind | null;
  note: string | null;
}

export interface ScoredGroup {
  id: Score766GroupId;
  apiId: string | null;
  name: Label;
  /**
   * Σ of the points of its scored metrics; null when no metric of it could be scored (no data, or
   * a split that is not published). `complete` is false when some scored metric has no points:
   * the group's points are then a lower bound.
   */
  points: number | null;
  max: number;
  complete: boolean;
  /** Metric codes without points although the group scores them. */
  missing: string[];
  split: 'published' | 'configured' | 'unpublished';
  splitSource: string | null;
  metrics: ScoredMetric[];
}

export interface Scorecard {
  scheme: Score766SchemeId;
  total: { points: number; max: number; complete: boolean; missingGroups: Score766GroupId[] };
  groups: ScoredGroup[];
}

/**
 * Scores metric values under a scheme: each metric's points from its ratio, its maximum (the
 * scheme's, or a configured split's) and its threshold; the groups' points as the Σ of their
 * metrics'; the total as the Σ of the groups', out of the scheme's 100.
 */
export function scoreScheme(scheme: Score766Scheme, values: Readonly<Record<string, MetricValue>>, splits: readonly Score766Split[] = []): Scorecard {
  const groups: ScoredGroup[] = scheme.groups.map((g) => {
    const split = splits.find((s) => s.scheme === scheme.id && s.group === g.id) ?? null;
    const metrics: ScoredMetric[] = g.metrics.map((m) => {
      const v = values[m.id] ?? { ratio: null, numerator: null, denominator: null, noData: true };
      const configured = m.maxScore === null && split ? (split.metrics[m.id] ?? null) : null;
      const max = m.maxScore ?? configured;
      const threshold = m.indicator !== null ? (SCORE_766_THRESHOLDS[m.indicator] ?? null) : null;
      const scored = max !== null && max > 0 && m.id !== '2.2';
      const raw = scored ? metricPoints(v.ratio, max, threshold) : max === 0 ? 0 : null;
      return {
        ...v,
        code: m.id,
        indicator: m.indicator,
        name: m.name,
        threshold,
        points: raw === null ? null : roundPoints(raw),
        max,
        split: m.maxScore !== null ? 'published' : configured !== null ? 'configured' : 'unpublished',
        scored,
        counts: m.counts ?? null,
        note: m.note ?? null,
      };
    });
    const scoredMetrics = metrics.filter((x) => x.scored || x.split === 'unpublished');
    const missing = scoredMetrics.filter((x) => x.points === null).map((x) => x.code);
    const withPoints = metrics.filter((x) => x.scored && x.points !== null);
    const points =
      withPoints.length === 0
        ? null
        : roundPoints(
            Math.min(
              g.maxScore,
              withPoints.reduce((s, x) => s + x.points!, 0),
            ),
          );
    const unpublished = metrics.some((x) => x.split === 'unpublished' && x.max === null);
    return {
      id: g.id,
      apiId: g.apiId,
      name: g.name,
      points,
      max: g.maxScore,
      complete: missing.length === 0,
      missing,
      split: unpublished ? 'unpublished' : split ? 'configured' : 'published',
      splitSource: split?.source ?? null,
      metrics,
    };
  });
  const max = scheme.groups.reduce((s, g) => s + g.maxScore, 0);
  return {
    scheme: scheme.id,
    total: {
      points: roundPoints(groups.reduce((s, g) => s + (g.points ?? 0), 0)),
      max,
      complete: groups.every((g) => g.complete),
      missingGroups: groups.filter((g) => g.points === null).map((g) => g.id),
    },
    groups,
  };
}

/** Problems of a configured split (unknown group or metric, a metric the scheme already scores, a sum that is not the group's maximum). */
export function splitErrors(split: Score766Split, scheme: Score766Scheme): string[] {
  const g = scheme.groups.find((x) => x.id === split.group);
  if (!g) return [`scheme ${scheme.id} has no group '${split.group}'`];
  const errors: string[] = [];
  let sum = 0;
  for (const [code, max] of Object.entries(split.metrics)) {
    const m = g.metrics.find((x) => x.id === code);
    if (!m) errors.push(`group ${g.id} has no metric '${code}'`);
    else if (m.maxScore !== null) errors.push(`metric ${code} already has a published maximum (${m.maxScore})`);
    if (!(Number.isFinite(max) && max >= 0)) errors.push(`metric ${code}: a maximum is a number ≥ 0`);
    sum += max;
  }
  const published = g.metrics.reduce((s, m) => s + (m.maxScore ?? 0), 0);
  const unpublished = g.metrics.filter((m) => m.maxScore === null).map((m) => m.id);
  for (const code of unpublished) if (!(code in split.metrics)) errors.push(`metric ${code} of group ${g.id} has no maximum in the split`);
  if (errors.length === 0 && Math.abs(sum + published - g.maxScore) > 1e-9)
    errors.push(`the maxima add up to ${sum + published}, not the group's ${g.maxScore}`);
  return errors;
}
