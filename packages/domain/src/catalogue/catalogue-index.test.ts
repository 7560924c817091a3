import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAreaRegistry } from '../geo/registry/area-registry.ts';
import { CAN_THO_CATALOGUE } from '../geo/can-tho.ts';
import { indexCatalogue } from './catalogue-index.ts';
import { DOSSIER_LIVE_INDICATOR_IDS } from '../procedures/indicators/live-indicators.ts';

describe('indexCatalogue', () => {
  const index = indexCatalogue(CAN_THO_CATALOGUE);
  it('knows the city and its 9 pre-2025 districts, GSO 916–927', () => {
    expect([...index.children('92')].sort()).toEqual(['916', '917', '918', '919', '923', '924', '925', '926', '927']);
    expect(index.ancestorsAndSelf('926')).toEqual(['926', '92']);
    expect(index.area('924')).toMatchObject({ name: 'Vĩnh Thạnh', kind: 'huyện', validTo: '2025-07-01' });
  });
  it('uses a station’s own bands before the indicator’s', () => {
    expect(index.bandsFor('water_level', 'wl-o-mon')!.map((b) => b.from)).toEqual([null, 185, 195, 205]);
    expect(index.bandsFor('water_level', 'wl-can-tho')!.map((b) => b.from)).toEqual([null, 180, 190, 200]);
    expect(index.bandsFor('aqi', null)![1]).toMatchObject({ from: 51, color: '#FFFF00' });
  });
  it('refuses a catalogue whose tree is broken', () => {
    const bad = { ...CAN_THO_CATALOGUE, areas: [...CAN_THO_CATALOGUE.areas, { ...CAN_THO_CATALOGUE.areas[1]!, code: '999', parent: '88' }] };
    expect(() => indexCatalogue(bad)).toThrow('parent 88');
  });
  it('marks exactly the one list of dossier-derived live indicators as derived from dossiers', () => {
    const derived = CAN_THO_CATALOGUE.indicators.filter((i) => i.derivedFrom === 'dossiers').map((i) => i.id);
    expect(derived).toEqual([...DOSSIER_LIVE_INDICATOR_IDS]);
    expect(DOSSIER_LIVE_INDICATOR_IDS).toContain('dossiers_digitised_rate');
  });
});

describe('indexCatalogue with the area registry: date-aware lookups', () => {
  const loaded = loadAreaRegistry(JSON.parse(readFileSync(new URL('../geo/registry/can-tho.registry.json', import.meta.url), 'utf8')));
  if (!loaded.ok) throw new Error('default registry does not load');
  const index = indexCatalogue(CAN_THO_CATALOGUE, loaded.registry);

  it('keeps the running catalogue’s lookups for current callers', () => {
    expect(index.area('916')?.name).toBe('Ninh Kiều');
    expect(index.ancestorsAndSelf('926')).toEqual(['926', '92']);
  });

  it('areaAt / unitsValidAt / ancestorsAt / successorsOf follow the date', () => {
    expect(index.areaAt('31135', '2025-06-30')).toEqual({
      code: '31135',
      name: 'Tân An',
      nameEn: 'Tan An Ward',
      type: 'phường',
      level: 'commune',
      parent: '916',
      validFrom: '2021-01-01',
      validTo: '2025-07-01',
    });
    expect(index.areaAt('31135', '2025-07-01')?.name).toBe('Ninh Kiều');
    expect(index.unitsValidAt('2025-07-01', { level: 'commune' })).toHaveLength(103);
    expect(index.ancestorsAt('31135', '2025-06-30')).toEqual(['31135', '916', '92']);
    expect(index.ancestorsAt('31135', '2025-07-01')).toEqual(['31135', '92']);
    expect(index.successorsOf('31178')).toEqual(['31120', '31168']);
    expect(index.checkCodeAt('916', '2025-07-01')).toMatchObject({ ok: false, reason: 'unit_not_valid_at', successors: [] });
  });

  it('without a registry, reads validity from the catalogue’s own areas', () => {
    const plain = indexCatalogue(CAN_THO_CATALOGUE);
    expect(plain.registry).toBeNull();
    expect(plain.areaAt('916', '2025-06-30')?.name).toBe('Ninh Kiều');
    expect(plain.areaAt('916', '2025-07-01')).toBeUndefined();
    expect(plain.ancestorsAt('916', '2025-06-30')).toEqual(['916', '92']);
    expect(plain.checkCodeAt('916', '2025-07-01')).toEqual({
      ok: false,
      reason: 'unit_not_valid_at',
      validFrom: '2009-01-01',
      validTo: '2025-07-01',
      successors: [],
    });
    expect(plain.checkCodeAt('31135', '2025-07-01')).toEqual({ ok: false, reason: 'unknown_area' });
  });
});
