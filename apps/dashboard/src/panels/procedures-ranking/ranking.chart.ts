import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { escapeHtml, formatNumber, formatPercent, type Lang } from '../../format/format.ts';
import { CHART_FONT, FONT_SIZE, onTimeColor, UI, wallChartFrame } from '../../theme/theme.ts';
import { rateAxis, shortName } from './ranking.scale.ts';

/** Horizontal bars of units ranked on a rate (on-time rate on the wall), best at the top. */
export type RankingOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface RankingBar {
  key: string;
  name: string;
  rank: number | null;
  /** A fraction 0..1; null when not measurable (N/A). */
  value: number | null;
  /** The dossiers behind the rate (its denominator): breaks ties, more first. */
  volume: number | null;
  valueText: string;
  /** '1.074 / 1.164' */
  pairText: string | null;
}

/** A row of the chart: a unit, or the gap between the best and the worst when the list is cut. */
export type RankingSlot = { type: 'bar'; bar: RankingBar } | { type: 'gap'; hidden: number };

/**
 * At most `max` rows: the whole list when it fits, else the best half and the worst half with a
 * gap row saying how many are left out — a leader wants both ends.
 */
export function trimRanking(bars: readonly RankingBar[], max: number): RankingSlot[] {
  if (bars.length <= max) return bars.map((bar) => ({ type: 'bar', bar }));
  const keep = Math.max(2, max - 1);
  const top = Math.ceil(keep / 2);
  const bottom = keep - top;
  return [
    ...bars.slice(0, top).map((bar): RankingSlot => ({ type: 'bar', bar })),
    { type: 'gap', hidden: bars.length - top - bottom },
    ...bars.slice(bars.length - bottom).map((bar): RankingSlot => ({ type: 'bar', bar })),
  ];
}

export interface RankingChartInput {
  slots: readonly RankingSlot[];
  lang: Lang;
  /** 1 at 1080p, 2 at 4K: canvas text does not follow CSS rem. */
  scale: number;
  /** Labels of the tooltip lines. */
  labels: { rank: string; value: string; pair: string; gap: string; code: string };
}

const GAP_COLOR = 'transparent';
/** The width the 0…floor break takes on the axis (a share of it: a number would be in data units). */
const BREAK_GAP = '4%';

/** The longest row label, in characters, before a name is shortened at a word boundary. */
export const LABEL_CHARS = 24;

/** Category labels: '1. Ninh Kiều', long names shortened at a word boundary; a gap row reads '… 12 more'. */
export function categoryLabel(slot: RankingSlot, gapLabel: string, lang: Lang): string {
  if (slot.type === 'gap') return gapLabel.replace('{{count}}', formatNumber(slot.hidden, 0, lang));
  const name = shortName(slot.bar.name, LABEL_CHARS);
  return slot.bar.rank === null ? name : `${slot.bar.rank}. ${name}`;
}

/** Pure data → ECharts option. Names reach the canvas as text and the tooltip only escaped. */
export function buildRankingOption(input: RankingChartInput): RankingOption {
  const s = input.scale;
  const { lang, slots } = input;
  const font = { fontFamily: CHART_FONT, color: UI.label, fontSize: FONT_SIZE.label * s };
  const categories = slots.map((slot) => categoryLabel(slot, input.labels.gap, lang));
  const axis = rateAxis(slots.map((slot) => (slot.type === 'bar' ? slot.bar.value : null)));
  return {
    ...wallChartFrame(
      s,
      { left: 8, right: 72, top: 4, bottom: 4 },
      {
        trigger: 'item',
        formatter: (p) => {
          const param = (Array.isArray(p) ? p[0] : p) as { dataIndex?: number } | undefined;
          const slot = slots[param?.dataIndex ?? -1];
          return slot ? rankingTooltipHtml(slot, input) : '';
        },
      },
    ),
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      interval: axis.step,
      // 0 … floor drawn as a zigzag break: the bars are scaled to the data and the axis says it does not start at 0.
      breaks: axis.floor > 0 ? [{ start: 0, end: axis.floor, gap: BREAK_GAP }] : [],
      breakArea: { expandOnClick: false, zigzagAmplitude: 3 * s, itemStyle: { color: UI.barTrack, borderColor: UI.faint, borderWidth: 1 } },
      breakLabelLayout: { moveOverlap: 'auto' },
      axisLabel: { ...font, color: UI.faint, fontSize: FONT_SIZE.small * s, formatter: (v: number) => formatPercent(v, 0, lang) },
      splitLine: { lineStyle: { color: UI.grid, type: 'dashed' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: UI.border } },
      // Names arrive shortened at a word boundary; 'break' wraps at spaces if a font runs wide, never mid-word.
      axisLabel: { ...font, width: 280 * s, overflow: 'break', lineHeight: FONT_SIZE.label * 1.15 * s, formatter: (v: string) => v },
    },
    series: [
      {
        type: 'bar',
        id: 'ranking',
        barMaxWidth: 22 * s,
        showBackground: true,
        backgroundStyle: { color: UI.barTrack, borderRadius: 3 * s },
        itemStyle: { borderRadius: 3 * s },
        data: slots.map((slot) =>
          slot.type === 'gap' || slot.bar.value === null
            ? { value: '-', itemStyle: { color: GAP_COLOR } }
            : { value: Math.min(1, Math.max(0, slot.bar.value)), itemStyle: { color: onTimeColor(slot.bar.value) } },
        ),
        label: {
          show: true,
          position: 'right',
          distance: 6 * s,
          color: UI.textStrong,
          fontFamily: CHART_FONT,
          fontSize: FONT_SIZE.label * s,
          fontWeight: 'bold',
          // A function: unit names are shown as given, never parsed as a label template.
          formatter: (p: { dataIndex: number }) => {
            const slot = slots[p.dataIndex];
            return slot && slot.type === 'bar' ? slot.bar.valueText : '';
          },
        },
        emphasis: { disabled: true },
      },
    ],
  };
}

/** The chart as text, row by row in the order drawn ('1. UBND phường Ninh Kiều: 100,0 % (102 / 102)'): the canvas's text alternative. */
export function rankingSummary(slots: readonly RankingSlot[], gapLabel: string, lang: Lang): string {
  return slots
    .map((slot) => {
      if (slot.type === 'gap') return categoryLabel(slot, gapLabel, lang);
      const b = slot.bar;
      const head = b.rank === null ? b.name : `${b.rank}. ${b.name}`;
      return `${head}: ${b.valueText}${b.pairText ? ` (${b.pairText})` : ''}`;
    })
    .join('; ');
}

/** The tooltip of one bar: every string from data escaped. */
export function rankingTooltipHtml(slot: RankingSlot, input: Pick<RankingChartInput, 'labels' | 'lang'>): string {
  if (slot.type === 'gap') return escapeHtml(categoryLabel(slot, input.labels.gap, input.lang));
  const b = slot.bar;
  const line = (label: string, value: string) => `<div>${escapeHtml(label)}: <b>${escapeHtml(value)}</b></div>`;
  return (
    `<div style="font-weight:700;margin-bottom:.25em">${escapeHtml(b.name)}</div>` +
    (b.name !== b.key ? line(input.labels.code, b.key) : '') +
    (b.rank !== null ? line(input.labels.rank, String(b.rank)) : '') +
    line(input.labels.value, b.valueText) +
    (b.pairText ? line(input.labels.pair, b.pairText) : '')
  );
}
