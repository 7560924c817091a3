import { describe, expect, it } from 'vitest';
import { areasGeo, riverFeature, square, squareFeature } from '../test/geo-fixtures.ts';
import { boundaryKind, boundsOf, cityBounds, relativeArea, splitGeo } from './geo-features.ts';

const geo = areasGeo([
  squareFeature({ code: '31135', name: 'Ninh Kiều', schematic: true }, 105.7, 10, 0.1),
  squareFeature({ kind: 'outline', code: '92' }, 105.2, 9.2, 1.1),
  {
    type: 'Feature',
    properties: { code: '31120', name: 'Cái Khế', schematic: false, source: 'import:3' },
    geometry: { type: 'MultiPolygon', coordinates: [square(105.6, 10.1, 0.1)] },
  },
  riverFeature('Sông Hậu'),
  squareFeature({ name: 'no code' }, 0, 0, 1),
]);

describe('splitGeo', () => {
  const s = splitGeo(geo);
  it('separates the outline, the coded units and the lines; drops polygons without a code', () => {
    expect(s.outline?.properties?.code).toBe('92');
    expect(s.units.map((u) => [u.code, u.schematic, u.source])).toEqual([
      ['31135', true, null],
      ['31120', false, 'import:3'],
    ]);
    expect(s.lines).toHaveLength(1);
  });
  it('says whether the shapes are schematic, imported or mixed', () => {
    expect(boundaryKind(s.units)).toBe('mixed');
    expect(boundaryKind(s.units.slice(0, 1))).toBe('schematic');
    expect(boundaryKind(s.units.slice(1))).toBe('imported');
    expect(boundaryKind([])).toBeNull();
  });
  it('frames the city on its outline, else on its units', () => {
    const [[w, south], [e, n]] = cityBounds(s)!;
    expect([w, south, e, n].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([105.2, 9.2, 106.3, 10.3]);
    expect(cityBounds({ ...s, outline: null })).toEqual(boundsOf(s.units.map((u) => u.feature)));
  });
});

describe('relativeArea', () => {
  it('orders shapes by size, holes subtracted', () => {
    const big = relativeArea({ type: 'Polygon', coordinates: square(105, 10, 0.2) });
    const small = relativeArea({ type: 'Polygon', coordinates: square(105, 10, 0.1) });
    const holed = relativeArea({ type: 'Polygon', coordinates: [...square(105, 10, 0.2), ...square(105.05, 10.05, 0.1)] });
    expect(big).toBeGreaterThan(small);
    // each ring is scaled by its own latitude: equal to the difference up to that
    expect(holed).toBeCloseTo(big - small, 5);
  });
});
