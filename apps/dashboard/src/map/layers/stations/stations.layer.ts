import { freshness, type CatalogueIndex } from '@cityioc/domain';
import { formatNumber, formatObservedAt, unitLabel, type Lang } from '../../../format/format.ts';
import { bandView } from '../../../cells/band-view.ts';
import { observedAtOf, stationCell, valueOf, type CellIndex } from '../../../cells/cells.ts';
import { stationAqi } from '../../../cells/station-aqi.ts';
import { UI } from '../../../theme/theme.ts';
import type { GeoCollection, LayerSpec, SourceData } from '../layer-spec.ts';

export const STATIONS_SOURCE = 'ioc-stations';
export const WATER_STATIONS = 'ioc-water-stations';
export const AIR_STATIONS = 'ioc-air-stations';

export type StationKind = 'water' | 'air';

/** A station as the map shows it: where, what it reads, in which band colour. */
export interface StationPoint {
  id: string;
  name: string;
  kind: StationKind;
  lngLat: [number, number];
  /** The headline indicator: water_level for water stations; for air stations the hourly VN_AQI (stationAqi). */
  indicator: string;
  indicatorName: string;
  value: number | null;
  valueText: string;
  unit: string;
  bandLabel: string | null;
  /** The band colour, grey when stale or missing. */
  color: string;
  stale: boolean;
  updated: string | null;
  demoThresholds: boolean;
}

/** Pure: stations × live cells → map points, with freshness evaluated at `now`. */
export function buildStationPoints(input: {
  catalogue: CatalogueIndex;
  cells: CellIndex;
  now: number;
  offline: boolean;
  lang: Lang;
  timeZone: string;
}): StationPoint[] {
  const out: StationPoint[] = [];
  for (const s of input.catalogue.catalogue.stations) {
    const kind: StationKind | null = s.indicators.includes('water_level') ? 'water' : s.indicators.includes('aqi') ? 'air' : null;
    if (!kind) continue;
    const aqi = kind === 'air' ? stationAqi(input.catalogue, input.cells, s) : null;
    const indicator = kind === 'air' ? aqi?.indicator : input.catalogue.indicator('water_level');
    if (!indicator) continue;
    const cell = aqi ? aqi.cell : stationCell(input.cells, s.area, s.id, indicator.id);
    const value = valueOf(cell);
    const observedAt = observedAtOf(cell);
    const stale = (value !== null && freshness(observedAt, indicator.cadenceSec, input.now) === 'stale') || input.offline;
    const band = bandView(value, aqi ? aqi.bands : input.catalogue.bandsFor(indicator.id, s.id), input.lang);
    out.push({
      id: s.id,
      name: s.name,
      kind,
      lngLat: [s.location[0], s.location[1]],
      indicator: indicator.id,
      indicatorName: indicator.name[input.lang],
      value,
      valueText: formatNumber(value, indicator.decimals, input.lang),
      unit: unitLabel(indicator.unit, input.lang),
      bandLabel: band?.label ?? null,
      color: value === null ? UI.noData : stale ? UI.stale : (band?.color ?? UI.unbanded),
      stale,
      updated: formatObservedAt(observedAt, input.now, input.timeZone),
      demoThresholds: s.thresholdSource === 'demo',
    });
  }
  return out;
}

/** Pure: station points → one GeoJSON source, a soft halo and a circle layer per station kind. */
export function buildStationsLayer(input: { points: readonly StationPoint[]; scale: number }): LayerSpec {
  const s = input.scale;
  const data: GeoCollection = {
    type: 'FeatureCollection',
    features: input.points.map((p) => ({
      type: 'Feature',
      properties: { id: p.id, kind: p.kind, color: p.color, stale: p.stale, hasValue: p.value !== null },
      geometry: { type: 'Point', coordinates: p.lngLat },
    })),
  };
  return {
    sources: { [STATIONS_SOURCE]: { type: 'geojson', data: data as SourceData, promoteId: 'id' } },
    layers: [
      {
        id: 'ioc-stations-halo',
        type: 'circle',
        source: STATIONS_SOURCE,
        filter: ['all', ['==', ['get', 'stale'], false], ['==', ['get', 'hasValue'], true]],
        paint: {
          'circle-color': ['get', 'color'],
          'circle-radius': 17 * s,
          'circle-opacity': 0.28,
          'circle-blur': 0.7,
        },
      },
      {
        id: WATER_STATIONS,
        type: 'circle',
        source: STATIONS_SOURCE,
        filter: ['==', ['get', 'kind'], 'water'],
        paint: {
          'circle-color': ['get', 'color'],
          'circle-radius': 8.5 * s,
          'circle-stroke-color': UI.waterRing,
          'circle-stroke-width': 3 * s,
          'circle-opacity': ['case', ['get', 'stale'], 0.6, 1],
        },
      },
      {
        id: AIR_STATIONS,
        type: 'circle',
        source: STATIONS_SOURCE,
        filter: ['==', ['get', 'kind'], 'air'],
        paint: {
          'circle-color': ['get', 'color'],
          // Under the HTML AQI disc of the same size: it is what the pointer hovers.
          'circle-radius': 13 * s,
          'circle-stroke-color': UI.casing,
          'circle-stroke-width': 2 * s,
          'circle-opacity': ['case', ['get', 'stale'], 0.6, 1],
        },
      },
    ],
  };
}
