import { describe, expect, it } from 'vitest';
import { buildRiverLayer, RIVER_SOURCE } from './river.layer.ts';

describe('buildRiverLayer', () => {
  it('takes only river lines from the areas GeoJSON', () => {
    const spec = buildRiverLayer({
      scale: 1,
      geo: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '916' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                  [0, 0],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            properties: { kind: 'river', name: 'Sông Hậu' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [105.5, 10.32],
                [105.86, 9.96],
              ],
            },
          },
        ],
      },
    });
    const data = spec.sources[RIVER_SOURCE]!.data as { features: { properties: { name: string } }[] };
    expect(data.features.map((f) => f.properties.name)).toEqual(['Sông Hậu']);
    expect(spec.layers.every((l) => l.type === 'line')).toBe(true);
  });
});
