import type { Official766Score } from '@cityioc/contracts';
import { SCORE_766_THRESHOLDS, type Score766Group, type Score766GroupId, type Score766Scheme, type Score766SchemeId } from './groups.ts';

/**
 * Points for a ratio R (0–1) with maximum Pmax: with a threshold T, Pmax when R ≥ T and
 * R × Pmax / T below it; without one, R × Pmax. R is clamped to [0, 1]; no ratio (a zero
 * denominator) earns 0.
 */
export function pointsForRatio(ratio: number | null, maxScore: number, threshold?: number): number {
  if (ratio === null || !Number.isFinite(ratio)) return 0;
  const r = Math.min(1, Math.max(0, ratio));
  if (threshold === undefined) return r * maxScore;
  return r >= threshold ? maxScore : (r * maxScore) / threshold;
}

/** Points of a 766 indicator ('3.3', '5.4' …) using its threshold, if it has one. */
export function indicatorPoints(indicator: string | null, ratio: number | null, maxScore: number): number {
  return pointsForRatio(ratio, maxScore, indicator === null ? undefined : SCORE_766_THRESHOLDS[indicator]);
}

export interface GroupScore {
  id: Score766GroupId;
  score: number;
  maxScore: number;
  /** False when a metric had no ratio or no known maximum: the score is then a lower bound. */
  complete: boolean;
  /** Metrics that could not be scored. */
  missing: string[];
}

/**
 * A group's score from its metrics' ratios (keyed by metric id). `maxScores` supplies the share
 * of metrics whose maximum the portal does not publish (e.g. a province's own reading of the
 * online-service split); without it those metrics are reported missing, not guessed.
 */
export function groupScore(
  group: Score766Group,
  ratios: Readonly<Record<string, number | null>>,
  maxScores: Readonly<Record<string, number>> = {},
): GroupScore {
  let score = 0;
  const missing: string[] = [];
  for (const metric of group.metrics) {
    const max = maxScores[metric.id] ?? metric.maxScore;
    if (max === 0) continue;
    const ratio = ratios[metric.id];
    if (max === null || ratio === undefined) {
      missing.push(metric.id);
      continue;
    }
    score += indicatorPoints(metric.indicator, ratio, max);
  }
  return { id: group.id, score: Math.min(score, group.maxScore), maxScore: group.maxScore, complete: missing.length === 0, missing };
}

/** The unit's total: the sum of its group scores, out of the scheme's maximum (100). */
export function totalScore(groups: readonly { score: number }[], scheme: Score766Scheme): { total: number; maxTotal: number } {
  return { total: groups.reduce((s, g) => s + g.score, 0), maxTotal: scheme.groups.reduce((s, g) => s + g.maxScore, 0) };
}

/** Rounds points as the portal shows them (2 decimals). */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/** A 766 score we computed from dossier events and other feeds. */
export interface Computed766Score {
  kind: 'computed';
  scheme: Score766SchemeId;
  unitCode: string;
  period: string;
  total: number;
  maxTotal: number;
  complete: boolean;
  groups: GroupScore[];
  /** The clock the score was computed at, epoch ms. */
  asOf: number;
}

export type Score766Point = Computed766Score | Official766Score;

/**
 * A series of scores of one unit, all of one kind. Computed and official scores never share a
 * series: the portal uses other denominators (the national reporting system, the sync ratio), so
 * a chart that mixed them would show jumps that are not real.
 */
export interface ComputedScoreSeries {
  kind: 'computed';
  unitCode: string;
  /** In period order; one point per period. */
  points: readonly Computed766Score[];
}

/** Scores imported from the national portal (see `Official766ScoreSchema` in the contracts). */
export interface OfficialScoreSeries {
  kind: 'official';
  unitCode: string;
  points: readonly Official766Score[];
}

export type Score766Series = ComputedScoreSeries | OfficialScoreSeries;

/**
 * Adds a point to a series, replacing the point of the same period. Throws when the point's kind
 * or unit is not the series' — mixing is a programming error, not data to keep.
 */
export function addScorePoint(series: ComputedScoreSeries, point: Computed766Score): ComputedScoreSeries;
export function addScorePoint(series: OfficialScoreSeries, point: Official766Score): OfficialScoreSeries;
export function addScorePoint(series: Score766Series, point: Score766Point): Score766Series {
  if (point.kind !== series.kind) throw new TypeError(`a ${point.kind} score cannot join a ${series.kind} series`);
  if (point.unitCode !== series.unitCode) throw new TypeError(`a score of ${point.unitCode} cannot join the series of ${series.unitCode}`);
  const points: Score766Point[] = series.points.filter((p) => p.period !== point.period);
  points.push(point);
  points.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return { ...series, points } as Score766Series;
}
