import { describe, expect, it } from 'vitest';
import type { AreasGeoJson } from '../../../queries/geo.queries.ts';
import { ON_TIME_CLASSES, UI } from '../../../theme/theme.ts';
import { buildDistrictsLayer, DISTRICTS_SOURCE, geoBounds, labelPoint, labelPointAvoiding } from './districts.layer.ts';

const square = (x: number, y: number, d: number): number[][][] => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const geo: AreasGeoJson = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: '916', name: 'Ninh Kiều' }, geometry: { type: 'Polygon', coordinates: square(105.7, 10, 0.1) } },
    { type: 'Feature', properties: { code: '917', name: 'Ô Môn' }, geometry: { type: 'Polygon', coordinates: square(105.6, 10.1, 0.1) } },
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
};

describe('buildDistrictsLayer', () => {
  const spec = buildDistrictsLayer({ geo, rates: new Map([['916', 0.99]]), stale: false, scale: 1 });
  const features = (spec.sources[DISTRICTS_SOURCE]!.data as { features: { properties: Record<string, unknown> }[] }).features;

  it('keeps only polygons and joins each district to its rate and colour', () => {
    expect(features.map((f) => f.properties)).toEqual([
      { code: '916', name: 'Ninh Kiều', rate: 0.99, color: ON_TIME_CLASSES[4]!.color },
      { code: '917', name: 'Ô Môn', rate: null, color: UI.noDataArea },
    ]);
  });

  it('fills by the colour property and outlines every district', () => {
    expect(spec.layers.map((l) => [l.id, l.type])).toEqual([
      ['ioc-districts-fill', 'fill'],
      ['ioc-districts-outline', 'line'],
    ]);
    expect((spec.layers[0] as { paint: Record<string, unknown> }).paint['fill-color']).toEqual(['get', 'color']);
  });

  it('fades the fill when the map is stale', () => {
    const faded = buildDistrictsLayer({ geo, rates: new Map(), stale: true, scale: 1 });
    const opacity = (s: typeof spec) => (s.layers[0] as unknown as { paint: Record<string, number> }).paint['fill-opacity']!;
    expect(opacity(faded)).toBeLessThan(opacity(spec));
  });
});

describe('geometry helpers', () => {
  it('puts the label at the centroid of the ring', () => {
    const [x, y] = labelPoint({ type: 'Polygon', coordinates: square(105.7, 10, 0.1) })!;
    expect(x).toBeCloseTo(105.75, 9);
    expect(y).toBeCloseTo(10.05, 9);
  });

  it('keeps a label inside its district and clear of station markers', () => {
    const geometry = { type: 'Polygon' as const, coordinates: square(105.7, 10, 0.1) };
    const free = labelPointAvoiding(geometry, [])!;
    expect(free[0]).toBeCloseTo(105.75, 2);
    expect(free[1]).toBeCloseTo(10.05, 2);
    // A station in the north-east quarter pushes the label towards the south-west.
    const [x, y] = labelPointAvoiding(geometry, [[105.78, 10.08]])!;
    expect(x).toBeLessThan(105.75);
    expect(y).toBeLessThan(10.05);
    expect(x).toBeGreaterThan(105.7);
    expect(y).toBeGreaterThan(10);
  });

  it('bounds all features, lines included', () => {
    expect(geoBounds(geo)).toEqual([
      [105.5, 9.96],
      [105.86, 10.32],
    ]);
  });
});
