import type { GeoFeatureOf, UnitFeature } from '../../../geo/geo-features.ts';
import { UI } from '../../../theme/theme.ts';
import { geoSource, type GeoFeature, type LayerSpec } from '../layer-spec.ts';

export const UNITS_SOURCE = 'ioc-units';
export const UNITS_FILL = 'ioc-units-fill';
export const UNITS_OUTLINE = 'ioc-units-outline';
export const OUTLINE_SOURCE = 'ioc-city-outline';
export const OUTLINE_LINE = 'ioc-city-outline-line';

export interface UnitProps {
  code: string;
}

/** What a unit's fill shows, as MapLibre feature state (keyed by the unit's code). */
export interface UnitState {
  color: string;
}

export interface UnitsLayerInput {
  units: readonly UnitFeature[];
  /** The city's outline, drawn as a line around the units (null: none sent). */
  outline: GeoFeatureOf | null;
  /** The whole map reads as stale (link down): fills fade. */
  stale: boolean;
  scale: number;
}

/**
 * Pure: the units' polygons (geometry and code only) for a choropleth of one KPI, their borders,
 * and the city's outline. The colours are not in the data but in feature state (unitStates): a
 * new value recolours a unit without sending the 100-odd polygons to the map's worker again.
 */
export function buildUnitsLayer(input: UnitsLayerInput): LayerSpec {
  const features: GeoFeature<UnitProps>[] = input.units.map((u) => ({ type: 'Feature', properties: { code: u.code }, geometry: u.feature.geometry }));
  return {
    sources: {
      [UNITS_SOURCE]: geoSource(features, 'code'),
      [OUTLINE_SOURCE]: geoSource(input.outline ? [{ type: 'Feature', properties: {}, geometry: input.outline.geometry }] : []),
    },
    layers: [
      {
        id: UNITS_FILL,
        type: 'fill',
        source: UNITS_SOURCE,
        paint: { 'fill-color': ['coalesce', ['feature-state', 'color'], UI.noDataArea], 'fill-opacity': input.stale ? 0.3 : 0.78, 'fill-antialias': true },
      },
      {
        id: UNITS_OUTLINE,
        type: 'line',
        source: UNITS_SOURCE,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': UI.areaOutline, 'line-opacity': 0.4, 'line-width': 0.8 * input.scale },
      },
      {
        id: OUTLINE_LINE,
        type: 'line',
        source: OUTLINE_SOURCE,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': UI.areaOutline, 'line-opacity': 0.85, 'line-width': 2 * input.scale },
      },
    ],
  };
}

/** Pure: each unit's class colour for its KPI value (absent or null: the no-data tone), keyed by code for feature state. */
export function unitStates(
  units: readonly UnitFeature[],
  values: ReadonlyMap<string, number | null>,
  colorOf: (value: number | null) => string,
): Map<string, UnitState> {
  const out = new Map<string, UnitState>();
  for (const u of units) {
    const value = values.get(u.code) ?? null;
    out.set(u.code, { color: value === null ? UI.noDataArea : colorOf(value) });
  }
  return out;
}
