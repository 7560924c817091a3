import type { DossierIndicatorRow, RatioPairDto } from '@cityioc/contracts';
import { formatNumber, formatPercent, MISSING, type Lang } from '../../format/format.ts';
import type { KpiTarget } from '../kpi-tiles/kpi-tiles.model.ts';
import { clampFraction, formatPairAverage, formatPairFraction, formatPairPercent, NOT_APPLICABLE, pairValue } from '../../dossiers/ratio.ts';

/**
 * The headline figures of the "Hành chính công" scene for one unit and period, from the total row
 * of the indicators API. Labels and detail sentences are i18n keys; the numbers are formatted here.
 */
export type ProcedureFigureId =
  'received' | 'inProcess' | 'completedOnTime' | 'completedLate' | 'overdue' | 'onlineSubmission' | 'onlinePayment' | 'digitisation' | 'avgDays';

export const PROCEDURE_COUNT_FIGURES: readonly ProcedureFigureId[] = ['received', 'inProcess', 'completedOnTime', 'completedLate', 'overdue'];
export const PROCEDURE_RATE_FIGURES: readonly ProcedureFigureId[] = ['onlineSubmission', 'onlinePayment', 'digitisation', 'avgDays'];

/** Government target for online payment (Cần Thơ reached 42.4 % in 2023, seed 003). */
export const ONLINE_PAYMENT_TARGET = 0.3;
/** The published Cần Thơ 2023 figure, shown beside the target for context. */
export const ONLINE_PAYMENT_CAN_THO_2023 = 0.424;

export interface ProcedureFigure {
  id: ProcedureFigureId;
  kind: 'count' | 'ratio' | 'days';
  /** The number a test compares with the API: the count, the fraction, or the days; null when not measurable. */
  raw: number | null;
  /** '1.164', '92,3', '4,2', 'N/A', '—' */
  valueText: string;
  /** ' %' after a percentage; '' otherwise. */
  suffix: string;
  /** Ratios and averages: the bar (0..1) to draw; null otherwise. */
  progress: number | null;
  target: KpiTarget | null;
  /** Lines under the value: i18n keys under admin.detail and their values, e.g. ('pair', { pair: '1.074 / 1.164' }). */
  details: { key: string; values: Record<string, string> }[];
  /** good / bad colouring for figures that have a better direction. */
  tone: 'good' | 'bad' | null;
}

type Detail = ProcedureFigure['details'][number];

function count(id: ProcedureFigureId, value: number, lang: Lang, detail: Detail, tone: ProcedureFigure['tone'] = null): ProcedureFigure {
  const ok = Number.isFinite(value);
  return {
    id,
    kind: 'count',
    raw: ok ? value : null,
    valueText: formatNumber(ok ? value : null, 0, lang),
    suffix: '',
    progress: null,
    target: null,
    details: [detail],
    tone,
  };
}

function share(part: number, whole: number, lang: Lang): string {
  return whole > 0 ? formatPercent(part / whole, 1, lang) : NOT_APPLICABLE;
}

function ratio(id: ProcedureFigureId, pair: RatioPairDto, lang: Lang, target?: number): ProcedureFigure {
  const value = pairValue(pair);
  const text = formatPairPercent(pair, 1, lang);
  const hasNumber = text.endsWith(' %');
  return {
    id,
    kind: 'ratio',
    raw: value,
    valueText: hasNumber ? text.slice(0, -2) : text,
    suffix: hasNumber ? ' %' : '',
    progress: clampFraction(value),
    target: target === undefined ? null : { text: formatPercent(target, 0, lang), fraction: target, met: value === null ? null : value >= target },
    details: [{ key: 'pair', values: { pair: formatPairFraction(pair, lang) } }],
    tone: null,
  };
}

/** The nine figures in screen order: five counts, then three rates and the average processing time. */
export function buildProcedureFigures(total: DossierIndicatorRow | null | undefined, lang: Lang): ProcedureFigure[] {
  if (!total) {
    return [...PROCEDURE_COUNT_FIGURES, ...PROCEDURE_RATE_FIGURES].map((id) => ({
      id,
      kind: PROCEDURE_COUNT_FIGURES.includes(id) ? 'count' : id === 'avgDays' ? 'days' : 'ratio',
      raw: null,
      valueText: MISSING,
      suffix: '',
      progress: null,
      target: null,
      details: [],
      tone: null,
    }));
  }
  const onTimeRate = formatPairPercent(total.onTime, 1, lang);
  const avg = pairValue(total.avgProcessingWorkingDays);
  const payment = ratio('onlinePayment', total.onlinePayment, lang, ONLINE_PAYMENT_TARGET);
  payment.details.push({ key: 'reference', values: { reference: formatPercent(ONLINE_PAYMENT_CAN_THO_2023, 1, lang) } });
  return [
    count('received', total.received, lang, { key: 'completed', values: { count: formatNumber(total.completed, 0, lang) } }),
    count('inProcess', total.inProcess, lang, { key: 'shareOfReceived', values: { share: share(total.inProcess, total.received, lang) } }),
    count('completedOnTime', total.completedOnTime, lang, { key: 'onTimeRate', values: { rate: onTimeRate } }, 'good'),
    count(
      'completedLate',
      total.completedLate,
      lang,
      { key: 'shareOfCompleted', values: { share: share(total.completedLate, total.completed, lang) } },
      total.completedLate > 0 ? 'bad' : null,
    ),
    count('overdue', total.overdue, lang, { key: 'overdue', values: {} }, total.overdue > 0 ? 'bad' : null),
    ratio('onlineSubmission', total.onlineSubmission, lang),
    payment,
    ratio('digitisation', total.digitisation, lang),
    {
      id: 'avgDays',
      kind: 'days',
      raw: avg,
      valueText: formatPairAverage(total.avgProcessingWorkingDays, 1, lang),
      suffix: '',
      progress: null,
      target: null,
      details: [{ key: 'avgDays', values: { count: formatNumber(total.avgProcessingWorkingDays.denominator, 0, lang) } }],
      tone: null,
    },
  ];
}
