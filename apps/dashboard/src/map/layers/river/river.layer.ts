import type { AreasGeoJson } from '../../../queries/geo.queries.ts';
import { feature, geoSource, lineLayer, ROUND_LINE, type GeoFeature, type LayerSpec } from '../layer-spec.ts';

export const RIVER_SOURCE = 'ioc-river';

/** Pure: the river lines of the areas GeoJSON (properties.kind === 'river') as a glowing stroke. */
export function buildRiverLayer(input: { geo: AreasGeoJson; scale: number }): LayerSpec {
  const features: GeoFeature[] = input.geo.features
    .filter((f) => f.properties?.kind === 'river' && (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString'))
    .map((f) => feature({ name: String(f.properties?.name ?? '') }, f.geometry));
  const s = input.scale;
  return {
    sources: { [RIVER_SOURCE]: geoSource(features) },
    layers: [
      lineLayer('ioc-river-glow', RIVER_SOURCE, { 'line-color': '#1d4ed8', 'line-opacity': 0.35, 'line-width': 22 * s, 'line-blur': 10 * s }, ROUND_LINE),
      lineLayer('ioc-river', RIVER_SOURCE, { 'line-color': '#3b82f6', 'line-opacity': 0.9, 'line-width': 7 * s }, ROUND_LINE),
    ],
  };
}
