import type { AlertSeverity } from '@cityioc/contracts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';

/**
 * The dashboard's own colours and type sizes, for canvas content (ECharts, MapLibre) and inline
 * styles; CSS uses the same values through the custom properties in app/styles.css. Official
 * scales are not here: VN_AQI levels and the BĐ I/II/III flood levels are catalogue data (bands
 * in the API) and are drawn with the colours the catalogue gives.
 */

/** The dark wall's neutral tones. */
export const UI = {
  /** Values, tooltip text. */
  text: '#e2e8f0',
  /** Labels on bars. */
  textStrong: '#f1f5f9',
  /** Category labels, legends. */
  label: '#cbd5e1',
  /** Axis labels. */
  muted: '#94a3b8',
  /** Secondary axis labels, axis pointers. */
  faint: '#64748b',
  border: '#334155',
  /** Split lines of charts. */
  grid: '#1e293b',
  tooltipBackground: 'rgba(15, 23, 42, 0.95)',
  /** The track behind a bar. */
  barTrack: 'rgba(28, 42, 68, 0.55)',
  /** Outline of areas on the maps; the brighter one marks a selection. */
  areaOutline: '#c7d2fe',
  areaSelected: '#fde68a',
  /** The dark ring around markers and under road lines. */
  casing: '#0b1220',
  /** Ring of water-level markers. */
  waterRing: '#e0f2fe',
  /** A marker or a line with a value too old to trust. */
  stale: '#64748b',
  /** A marker or a line without any value. */
  noData: '#475569',
  /** An area without any value (muted, below the markers). */
  noDataArea: '#2a3347',
  /** A value without a band (no catalogue bands). */
  unbanded: '#e2e8f0',
} as const;

/** Alert severities in the ticker and the inbox (red for critical, as on Vietnamese IOC walls). */
export const SEVERITY_COLORS: Readonly<Record<AlertSeverity, string>> = {
  low: '#4A90E2',
  medium: '#F2C94C',
  high: '#F2994A',
  critical: '#EB3B3B',
};

/**
 * On-time rate classes (districts map, ranking bars). Muted tones, so the saturated alert colours
 * of the station markers stay the loudest thing on the map.
 */
export const ON_TIME_CLASSES: readonly { from: number; color: string }[] = [
  { from: 0, color: '#8b2f4b' },
  { from: 0.85, color: '#9a6a2c' },
  { from: 0.9, color: '#2f6f86' },
  { from: 0.95, color: '#2a8f86' },
  { from: 0.98, color: '#2fae7b' },
];

export function onTimeColor(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return UI.noDataArea;
  let color: string = UI.noDataArea;
  for (const c of ON_TIME_CLASSES) if (rate >= c.from) color = c.color;
  return color;
}

/** Lines of stations on one chart (water levels): away from the green-yellow-orange-red of the BĐ lines. */
export const STATION_PALETTE: readonly string[] = ['#38bdf8', '#c084fc', '#f9a8d4', '#e2e8f0', '#5eead4', '#93c5fd', '#fda4af'];

/** Lines of compared units (the explorer's trend). */
export const UNIT_PALETTE: readonly string[] = ['#60a5fa', '#f59e0b', '#34d399', '#f472b6', '#a78bfa', '#f87171', '#22d3ee', '#facc15'];

/** Sequential classes of a choropleth, dark to light. */
export const SEQUENTIAL_PALETTE: readonly string[] = ['#23395d', '#22607a', '#2a8f86', '#62b37a', '#c9d96e'];

/** The i-th colour of a palette, cycling. */
export function paletteColor(palette: readonly string[], i: number): string {
  return palette[((i % palette.length) + palette.length) % palette.length]!;
}

/** Canvas text needs a real font list: 'inherit' is not valid in a canvas font string. */
export const CHART_FONT = "Inter, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";

/**
 * Canvas font sizes in px at 1080p; multiplied by the UI scale (ui-scale.ts) on larger screens. These charts
 * are wall panels, read from 5 m: no canvas text under the wall's 18 px body-text minimum (issue 13).
 */
export const FONT_SIZE = { small: 18, axis: 18, label: 18 } as const;

/**
 * What every wall chart's option starts from at UI scale `s`: drawn at once (no animation) on the panel's own
 * background in the chart font; a grid with these margins (px at 1080p) that keeps the axis labels inside; and the
 * dark, bordered tooltip box around `tooltip` (its trigger and formatter).
 */
export function wallChartFrame(s: number, margin: { left: number; right: number; top: number; bottom: number }, tooltip: TooltipComponentOption) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: CHART_FONT },
    grid: {
      left: margin.left * s,
      right: margin.right * s,
      top: margin.top * s,
      bottom: margin.bottom * s,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    } satisfies GridComponentOption,
    tooltip: {
      backgroundColor: UI.tooltipBackground,
      borderColor: UI.border,
      textStyle: { color: UI.text, fontSize: FONT_SIZE.axis * s, fontFamily: CHART_FONT },
      ...tooltip,
    } satisfies TooltipComponentOption,
  };
}
