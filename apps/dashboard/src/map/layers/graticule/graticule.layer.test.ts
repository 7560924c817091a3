import { describe, expect, it } from 'vitest';
import { buildGraticuleLayer, GRATICULE_SOURCE } from './graticule.layer.ts';

describe('buildGraticuleLayer', () => {
  it('draws meridians and parallels on the step, two steps beyond the bounds', () => {
    const spec = buildGraticuleLayer({
      bounds: [
        [105.33, 9.93],
        [105.87, 10.33],
      ],
      step: 0.1,
      scale: 1,
    });
    const lines = (spec.sources[GRATICULE_SOURCE]!.data as { features: { geometry: { coordinates: number[][] } }[] }).features;
    const meridians = lines.filter((l) => l.geometry.coordinates[0]![0] === l.geometry.coordinates[1]![0]).map((l) => l.geometry.coordinates[0]![0]);
    expect(meridians[0]).toBeCloseTo(105.1, 9);
    expect(meridians.at(-1)).toBeCloseTo(106.1, 9);
    expect(meridians).toHaveLength(11);
  });
});
