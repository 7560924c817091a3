import type { Indicator } from '@cityioc/contracts';
import { explorerColor } from '../explorer/explorer-map.layer.ts';
import { formatNumber, formatPercent, type Lang } from '../format/format.ts';
import { onTimeColor, ON_TIME_CLASSES, SEQUENTIAL_PALETTE } from '../theme/theme.ts';

/**
 * How the wall's map colours its units: the KPI (an indicator of the catalogue, the on-time rate
 * by default), its classes and their legend. The on-time rate has fixed classes (the 766 rule's
 * thresholds); any other KPI is split into equal intervals between the lowest and the highest
 * value on the map, reversed for indicators where less is better. Pure.
 */
export const DEFAULT_MAP_KPI = 'dossiers_on_time_rate';

export interface LegendRow {
  label: string;
  color: string;
}

export interface MapKpiScale {
  indicator: string;
  colorOf(value: number | null): string;
  legend: LegendRow[];
  /** The value as a label shows it ("92,3 %", "1.164"). */
  format(value: number | null): string;
}

function pct(fraction: number, lang: Lang): string {
  return formatNumber(fraction * 100, 0, lang);
}

/** The on-time classes as legend rows: '< 85 %', '85–90 %', …, '≥ 98 %'. */
export function onTimeLegendRows(lang: Lang): LegendRow[] {
  return ON_TIME_CLASSES.map((c, i) => {
    const next = ON_TIME_CLASSES[i + 1];
    const label = i === 0 ? `< ${pct(next!.from, lang)} %` : next ? `${pct(c.from, lang)}–${pct(next.from, lang)} %` : `≥ ${pct(c.from, lang)} %`;
    return { label, color: c.color };
  });
}

export function mapKpiScale(
  indicator: Pick<Indicator, 'id' | 'aggregation' | 'direction' | 'decimals'> | undefined,
  values: Iterable<number | null>,
  lang: Lang,
): MapKpiScale {
  const id = indicator?.id ?? DEFAULT_MAP_KPI;
  const decimals = indicator?.decimals ?? 1;
  const ratio = (indicator?.aggregation ?? 'ratio') === 'ratio';
  const format = (v: number | null) => (ratio ? formatPercent(v, decimals, lang) : formatNumber(v, decimals, lang));
  if (id === DEFAULT_MAP_KPI) return { indicator: id, colorOf: onTimeColor, legend: onTimeLegendRows(lang), format };
  const present = [...values].filter((v): v is number => v !== null && Number.isFinite(v));
  const min = present.length ? Math.min(...present) : 0;
  const max = present.length ? Math.max(...present) : 0;
  const direction = indicator?.direction ?? 'up';
  const n = SEQUENTIAL_PALETTE.length;
  const legend: LegendRow[] = [];
  if (present.length > 0) {
    const step = (max - min) / n;
    for (let i = 0; i < n; i++) {
      const from = min + i * step;
      const label = max > min ? `${format(from)} – ${format(i === n - 1 ? max : from + step)}` : format(min);
      legend.push({ label, color: explorerColor(max > min ? from + step / 2 : min, min, max, direction) });
      if (!(max > min)) break;
    }
  }
  return { indicator: id, colorOf: (v) => explorerColor(v, min, max, direction), legend, format };
}
