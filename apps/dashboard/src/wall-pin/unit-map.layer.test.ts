import { describe, expect, it } from 'vitest';
import { EXPLORER_SOURCE } from '../explorer/explorer-map.layer.ts';
import { splitGeo } from '../geo/geo-features.ts';
import { areasGeo, squareFeature } from '../test/geo-fixtures.ts';
import { UI } from '../theme/theme.ts';
import { unitMapLayer } from './unit-map.layer.ts';

const units = splitGeo(
  areasGeo([
    squareFeature({ code: '92', name: 'Cần Thơ', level: 'province' }, 0, 0, 4),
    squareFeature({ code: '31135', name: 'Ninh Kiều', level: 'ward', parent: '92' }, 0, 0, 1),
    squareFeature({ code: '31150', name: 'Cái Răng', level: 'ward', parent: '92' }, 1, 0, 1),
    squareFeature({ code: '31153', name: 'Bình Thủy', level: 'ward', parent: '92' }, 2, 0, 1),
  ]),
).units;

describe('the map of a pinned unit', () => {
  it('draws the unit and its siblings (no indicator: the no-data fill), the unit outlined, framed on the unit', () => {
    const { spec, focus } = unitMapLayer(units, '31150');
    const data = spec.sources[EXPLORER_SOURCE]!.data as { features: { properties: { code: string; color: string; selected: boolean } }[] };
    // the old map passed no values to the explorer's choropleth: its source was empty and the wall's map dark
    expect(data.features.map((f) => [f.properties.code, f.properties.color, f.properties.selected])).toEqual([
      ['31135', UI.noDataArea, false],
      ['31150', UI.noDataArea, true],
      ['31153', UI.noDataArea, false],
    ]);
    expect(focus).toEqual({
      code: '31150',
      bounds: [
        [1, 0],
        [2, 1],
      ],
    });
  });

  it('a unit without a shape: nothing drawn, no frame', () => {
    const { spec, focus } = unitMapLayer(units, '99999');
    expect((spec.sources[EXPLORER_SOURCE]!.data as { features: unknown[] }).features).toEqual([]);
    expect(focus).toBeNull();
  });
});
