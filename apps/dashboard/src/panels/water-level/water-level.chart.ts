import type { Band } from '@cityioc/contracts';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { escapeHtml, formatHourMinute, formatNumber, formatObservedAt, type Lang } from '../../format/format.ts';
import { CHART_FONT, FONT_SIZE, paletteColor, STATION_PALETTE, UI, wallChartFrame } from '../../theme/theme.ts';
import type { SeriesPoint } from './water-level.buffer.ts';

/** No ECharts legend: the station cards above the chart carry each series' colour and name. */
export type WaterLevelOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

/** The colour of the i-th station's line, shared with the station cards that serve as the legend. */
export function seriesColor(i: number): string {
  return paletteColor(STATION_PALETTE, i);
}

export interface WaterSeriesInput {
  stationId: string;
  name: string;
  points: readonly SeriesPoint[];
}

export interface WaterChartInput {
  series: readonly WaterSeriesInput[];
  /** The station whose alert levels are drawn as horizontal lines. */
  reference: { stationId: string; bands: readonly Band[] } | null;
  from: number;
  to: number;
  unit: string;
  lang: Lang;
  timeZone: string;
  /** 1 on a 1920-px-wide screen, 2 on 4K: canvas text does not follow CSS rem. */
  scale: number;
  /** Server-corrected now, to tell the tooltip which day it is. */
  now: number;
}

/** Alert thresholds to draw: bands with a finite start (BĐ I, II, III), ascending. */
export function alertThresholds(bands: readonly Band[]): (Band & { from: number })[] {
  return bands.filter((b): b is Band & { from: number } => b.from !== null && Number.isFinite(b.from));
}

const NICE_STEPS = [5, 10, 20, 25, 50, 100, 200, 250, 500];
const MAX_Y_INTERVALS = 4;
/** Alert lines closer together than this share of the y range get one label between them, not one each. */
const CROWDED_SHARE = 0.25;

/**
 * A y range that holds the data and the alert lines with some air, on a round step so every
 * tick (the first one included) lands on a round number.
 */
export function yRange(values: readonly number[]): { min: number; max: number; interval: number } | null {
  const b = { lo: Infinity, hi: -Infinity };
  for (const v of values) widen(b, v);
  return rangeOf(b.lo, b.hi);
}

/** Takes a finite value into the bounds. */
function widen(b: { lo: number; hi: number }, v: number): void {
  if (!Number.isFinite(v)) return;
  if (v < b.lo) b.lo = v;
  if (v > b.hi) b.hi = v;
}

function rangeOf(lo: number, hi: number): { min: number; max: number; interval: number } | null {
  if (!(lo <= hi)) return null;
  const pad = Math.max(5, (hi - lo) * 0.06);
  const span = hi - lo + 2 * pad;
  // At most four intervals: the panel is short on the wall, and 18 px tick labels need the room.
  const interval = NICE_STEPS.find((st) => span / st <= MAX_Y_INTERVALS) ?? 1000;
  return { min: Math.floor((lo - pad) / interval) * interval, max: Math.ceil((hi + pad) / interval) * interval, interval };
}

/**
 * Pure data → ECharts option for the water-level panel. Each line's data is its `points` array itself (no copy: the wall
 * holds up to 4,000 points × ~10 stations and rebuilds the option at every delta); the y range is read in one pass.
 */
export function buildWaterLevelOption(input: WaterChartInput): WaterLevelOption {
  const s = input.scale;
  const { lang, timeZone } = input;
  const thresholds = input.reference ? alertThresholds(input.reference.bands) : [];
  const bounds = { lo: Infinity, hi: -Infinity };
  for (const x of input.series) for (const p of x.points) widen(bounds, p[1]);
  for (const b of thresholds) widen(bounds, b.from);
  const range = rangeOf(bounds.lo, bounds.hi);
  const refIndex = Math.max(
    0,
    input.series.findIndex((x) => x.stationId === input.reference?.stationId),
  );
  const colorOf = new Map(input.series.map((x, i) => [x.name, seriesColor(i)]));
  const spread = thresholds.length > 1 ? thresholds[thresholds.length - 1]!.from - thresholds[0]!.from : 0;
  const crowded = range !== null && thresholds.length > 1 && spread / (range.max - range.min) < CROWDED_SHARE;
  const combined = thresholds.map((b) => `${b.label[lang]} ${formatNumber(b.from, 0, lang)}`).join(' · ');
  const font = { fontFamily: CHART_FONT, color: UI.muted, fontSize: FONT_SIZE.axis * s };

  const series: LineSeriesOption[] = input.series.map((x, i) => {
    const line: LineSeriesOption = {
      type: 'line',
      id: x.stationId,
      name: x.name,
      // read-only to ECharts, which copies the option's data in setOption (the buffer may change after this)
      data: x.points as unknown as LineSeriesOption['data'],
      showSymbol: false,
      symbol: 'circle',
      symbolSize: 6 * s,
      lineStyle: { width: (i === refIndex ? 3 : 2) * s },
      color: colorOf.get(x.name),
      emphasis: { disabled: true },
      z: i === refIndex ? 3 : 2,
    };
    if (i === refIndex && thresholds.length > 0) {
      line.markLine = {
        silent: true,
        symbol: 'none',
        animation: false,
        data: thresholds.map((b, i) => {
          const top = i === thresholds.length - 1;
          // Alert levels are close together (10 cm at Cần Thơ). Far apart, each line has its own label; crowded,
          // the top line carries them all ('BĐ I 180 · BĐ II 190 · BĐ III 200') and the others none.
          const text = crowded ? combined : `${b.label[lang]} · ${formatNumber(b.from, 0, lang)}`;
          const position = crowded ? 'insideEndTop' : thresholds.length < 3 ? 'end' : i === 0 ? 'insideEndBottom' : top ? 'insideEndTop' : 'end';
          return {
            yAxis: b.from,
            name: b.label[lang],
            lineStyle: { color: b.color, type: 'dashed', width: 1.5 * s, opacity: 0.9 },
            label: {
              show: !crowded || top,
              position,
              color: crowded ? UI.text : b.color,
              fontFamily: CHART_FONT,
              fontSize: FONT_SIZE.axis * s,
              fontWeight: 'bold',
              distance: 6 * s,
              // A function, not a template string: catalogue labels are shown as given, braces and all.
              formatter: () => text,
            },
          };
        }),
      };
    }
    return line;
  });

  return {
    ...wallChartFrame(
      s,
      { left: 8, right: 104, top: 16, bottom: 8 },
      {
        trigger: 'axis',
        axisPointer: { type: 'line', lineStyle: { color: UI.faint } },
        formatter: (params) => tooltipHtml(Array.isArray(params) ? params : [params], input, colorOf),
      },
    ),
    xAxis: {
      type: 'time',
      min: input.from,
      max: input.to,
      splitNumber: 6,
      axisLine: { lineStyle: { color: UI.border } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { ...font, formatter: (v: number) => formatHourMinute(v, timeZone), hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      ...(range ?? {}),
      axisLabel: { ...font, formatter: (v: number) => formatNumber(v, 0, lang), hideOverlap: true },
      splitLine: { lineStyle: { color: UI.grid, type: 'dashed' } },
    },
    series,
  };
}

interface TooltipParam {
  seriesName?: string;
  value?: unknown;
}

/** HTML for the axis tooltip: every data string escaped, colours from our own palette only. */
export function tooltipHtml(params: readonly TooltipParam[], input: WaterChartInput, colorOf: ReadonlyMap<string, string>): string {
  const first = params[0]?.value;
  const t = Array.isArray(first) ? Number(first[0]) : NaN;
  const head = Number.isFinite(t) ? (formatObservedAt(t, input.now, input.timeZone) ?? '') : '';
  const rows = params.map((p) => {
    const v = Array.isArray(p.value) ? Number(p.value[1]) : NaN;
    const name = p.seriesName ?? '';
    const color = colorOf.get(name) ?? UI.muted;
    return (
      `<div style="display:flex;align-items:center;gap:.5em">` +
      `<span style="display:inline-block;width:.7em;height:.7em;border-radius:50%;background:${color}"></span>` +
      `<span>${escapeHtml(name)}</span>` +
      `<b style="margin-left:auto;padding-left:1em">${escapeHtml(formatNumber(v, 0, input.lang))} ${escapeHtml(input.unit)}</b></div>`
    );
  });
  return `<div style="opacity:.75;margin-bottom:.3em">${escapeHtml(head)}</div>${rows.join('')}`;
}
