import type { DossierIndicatorRow, Label, RatioPairDto } from '@cityioc/contracts';
import { formatNumber, MISSING, type Lang } from '../format/format.ts';
import { formatPairAverage, formatPairPercent, pairValue } from './ratio.ts';

/**
 * The dossier indicators a screen can show or rank, as data: where each comes from in a
 * DossierIndicatorRow, how it reads and which way is better.
 */
export type DossierMetricId = 'onTime' | 'onlineSubmission' | 'onlinePayment' | 'digitisation' | 'avgDays' | 'received' | 'overdue';

export type MetricKind = 'ratio' | 'days' | 'count';

export interface DossierMetric {
  id: DossierMetricId;
  kind: MetricKind;
  /** up: more is better; down: less is better; none: a volume, neither. */
  direction: 'up' | 'down' | 'none';
  label: Label;
  /** The unit after a value: '%', 'ngày làm việc', 'hồ sơ'. */
  unit: Label;
  /** The 766 indicator it matches, when it is one. */
  ref766?: string;
  /** The catalogue indicator it is (its decimals are the page's and the export's), when it is one. */
  indicator?: string;
  pair?: (row: DossierIndicatorRow) => RatioPairDto;
  count?: (row: DossierIndicatorRow) => number;
}

const PERCENT: Label = { vi: '%', en: '%' };
const DOSSIERS: Label = { vi: 'hồ sơ', en: 'dossiers' };

type PairField = { [K in keyof DossierIndicatorRow]: DossierIndicatorRow[K] extends RatioPairDto ? K : never }[keyof DossierIndicatorRow];
type CountField = { [K in keyof DossierIndicatorRow]: DossierIndicatorRow[K] extends number ? K : never }[keyof DossierIndicatorRow];

/** A 766 rate (more is better), read from one ratio pair of the row. */
const rate = (id: DossierMetricId, ref766: string, field: PairField, label: Label, indicator: string): DossierMetric => ({
  id,
  kind: 'ratio',
  direction: 'up',
  label,
  unit: PERCENT,
  ref766,
  indicator,
  pair: (r) => r[field],
});

/** A dossier count, read from one integer of the row. */
const tally = (id: DossierMetricId, direction: DossierMetric['direction'], field: CountField, label: Label): DossierMetric => ({
  id,
  kind: 'count',
  direction,
  label,
  unit: DOSSIERS,
  count: (r) => r[field],
});

export const DOSSIER_METRICS: Readonly<Record<DossierMetricId, DossierMetric>> = {
  onTime: rate('onTime', '2.1', 'onTime', { vi: 'Tỷ lệ giải quyết đúng hạn', en: 'On-time rate' }, 'dossiers_on_time_rate'),
  onlineSubmission: rate('onlineSubmission', '3.3', 'onlineSubmission', { vi: 'Tỷ lệ nộp trực tuyến', en: 'Online submission rate' }, 'dossiers_online_rate'),
  onlinePayment: rate('onlinePayment', '3.6', 'onlinePayment', { vi: 'Tỷ lệ thanh toán trực tuyến', en: 'Online payment rate' }, 'online_payment_rate'),
  digitisation: rate('digitisation', '4.2', 'digitisation', { vi: 'Tỷ lệ số hóa hồ sơ', en: 'Digitisation rate' }, 'dossiers_digitised_rate'),
  avgDays: {
    id: 'avgDays',
    kind: 'days',
    direction: 'down',
    label: { vi: 'Thời gian giải quyết trung bình', en: 'Average processing time' },
    unit: { vi: 'ngày làm việc', en: 'working days' },
    ref766: '2.2',
    pair: (r) => r.avgProcessingWorkingDays,
  },
  received: tally('received', 'none', 'received', { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' }),
  overdue: tally('overdue', 'down', 'overdue', { vi: 'Hồ sơ đang quá hạn', en: 'Dossiers currently overdue' }),
};

/** The order the analyst page offers them in. */
export const METRIC_IDS: readonly DossierMetricId[] = ['onTime', 'onlineSubmission', 'onlinePayment', 'digitisation', 'avgDays', 'received', 'overdue'];

export function isMetricId(value: unknown): value is DossierMetricId {
  return typeof value === 'string' && (METRIC_IDS as readonly string[]).includes(value);
}

/** The pair behind a ratio or average; null for counts. */
export function metricPair(metric: DossierMetric, row: DossierIndicatorRow | null | undefined): RatioPairDto | null {
  if (!row || !metric.pair) return null;
  return metric.pair(row) ?? null;
}

/** The comparable number: a fraction for ratios, working days for averages, a count; null when not measurable. */
export function metricValue(metric: DossierMetric, row: DossierIndicatorRow | null | undefined): number | null {
  if (!row) return null;
  if (metric.count) {
    const n = metric.count(row);
    return Number.isFinite(n) ? n : null;
  }
  return pairValue(metricPair(metric, row));
}

/** The displayed value: '92,3 %', '4,2', '1.164'; 'N/A' for a zero denominator, '—' when missing. */
export function formatMetric(metric: DossierMetric, row: DossierIndicatorRow | null | undefined, lang: Lang, decimals = 1): string {
  if (!row) return MISSING;
  if (metric.kind === 'count') return formatNumber(metricValue(metric, row), 0, lang);
  const pair = metricPair(metric, row);
  return metric.kind === 'ratio' ? formatPairPercent(pair, decimals, lang) : formatPairAverage(pair, decimals, lang);
}

/**
 * The decimals a metric is shown with: the catalogue indicator's for a rate (the server's export
 * rounds to the same), one for working days, none for counts.
 */
export function metricDecimals(metric: DossierMetric, decimalsOf: (indicator: string) => number | undefined): number {
  if (metric.kind === 'count') return 0;
  return (metric.indicator ? decimalsOf(metric.indicator) : undefined) ?? 1;
}
