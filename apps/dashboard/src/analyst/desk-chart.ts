import { escapeHtml } from '../format/format.ts';
import { UI } from '../theme/theme.ts';

/** What ECharts hands an axis tooltip for each series at the hovered period. */
export interface AxisTooltipParam {
  seriesName?: string;
  value?: unknown;
  data?: unknown;
  color?: unknown;
  axisValueLabel?: string;
}

/**
 * What the analyst pages' line charts start from: drawn at once, a grid with these margins (px), the legend on
 * top, and an axis tooltip of the hovered period with one line per series — "name: <b>value</b>" then what
 * `after` adds (an estimate's mark). Names come from catalogues and feeds, and tooltips are HTML in ECharts:
 * every text is escaped here.
 */
export function deskLineFrame(
  grid: { left: number; right: number; top: number; bottom: number },
  value: (p: AxisTooltipParam) => string,
  after: (p: AxisTooltipParam) => string = () => '',
) {
  return {
    animation: false,
    grid,
    legend: { top: 0, textStyle: { color: UI.label } },
    tooltip: {
      trigger: 'axis' as const,
      formatter: (params: AxisTooltipParam | AxisTooltipParam[]) => {
        const list = Array.isArray(params) ? params : [params];
        const lines = list.map((p) => `${escapeHtml(p.seriesName ?? '')}: <b>${escapeHtml(value(p))}</b>${escapeHtml(after(p))}`);
        return [escapeHtml(list[0]?.axisValueLabel ?? ''), ...lines].join('<br/>');
      },
    },
  };
}
