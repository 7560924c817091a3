import type { Indicator } from '@cityioc/contracts';
import { freshness, type CatalogueIndex, type Freshness } from '@cityioc/domain';
import { formatNumber, formatObservedAt, formatPercent, MISSING, unitLabel, type Lang } from '../../format/format.ts';
import { ALERT_LEVEL_INDICATORS, bandView, type BandView } from '../../cells/band-view.ts';
import { areaCell, observedAtOf, valueOf, type CellIndex } from '../../cells/cells.ts';

/** The wall's headline indicators, in screen order. */
export const WALL_KPIS = [
  'dossiers_received',
  'dossiers_on_time_rate',
  'dossiers_online_rate',
  'online_payment_rate',
  'dossiers_overdue',
  'water_level',
  'aqi',
] as const;

/**
 * The overview's tiles: the public-service headline figures. Water level and air quality are not
 * repeated as tiles there: their panels beside the tiles show every station with its band.
 */
export const OVERVIEW_KPIS = ['dossiers_received', 'dossiers_on_time_rate', 'dossiers_online_rate', 'online_payment_rate', 'dossiers_overdue'] as const;

/** A tile's target: its text, where it sits on the bar (0–1), and whether the value meets it (null: cannot say). */
export interface KpiTarget {
  text: string;
  fraction: number;
  met: boolean | null;
}

export interface KpiTileModel {
  indicatorId: string;
  label: string;
  domain: Indicator['domain'];
  /** The full formatted value, e.g. '92,3 %' or '1.164'; '—' when missing. */
  valueText: string;
  /** valueText split for typesetting: the number and a trailing ' %' (empty for non-ratios). */
  valueNumber: string;
  valueSuffix: string;
  /** Unit shown after the value for non-ratios ('hồ sơ', 'cm', 'AQI'). */
  unit: string | null;
  /** The raw cell value: a fraction for ratios; null when missing. */
  raw: number | null;
  freshness: Freshness;
  /** Shown greyed out: the value is stale, or the link is down. */
  stale: boolean;
  /** When the newest contributing observation was made, in the city's zone. */
  updated: string | null;
  /** Ratios: the fraction for a progress bar. */
  progress: number | null;
  target: KpiTarget | null;
  band: BandView | null;
  /** Ratios: 'numerator / denominator'. */
  fraction: { numerator: string; denominator: string } | null;
  /** Max indicators: the station(s) holding the maximum. */
  maxAt: string[] | null;
}

export interface KpiModelInput {
  ids: readonly string[];
  catalogue: CatalogueIndex;
  cells: CellIndex;
  scope: string;
  now: number;
  offline: boolean;
  lang: Lang;
  timeZone: string;
}

/** Tile view models for a scope; indicators missing from the catalogue are left out. */
export function buildKpiTiles(input: KpiModelInput): KpiTileModel[] {
  const out: KpiTileModel[] = [];
  for (const id of input.ids) {
    // VN_AQI: the hourly NowCast the IOC computes from pollutant readings, when there is one
    const nowcast = id === 'aqi' ? input.catalogue.indicator('aqi_nowcast') : undefined;
    const useNowcast = nowcast !== undefined && valueOf(areaCell(input.cells, input.scope, 'aqi_nowcast')) !== null;
    const indicator = useNowcast ? nowcast : input.catalogue.indicator(id);
    if (!indicator) continue;
    const tile = buildKpiTile(indicator, input);
    out.push(id === 'water_level' ? (worstWaterLevel(tile, indicator, input) ?? tile) : tile);
  }
  return out;
}

/**
 * The water-level tile compares bands, not raw centimetres: stations have different alert levels,
 * so the tile shows the station in the worst band (then the largest margin over its own BĐ I),
 * from the derived flood_band and water_above_bd1 cells. Null when those are missing.
 */
export function worstWaterLevel(tile: KpiTileModel, indicator: Indicator, input: KpiModelInput): KpiTileModel | null {
  let best: { station: string; rank: number; above: number } | null = null;
  for (const c of input.cells.values()) {
    if (c.indicator !== 'flood_band' || c.station === null || c.value === null) continue;
    const above = [...input.cells.values()].find((x) => x.indicator === 'water_above_bd1' && x.station === c.station)?.value ?? -Infinity;
    if (!best || c.value > best.rank || (c.value === best.rank && above > best.above)) best = { station: c.station, rank: c.value, above };
  }
  if (!best) return null;
  const st = input.catalogue.station(best.station);
  const wl = st ? [...input.cells.values()].find((x) => x.indicator === 'water_level' && x.station === best.station) : undefined;
  const raw = valueOf(wl);
  if (!st || raw === null) return null;
  const observedAt = observedAtOf(wl);
  const fresh = freshness(observedAt, indicator.cadenceSec, input.now);
  const valueText = formatNumber(raw, indicator.decimals, input.lang);
  return {
    ...tile,
    raw,
    valueText,
    valueNumber: valueText,
    freshness: fresh,
    stale: fresh === 'stale' || input.offline,
    updated: formatObservedAt(observedAt, input.now, input.timeZone),
    band: bandView(raw, input.catalogue.bandsFor('water_level', st.id), input.lang, true),
    maxAt: [st.name],
  };
}

export function buildKpiTile(indicator: Indicator, input: KpiModelInput): KpiTileModel {
  const { lang, catalogue } = input;
  const cell = areaCell(input.cells, input.scope, indicator.id);
  const raw = valueOf(cell);
  const observedAt = observedAtOf(cell);
  const fresh = raw === null ? 'none' : freshness(observedAt, indicator.cadenceSec, input.now);
  const isRatio = indicator.aggregation === 'ratio';

  const valueText = isRatio ? formatPercent(raw, indicator.decimals, lang) : formatNumber(raw, indicator.decimals, lang);
  const [valueNumber, valueSuffix] = isRatio && valueText !== MISSING ? [valueText.slice(0, -2), ' %'] : [valueText, ''];

  let target: KpiTileModel['target'] = null;
  if (isRatio && indicator.target !== undefined) {
    const fraction = indicator.target / 100;
    const met = raw === null ? null : indicator.direction === 'down' ? raw <= fraction : raw >= fraction;
    target = { text: formatPercent(fraction, 0, lang), fraction, met };
  }

  let fraction: KpiTileModel['fraction'] = null;
  if (isRatio && cell?.numerator !== undefined && cell.denominator !== undefined) {
    fraction = { numerator: formatNumber(cell.numerator, 0, lang), denominator: formatNumber(cell.denominator, 0, lang) };
  }

  let maxAt: string[] | null = null;
  let band: BandView | null = null;
  if (indicator.aggregation === 'max' && raw !== null) {
    const holders = catalogue.catalogue.stations.filter((s) => {
      for (const c of input.cells.values()) {
        if (c.station === s.id && c.indicator === indicator.id && c.value === raw) return true;
      }
      return false;
    });
    maxAt = holders.map((s) => s.name);
    // A station's own alert levels decide its band; the indicator's default otherwise.
    band = bandView(raw, catalogue.bandsFor(indicator.id, holders[0]?.id), lang, ALERT_LEVEL_INDICATORS.has(indicator.id));
  } else if (indicator.bands) {
    band = bandView(raw, indicator.bands, lang, ALERT_LEVEL_INDICATORS.has(indicator.id));
  }

  return {
    indicatorId: indicator.id,
    label: indicator.name[lang],
    domain: indicator.domain,
    valueText,
    valueNumber,
    valueSuffix,
    unit: isRatio ? null : unitLabel(indicator.unit, lang),
    raw,
    freshness: fresh,
    stale: fresh === 'stale' || input.offline,
    updated: formatObservedAt(observedAt, input.now, input.timeZone),
    progress: isRatio && raw !== null ? Math.min(1, Math.max(0, raw)) : null,
    target,
    band,
    fraction,
    maxAt,
  };
}
