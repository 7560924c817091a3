import type { AnalystPoint, AnalystSeriesResponse } from '@cityioc/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatNumber, formatPercent, type Lang } from '../format/format.ts';
import { periodLabel } from '@cityioc/domain';
import { deskLineFrame, type AxisTooltipParam } from '../analyst/desk-chart.ts';
import { paletteColor, UI, UNIT_PALETTE } from '../theme/theme.ts';

export interface TrendInput {
  response: AnalystSeriesResponse;
  lang: Lang;
  decimals: number;
  /** Suffix of the previous range's lines: ' (kỳ trước)'. */
  previousSuffix: string;
  /** Suffix of an estimated value in the tooltip: ' (ước tính)'. */
  estimatedSuffix?: string;
}

/**
 * A point of history re-aggregated onto today's units that rests on a split unit (its share
 * comes from a crosswalk weight): the server marks it `estimated: true` (view=today).
 */
export function isEstimated(p: AnalystPoint | null | undefined): boolean {
  return (p as (AnalystPoint & { estimated?: unknown }) | null | undefined)?.estimated === true;
}

/** Whether any value of the response rests on an estimate (the page then explains the mark). */
export function hasEstimated(r: AnalystSeriesResponse): boolean {
  const all = [...r.series, ...(r.compare?.series ?? [])];
  return all.some((s) => s.points.some(isEstimated));
}

/** A value as the page shows it: ratios as vi-VN percentages, others as vi-VN numbers. */
export function formatExplorerValue(value: number | null | undefined, aggregation: string, decimals: number, lang: Lang): string {
  return aggregation === 'ratio' ? formatPercent(value, decimals, lang) : formatNumber(value, decimals, lang);
}

/**
 * Pure: the trend of each compared unit over the range (ratios in %), and with compare=previous
 * the range before it as dashed lines on the same x positions. Names come from the catalogue but
 * tooltips are HTML in ECharts, so every text is escaped.
 */
export function buildTrendOption(input: TrendInput): EChartsCoreOption {
  const { response: r, lang, decimals } = input;
  const ratio = r.aggregation === 'ratio';
  const y = (v: number | null) => (v === null ? null : ratio ? v * 100 : v);
  const labels = r.series[0]?.points.map((p) => periodLabel(p.period, lang)) ?? [];
  // An estimated value is drawn as a hollow diamond, so the chart says it without a tooltip.
  const datum = (p: AnalystPoint) => (isEstimated(p) ? { value: y(p.value), symbol: 'emptyDiamond', symbolSize: 11, estimated: true } : y(p.value));
  const series: object[] = r.series.map((s, i) => ({
    name: s.name,
    type: 'line',
    data: s.points.map(datum),
    connectNulls: false,
    symbolSize: 6,
    lineStyle: { width: 2.5, color: paletteColor(UNIT_PALETTE, i) },
    itemStyle: { color: paletteColor(UNIT_PALETTE, i) },
  }));
  if (r.compare)
    r.compare.series.forEach((s, i) =>
      series.push({
        name: `${s.name}${input.previousSuffix}`,
        type: 'line',
        data: s.points.map((p) => y(p.value)),
        symbol: 'none',
        lineStyle: { width: 1.5, type: 'dashed', color: paletteColor(UNIT_PALETTE, i), opacity: 0.7 },
        itemStyle: { color: paletteColor(UNIT_PALETTE, i) },
      }),
    );
  const fmt = (v: unknown) => (typeof v === 'number' ? (ratio ? `${formatNumber(v, decimals, lang)} %` : formatNumber(v, decimals, lang)) : '—');
  const est = (p: AxisTooltipParam) => ((p.data as { estimated?: unknown } | null)?.estimated === true ? (input.estimatedSuffix ?? '') : '');
  return {
    ...deskLineFrame({ left: 56, right: 16, top: 36, bottom: 40 }, (p) => fmt(p.value), est),
    xAxis: { type: 'category', data: labels, axisLabel: { color: UI.muted } },
    yAxis: { type: 'value', scale: !ratio, axisLabel: { color: UI.muted, formatter: (v: number) => formatNumber(v, ratio ? 0 : decimals, lang) } },
    series,
  };
}

export interface UnitRow {
  area: string;
  name: string;
  period: string | null;
  value: number | null;
  valueText: string;
  previousPeriod: string | null;
  previousText: string;
  changeText: string;
  /** The value (and the previous one) rest on a crosswalk estimate. */
  estimated: boolean;
  previousEstimated: boolean;
}

/**
 * Side by side: per unit, the last period of the range against the one before it (from the
 * series itself, or from the comparison range when the range is one period long).
 */
export function unitRows(r: AnalystSeriesResponse, decimals: number, lang: Lang): UnitRow[] {
  const ratio = r.aggregation === 'ratio';
  return r.series.map((s, i) => {
    const last = s.points[s.points.length - 1] ?? null;
    const prev = s.points.length >= 2 ? s.points[s.points.length - 2]! : (r.compare?.series[i]?.points.at(-1) ?? null);
    const v = last?.value ?? null;
    const pv = prev?.value ?? null;
    let changeText = '—';
    if (v !== null && pv !== null) {
      const d = ratio ? (v - pv) * 100 : v - pv;
      const text = formatNumber(Math.abs(d), decimals, lang);
      changeText = `${d > 0 ? '+' : d < 0 ? '\u2212' : ''}${text}${ratio ? (lang === 'vi' ? ' điểm %' : ' pp') : ''}`;
    }
    return {
      area: s.area,
      name: s.name,
      period: last?.period ?? null,
      value: v,
      valueText: formatExplorerValue(v, r.aggregation, decimals, lang),
      previousPeriod: prev?.period ?? null,
      previousText: formatExplorerValue(pv, r.aggregation, decimals, lang),
      changeText,
      estimated: isEstimated(last),
      previousEstimated: isEstimated(prev),
    };
  });
}
