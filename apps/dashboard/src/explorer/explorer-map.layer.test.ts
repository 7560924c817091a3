import { describe, expect, it } from 'vitest';
import { splitGeo } from '../geo/geo-features.ts';
import { areasGeo, riverFeature, squareFeature } from '../test/geo-fixtures.ts';
import { SEQUENTIAL_PALETTE, UI } from '../theme/theme.ts';
import { buildExplorerLayer, EXPLORER_SOURCE, explorerColor, mapFrame } from './explorer-map.layer.ts';

const geo = areasGeo([
  squareFeature({ code: '916', name: 'Ninh Kiều' }, 0, 0, 1),
  squareFeature({ code: '917', name: 'Ô Môn' }, 1, 0, 1),
  squareFeature({ code: '918', name: 'Bình Thủy' }, 2, 0, 1),
  riverFeature('river'),
]);

describe('explorer choropleth', () => {
  it('colours lowest to highest, reversed for indicators where lower is better, grey without data', () => {
    expect(explorerColor(0, 0, 10)).toBe(SEQUENTIAL_PALETTE[0]);
    expect(explorerColor(10, 0, 10)).toBe(SEQUENTIAL_PALETTE[4]);
    expect(explorerColor(10, 0, 10, 'down')).toBe(SEQUENTIAL_PALETTE[0]);
    expect(explorerColor(null, 0, 10)).toBe(UI.noDataArea);
    expect(explorerColor(5, 5, 5)).toBe(SEQUENTIAL_PALETTE[2]);
  });

  it('draws only the areas being explored, with their values, and outlines compared units', () => {
    const spec = buildExplorerLayer({
      units: splitGeo(geo).units,
      values: new Map([
        ['916', 0.9],
        ['917', 0.5],
        ['999', 1],
      ]),
      selected: new Set(['917']),
      direction: 'up',
      scale: 1,
    });
    const data = spec.sources[EXPLORER_SOURCE]!.data as { features: { properties: { code: string; color: string; selected: boolean } }[] };
    expect(data.features.map((f) => [f.properties.code, f.properties.color, f.properties.selected])).toEqual([
      ['916', SEQUENTIAL_PALETTE[4], false],
      ['917', SEQUENTIAL_PALETTE[0], true],
    ]);
    expect(spec.range).toEqual([0.5, 1]);
    expect(spec.layers.map((l) => l.type)).toEqual(['fill', 'line']);
  });
});

describe('mapFrame', () => {
  const units = splitGeo(geo).units;
  const city: [[number, number], [number, number]] = [
    [-1, -1],
    [5, 5],
  ];
  it('frames the city on its outline and draws its children', () => {
    expect(mapFrame({ area: '92', isRoot: true, childCodes: ['916', '917', '918'], siblingCodes: [], units, cityBounds: city })).toEqual({
      codes: ['916', '917', '918'],
      focus: { code: '92', bounds: city },
    });
  });
  it('zooms to a leaf among its siblings', () => {
    expect(mapFrame({ area: '917', isRoot: false, childCodes: [], siblingCodes: ['916', '917', '918'], units, cityBounds: city })).toEqual({
      codes: ['916', '917', '918'],
      focus: {
        code: '917',
        bounds: [
          [1, 0],
          [2, 1],
        ],
      },
    });
  });
  it('frames a unit without a shape of its own on its children, and draws nothing without shapes', () => {
    const r = mapFrame({ area: '999', isRoot: false, childCodes: ['916', '917'], siblingCodes: [], units, cityBounds: city });
    expect(r.focus?.bounds).toEqual([
      [0, 0],
      [2, 1],
    ]);
    expect(mapFrame({ area: '999', isRoot: false, childCodes: [], siblingCodes: [], units, cityBounds: city })).toEqual({ codes: [], focus: null });
  });
});
