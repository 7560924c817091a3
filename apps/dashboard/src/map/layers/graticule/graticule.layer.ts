import { feature, geoSource, lineLayer, type GeoFeature, type LayerSpec } from '../layer-spec.ts';

export const GRATICULE_SOURCE = 'ioc-graticule';

/**
 * Pure: a faint lon/lat grid around the city, so the offline map (no basemap, no internet) still
 * reads as a map. `step` in degrees.
 */
export function buildGraticuleLayer(input: { bounds: [[number, number], [number, number]]; step: number; scale: number }): LayerSpec {
  const { step } = input;
  const [[w0, s0], [e0, n0]] = input.bounds;
  const w = Math.floor(w0 / step - 2) * step;
  const e = Math.ceil(e0 / step + 2) * step;
  const s = Math.floor(s0 / step - 2) * step;
  const n = Math.ceil(n0 / step + 2) * step;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const features: GeoFeature[] = [];
  const line = (from: number[], to: number[]) => features.push(feature({}, { type: 'LineString', coordinates: [from, to] }));
  for (let x = w; x <= e + 1e-9; x += step) line([round(x), s], [round(x), n]);
  for (let y = s; y <= n + 1e-9; y += step) line([w, round(y)], [e, round(y)]);
  return {
    sources: { [GRATICULE_SOURCE]: geoSource(features) },
    layers: [lineLayer('ioc-graticule', GRATICULE_SOURCE, { 'line-color': '#1c2942', 'line-width': 1 * input.scale, 'line-opacity': 0.8 })],
  };
}
