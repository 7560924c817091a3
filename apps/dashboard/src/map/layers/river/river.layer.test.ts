import { describe, expect, it } from 'vitest';
import { buildRiverLayer, RIVER_SOURCE } from './river.layer.ts';
import { areasGeo, riverFeature, squareFeature } from '../../../test/geo-fixtures.ts';

describe('buildRiverLayer', () => {
  it('takes only river lines from the areas GeoJSON', () => {
    const spec = buildRiverLayer({
      scale: 1,
      geo: areasGeo([squareFeature({ code: '916' }, 0, 0, 1), riverFeature('Sông Hậu')]),
    });
    const data = spec.sources[RIVER_SOURCE]!.data as { features: { properties: { name: string } }[] };
    expect(data.features.map((f) => f.properties.name)).toEqual(['Sông Hậu']);
    expect(spec.layers.every((l) => l.type === 'line')).toBe(true);
  });
});
