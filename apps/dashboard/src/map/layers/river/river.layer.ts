import type { AreasGeoJson } from '../../../queries/geo.queries.ts';
import { geoSource, ROUND_LINE, type GeoFeature, type LayerSpec } from '../layer-spec.ts';

export const RIVER_SOURCE = 'ioc-river';

/** Pure: the river lines of the areas GeoJSON (properties.kind === 'river') as a glowing stroke. */
export function buildRiverLayer(input: { geo: AreasGeoJson; scale: number }): LayerSpec {
  const features: GeoFeature[] = input.geo.features
    .filter((f) => f.properties?.kind === 'river' && (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString'))
    .map((f) => ({ type: 'Feature', properties: { name: String(f.properties?.name ?? '') }, geometry: f.geometry }));
  const s = input.scale;
  return {
    sources: { [RIVER_SOURCE]: geoSource(features) },
    layers: [
      {
        id: 'ioc-river-glow',
        type: 'line',
        source: RIVER_SOURCE,
        layout: ROUND_LINE,
        paint: { 'line-color': '#1d4ed8', 'line-opacity': 0.35, 'line-width': 22 * s, 'line-blur': 10 * s },
      },
      {
        id: 'ioc-river',
        type: 'line',
        source: RIVER_SOURCE,
        layout: ROUND_LINE,
        paint: { 'line-color': '#3b82f6', 'line-opacity': 0.9, 'line-width': 7 * s },
      },
    ],
  };
}
