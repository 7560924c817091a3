import type { DossierIndicatorRow, DossierIndicatorsResponse } from '@cityioc/contracts';
import { formatSigned, MISSING, type Lang } from '../format/format.ts';
import { formatMetric, metricPair, metricValue, type DossierMetric } from './metrics.ts';
import { formatPairFraction } from './ratio.ts';

/**
 * Ranking units (districts or agencies) on one dossier indicator, and the change against the
 * previous period. Pure: the two API responses in, display rows out.
 */
export type Trend = 'better' | 'worse' | 'same' | 'neutral';

export interface Change {
  /** current − previous in the metric's own terms: a fraction for ratios, days, a count. */
  delta: number;
  /** For ratios, percentage points (delta × 100); otherwise equal to delta. */
  shown: number;
  /** Counts only: the change relative to the previous value; null when the previous was 0. */
  relative: number | null;
  text: string;
  trend: Trend;
}

export interface RankedRow {
  key: string;
  name: string;
  /** 1-based; equal values share a rank (1, 2, 2, 4); units without a value are not ranked. */
  rank: number | null;
  value: number | null;
  valueText: string;
  numerator: number | null;
  denominator: number | null;
  pairText: string | null;
  previous: number | null;
  previousText: string;
  change: Change | null;
}

export interface Ranking {
  rows: RankedRow[];
  total: RankedRow | null;
}

/** 'điểm %' after a percentage-point change; 'pp' in English. */
const POINTS: Record<Lang, string> = { vi: 'điểm %', en: 'pp' };
const DAYS: Record<Lang, string> = { vi: 'ngày', en: 'days' };

/** current − previous, signed and labelled, and whether it is an improvement. Null when either side is missing. */
export function computeChange(metric: DossierMetric, current: number | null, previous: number | null, lang: Lang, decimals = 2): Change | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const delta = current - previous;
  let shown = delta;
  let text: string;
  let relative: number | null = null;
  if (metric.kind === 'ratio') {
    shown = delta * 100;
    text = `${formatSigned(shown, decimals, lang)} ${POINTS[lang]}`;
  } else if (metric.kind === 'days') {
    text = `${formatSigned(delta, decimals, lang)} ${DAYS[lang]}`;
  } else {
    relative = previous === 0 ? null : delta / previous;
    text = formatSigned(delta, 0, lang) + (relative === null ? '' : ` (${formatSigned(relative * 100, 1, lang)} %)`);
  }
  // "Same" when the change does not show at the displayed precision.
  const precision = metric.kind === 'count' ? 0.5 : 0.5 * 10 ** -decimals;
  const tiny = Math.abs(shown) < precision;
  const trend: Trend = metric.direction === 'none' ? 'neutral' : tiny ? 'same' : delta > 0 === (metric.direction === 'up') ? 'better' : 'worse';
  return { delta, shown, relative, text, trend };
}

/**
 * Orders by the metric, best first ('down' metrics ascending, volumes largest first); equal values
 * share a rank; units without a value come last, unranked; names break ties for a stable order.
 * With `volumeOf` (the dossiers behind a rate), more volume ranks first among equal values and a
 * rank is shared only by a true tie: the same value and the same volume.
 */
export function rankByValue<T extends { name: string; value: number | null }>(
  metric: DossierMetric,
  items: readonly T[],
  volumeOf?: (item: T) => number,
): (T & { rank: number | null })[] {
  const sign = metric.direction === 'down' ? 1 : -1;
  const volume = (x: T) => (volumeOf ? volumeOf(x) : 0);
  const sorted = [...items].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? a.name.localeCompare(b.name, 'vi') : a.value === null ? 1 : -1;
    return sign * (a.value - b.value) || volume(b) - volume(a) || a.name.localeCompare(b.name, 'vi');
  });
  const out: (T & { rank: number | null })[] = [];
  sorted.forEach((item, i) => {
    const prev = out[i - 1];
    const tie = prev !== undefined && prev.value === item.value && volume(prev) === volume(item);
    const rank = item.value === null ? null : tie ? prev.rank : i + 1;
    out.push({ ...item, rank });
  });
  return out;
}

export interface RankingInput {
  metric: DossierMetric;
  current: DossierIndicatorsResponse;
  previous?: DossierIndicatorsResponse | null;
  /** Display name of a row key (district name, agency code). */
  nameOf: (key: string) => string;
  lang: Lang;
  decimals?: number;
}

function rowModel(input: RankingInput, key: string, row: DossierIndicatorRow | undefined, prevRow: DossierIndicatorRow | undefined | null) {
  const { metric, lang } = input;
  const decimals = input.decimals ?? 2;
  const value = metricValue(metric, row);
  const pair = metricPair(metric, row);
  const previous = prevRow === undefined || prevRow === null ? null : metricValue(metric, prevRow);
  return {
    key,
    name: input.nameOf(key),
    value,
    valueText: formatMetric(metric, row, lang, decimals),
    numerator: pair ? pair.numerator : null,
    denominator: pair ? pair.denominator : null,
    pairText: pair ? formatPairFraction(pair, lang, metric.kind === 'days' ? 1 : 0) : null,
    previous,
    previousText: prevRow ? formatMetric(metric, prevRow, lang, decimals) : MISSING,
    change: computeChange(metric, value, previous, lang, decimals),
  };
}

/** The ranked table of a response's rows, with the previous period's values beside them, and the total. */
export function buildRanking(input: RankingInput): Ranking {
  const prevByKey = new Map((input.previous?.rows ?? []).map((r) => [r.key, r]));
  const models = input.current.rows.map((r) => rowModel(input, r.key, r, input.previous ? (prevByKey.get(r.key) ?? null) : null));
  const rows = rankByValue(input.metric, models);
  const total = { ...rowModel(input, input.current.total.key, input.current.total, input.previous?.total ?? null), rank: null };
  return { rows, total };
}
