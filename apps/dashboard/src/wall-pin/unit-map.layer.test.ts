import { describe, expect, it } from 'vitest';
import { EXPLORER_SOURCE } from '../explorer/explorer-map.layer.ts';
import { splitGeo } from '../geo/geo-features.ts';
import { indexUnits } from '../geo/units.ts';
import { areaAt } from '../test/fixtures.ts';
import { areasGeo, squareFeature } from '../test/geo-fixtures.ts';
import { UI } from '../theme/theme.ts';
import { unitMapLabels, unitMapLayer } from './unit-map.layer.ts';

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

describe('the names on the map of a pinned unit', () => {
  const unit = (code: string, name: string, type: string, parent: string | null) => areaAt(code, name, type, parent);
  // the registry lists two of the three wards: the third keeps the name its shape carries
  const names = indexUnits({
    at: '2026-12-06',
    units: [unit('92', 'Cần Thơ', 'thành phố', null), unit('31135', 'Ninh Kiều', 'phường', '92'), unit('31150', 'Cái Răng', 'phường', '92')],
  });

  it('names every drawn unit inside its shape, the pinned one by its full name, emphasised and placed first', () => {
    const { drawn } = unitMapLayer(units, '31150');
    const labels = unitMapLabels(drawn, '31150', names, 'vi');
    expect(labels.map((l) => [l.id, l.lines.map((x) => x.text), l.className])).toEqual([
      ['u-31135', ['Ninh Kiều'], 'map-label-unit map-label-pin'],
      ['u-31150', ['Phường Cái Răng'], 'map-label-unit map-label-pin is-pinned'],
      ['u-31153', ['Bình Thủy'], 'map-label-unit map-label-pin'],
    ]);
    // inside its own square (x from i to i + 1)
    labels.forEach((l, i) => {
      expect(l.lngLat[0]).toBeGreaterThan(i);
      expect(l.lngLat[0]).toBeLessThan(i + 1);
      expect(l.lngLat[1]).toBeGreaterThan(0);
      expect(l.lngLat[1]).toBeLessThan(1);
    });
    const pinned = labels.find((l) => l.id === 'u-31150')!;
    for (const l of labels) if (l !== pinned) expect(pinned.priority).toBeGreaterThan(l.priority);
  });

  it("in English: the unaccented short names, the registry's full name for the pinned one", () => {
    const { drawn } = unitMapLayer(units, '31135');
    expect(unitMapLabels(drawn, '31135', names, 'en').map((l) => l.lines[0]!.text)).toEqual(['Ninh Kieu', 'Cai Rang', 'Bình Thủy']);
  });

  it('a unit without a shape: no names', () => {
    expect(unitMapLabels(unitMapLayer(units, '99999').drawn, '99999', names, 'vi')).toEqual([]);
  });
});
