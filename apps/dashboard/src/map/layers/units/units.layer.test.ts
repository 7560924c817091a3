import { describe, expect, it } from 'vitest';
import { splitGeo } from '../../../geo/geo-features.ts';
import { areasGeo, squareFeature } from '../../../test/geo-fixtures.ts';
import { onTimeColor, UI } from '../../../theme/theme.ts';
import { buildUnitsLayer, OUTLINE_SOURCE, UNITS_FILL, UNITS_SOURCE, unitStates } from './units.layer.ts';

const geo = areasGeo([
  squareFeature({ kind: 'outline', code: '92', name: 'Cần Thơ' }, 105.5, 9.9, 0.5),
  squareFeature({ code: '31135', name: 'Ninh Kiều', level: 'commune', parent: '92' }, 105.7, 10, 0.1),
  squareFeature({ code: '31120', name: 'Cái Khế', level: 'commune', parent: '92' }, 105.6, 10.1, 0.1),
]);

describe('buildUnitsLayer', () => {
  const split = splitGeo(geo);
  const spec = buildUnitsLayer({ units: split.units, outline: split.outline, stale: false, scale: 1 });
  const data = (id: string) => (spec.sources[id]!.data as { features: { properties: Record<string, unknown>; geometry: { type: string } }[] }).features;

  it("sends each unit's shape with its code only: the values and colours are not in the geometry", () => {
    expect(data(UNITS_SOURCE).map((f) => f.properties)).toEqual([{ code: '31135' }, { code: '31120' }]);
    expect(spec.sources[UNITS_SOURCE]!.promoteId).toBe('code');
  });

  it("colours each unit by its value's class as feature state; no value is the no-data tone", () => {
    const states = unitStates(split.units, new Map([['31135', 0.99]]), onTimeColor);
    expect([...states]).toEqual([
      ['31135', { color: onTimeColor(0.99) }],
      ['31120', { color: UI.noDataArea }],
    ]);
    expect(onTimeColor(0.99)).not.toBe(UI.noDataArea);
  });

  it('draws the city outline apart from the units, and never as a unit', () => {
    expect(data(OUTLINE_SOURCE)).toHaveLength(1);
    expect(data(UNITS_SOURCE).some((f) => f.properties.code === '92')).toBe(false);
  });

  it('fills by the colour property, then unit borders, then the outline on top', () => {
    expect(spec.layers.map((l) => [l.id, l.type])).toEqual([
      [UNITS_FILL, 'fill'],
      ['ioc-units-outline', 'line'],
      ['ioc-city-outline-line', 'line'],
    ]);
    expect((spec.layers[0] as { paint: Record<string, unknown> }).paint['fill-color']).toEqual(['coalesce', ['feature-state', 'color'], UI.noDataArea]);
  });

  it('fades the fill when the map is stale', () => {
    const faded = buildUnitsLayer({ units: split.units, outline: null, stale: true, scale: 1 });
    const opacity = (s: typeof spec) => (s.layers[0] as unknown as { paint: Record<string, number> }).paint['fill-opacity']!;
    expect(opacity(faded)).toBeLessThan(opacity(spec));
    expect((faded.sources[OUTLINE_SOURCE]!.data as { features: unknown[] }).features).toEqual([]);
  });
});
