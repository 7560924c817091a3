import type { IndicatorHistoryResponse, SubmissionStatus } from '@cityioc/contracts';
import { aggregateUnits, periodLabel, parseReportPeriod, targetFor, type ReportingIndicator } from '@cityioc/domain';
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml, formatNumber, type Lang } from '../format/format.ts';
import { UI, UNIT_PALETTE, paletteColor } from '../theme/theme.ts';
import { deskLineFrame } from './desk-chart.ts';

/**
 * The charts of /analyst/reporting, pure: the indicator's values by period — the chosen unit's, or
 * with every unit the aggregate of the units that reported (the domain's rule: Σnumerator/Σdenominator
 * for ratios, never an average of percentages) — against the target line; and the units of the
 * indicator's regime by submission status for a period.
 */
export type ChartIndicator = Pick<ReportingIndicator, 'id' | 'aggregation' | 'decimals' | 'unit'> & { targets?: ReportingIndicator['targets'] };

export interface ReportingSeries {
  periods: string[];
  values: (number | null)[];
  /** The target of the last period for the unit drawn (its own, else the city's default); null without one. */
  target: number | null;
}

/** The values drawn: one unit's (`unit`), or the aggregate of every unit of the answer per period. */
export function reportingSeries(h: IndicatorHistoryResponse, ind: ChartIndicator, unit: string | null): ReportingSeries {
  const periods = [...h.periods];
  const values = periods.map((period) => {
    const pts = h.points.filter((p) => p.period === period && (unit === null || p.unit === unit) && p.value !== null);
    if (pts.length === 0) return null;
    // one unit's value, or the only unit that reported (a ratio sent without its parts cannot be added up with others)
    if (unit !== null || pts.length === 1) return pts[0]!.value;
    return aggregateUnits(ind, pts);
  });
  const last = periods.at(-1);
  let target: number | null = null;
  const parsed = last === undefined ? null : parseReportPeriod(last);
  if (parsed?.ok && ind.targets) target = targetFor({ ...ind, targets: ind.targets } as ReportingIndicator, unit ?? '', parsed.period);
  return { periods, values, target };
}

export interface HistoryChartInput {
  series: ReportingSeries;
  /** The line's name: the unit's, or "every unit". */
  name: string;
  targetLabel: string;
  unit: string;
  decimals: number;
  lang: Lang;
}

export function reportingHistoryOption(input: HistoryChartInput): EChartsCoreOption {
  const { series: s, lang, decimals } = input;
  const fmt = (v: unknown) => (typeof v === 'number' ? `${formatNumber(v, decimals, lang)} ${input.unit}`.trim() : '—');
  const line: Record<string, unknown> = {
    name: input.name,
    type: 'line',
    data: s.values,
    connectNulls: false,
    symbolSize: 7,
    lineStyle: { width: 2.5, color: paletteColor(UNIT_PALETTE, 0) },
    itemStyle: { color: paletteColor(UNIT_PALETTE, 0) },
  };
  if (s.target !== null)
    line.markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: UI.label, type: 'dashed', width: 1.5 },
      label: { color: UI.label, position: 'insideEndTop', formatter: `${input.targetLabel}: ${fmt(s.target)}` },
      data: [{ yAxis: s.target }],
    };
  return {
    ...deskLineFrame({ left: 56, right: 24, top: 36, bottom: 40 }, (p) => fmt(p.value)),
    xAxis: { type: 'category', data: s.periods.map((p) => periodLabel(p, lang)), axisLabel: { color: UI.muted } },
    yAxis: {
      type: 'value',
      scale: true,
      splitLine: { lineStyle: { color: UI.grid } },
      axisLabel: { color: UI.muted, formatter: (v: number) => formatNumber(v, decimals, lang) },
    },
    series: [line],
  };
}

/** The statuses in the order a reader follows a report: not due, due, sent on time, sent late, overdue, returned, accepted. */
export const STATUS_ORDER: readonly SubmissionStatus[] = ['not_due', 'due', 'submitted_on_time', 'submitted_late', 'overdue', 'returned', 'accepted'];
const STATUS_COLOR: Record<SubmissionStatus, string> = {
  not_due: '#64748b',
  due: '#38bdf8',
  submitted_on_time: '#34d399',
  submitted_late: '#fbbf24',
  overdue: '#f87171',
  returned: '#fb923c',
  accepted: '#22c55e',
};

/** Units per submission status as horizontal bars, every status listed (zero included), labelled with its count. */
export function statusCountsOption(counts: Readonly<Record<SubmissionStatus, number>>, label: (s: SubmissionStatus) => string, lang: Lang): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 120, right: 40, top: 8, bottom: 24 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name?: string; value?: unknown }) => `${escapeHtml(p.name ?? '')}: <b>${formatNumber(Number(p.value), 0, lang)}</b>`,
    },
    xAxis: {
      type: 'value',
      minInterval: 1,
      splitLine: { lineStyle: { color: UI.grid } },
      axisLabel: { color: UI.muted, formatter: (v: number) => formatNumber(v, 0, lang) },
    },
    yAxis: { type: 'category', inverse: true, data: STATUS_ORDER.map(label), axisLabel: { color: UI.label } },
    series: [
      {
        type: 'bar',
        data: STATUS_ORDER.map((s) => ({ value: counts[s], itemStyle: { color: STATUS_COLOR[s] } })),
        label: { show: true, position: 'right', color: UI.label, formatter: (p: { value?: unknown }) => formatNumber(Number(p.value), 0, lang) },
      },
    ],
  };
}

/** The chart's text alternative: every point in the order drawn ('Quý I/2026: 81,2 %; …'). */
export function seriesText(s: ReportingSeries, unit: string, decimals: number, lang: Lang): string {
  return s.periods
    .map((p, i) => `${periodLabel(p, lang)}: ${s.values[i] === null ? '—' : `${formatNumber(s.values[i]!, decimals, lang)} ${unit}`.trim()}`)
    .join('; ');
}
