import { formatNumber, formatObservedAt, unitLabel } from '../../../format/format.ts';
import { bandView } from '../../../cells/band-view.ts';
import { observedAtOf, shownStale, stationCell, valueOf, type LiveViewInput } from '../../../cells/cells.ts';
import { stationAqi } from '../../../cells/station-aqi.ts';
import { UI } from '../../../theme/theme.ts';
import type { LayerSpecification } from 'maplibre-gl';
import { feature, geoSource, type GeoFeature, type LayerSpec } from '../layer-spec.ts';

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
export function buildStationPoints(input: LiveViewInput): StationPoint[] {
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
    const stale = shownStale(value, observedAt, indicator.cadenceSec, input);
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
  const features: GeoFeature[] = input.points.map((p) =>
    feature({ id: p.id, kind: p.kind, color: p.color, stale: p.stale, hasValue: p.value !== null }, { type: 'Point', coordinates: p.lngLat }),
  );
  return {
    sources: { [STATIONS_SOURCE]: geoSource(features, 'id') },
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
      stationCircles(WATER_STATIONS, 'water', { radius: 8.5 * s, ring: UI.waterRing, ringWidth: 3 * s }),
      // Under the HTML AQI disc of the same size: it is what the pointer hovers.
      stationCircles(AIR_STATIONS, 'air', { radius: 13 * s, ring: UI.casing, ringWidth: 2 * s }),
    ],
  };
}

/** The circles of one kind of station, in its band colour with a ring; faded when stale. */
function stationCircles(id: string, kind: StationKind, look: { radius: number; ring: string; ringWidth: number }): LayerSpecification {
  return {
    id,
    type: 'circle',
    source: STATIONS_SOURCE,
    filter: ['==', ['get', 'kind'], kind],
    paint: {
      'circle-color': ['get', 'color'],
      'circle-radius': look.radius,
      'circle-stroke-color': look.ring,
      'circle-stroke-width': look.ringWidth,
      'circle-opacity': ['case', ['get', 'stale'], 0.6, 1],
    },
  };
}
