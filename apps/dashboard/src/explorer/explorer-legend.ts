import { formatNumber, unitLabel, type Lang } from '../format/format.ts';
import { SEQUENTIAL_PALETTE, UI } from '../theme/theme.ts';
import { explorerColor, type Direction } from './explorer-map.layer.ts';

/**
 * The legend of the explorer's choropleth: one item per colour class with its value range, in
 * vi-VN numbers and the indicator's unit, then "Không có dữ liệu" for units without a value. The
 * classes are the map's own (explorerColor: equal intervals between the lowest and the highest
 * value drawn, reversed where less is better), so each item's colour is the colour a unit in its
 * range gets. Pure.
 */
export interface LegendItem {
  /** 'class-0' … 'class-4', 'no-data'. */
  id: string;
  color: string;
  label: string;
  /** The class's bounds in the indicator's stored units (ratios as fractions); null for no data. */
  from: number | null;
  to: number | null;
}

export interface LegendInput {
  /** The values drawn (null: no data for that unit). */
  values: Iterable<number | null>;
  direction: Direction;
  /** Ratios are stored as fractions and shown as percentages. */
  aggregation: string;
  decimals: number;
  /** The catalogue's display unit ('cm', 'µg/m³', '%'…). */
  unit: string;
  lang: Lang;
  /** The label of the no-data class, from the page's language resources. */
  noDataLabel: string;
}

export function explorerLegend(input: LegendInput): LegendItem[] {
  const present = [...input.values].filter((v): v is number => v !== null && Number.isFinite(v));
  const noData: LegendItem = { id: 'no-data', color: UI.noDataArea, label: input.noDataLabel, from: null, to: null };
  if (present.length === 0) return [noData];
  const ratio = input.aggregation === 'ratio';
  const unit = ratio ? '%' : unitLabel(input.unit, input.lang);
  const shown = (v: number) => formatNumber(ratio ? v * 100 : v, input.decimals, input.lang);
  const withUnit = (text: string) => (unit ? `${text} ${unit}` : text);
  const min = Math.min(...present);
  const max = Math.max(...present);
  if (!(max > min)) return [{ id: 'class-0', color: explorerColor(min, min, max, input.direction), label: withUnit(shown(min)), from: min, to: max }, noData];
  const n = SEQUENTIAL_PALETTE.length;
  const step = (max - min) / n;
  const items: LegendItem[] = [];
  for (let i = 0; i < n; i++) {
    const from = min + i * step;
    const to = i === n - 1 ? max : min + (i + 1) * step;
    items.push({
      id: `class-${i}`,
      color: explorerColor(from + step / 2, min, max, input.direction),
      label: withUnit(`${shown(from)} – ${shown(to)}`),
      from,
      to,
    });
  }
  return [...items, noData];
}
