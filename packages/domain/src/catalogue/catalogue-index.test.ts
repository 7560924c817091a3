import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAreaRegistry } from '../geo/registry/area-registry.ts';
import { CAN_THO_AREAS, CAN_THO_CATALOGUE } from '../geo/can-tho.ts';
import { indexCatalogue } from './catalogue-index.ts';
import { DOSSIER_LIVE_INDICATOR_IDS } from '../procedures/indicators/live-indicators.ts';

describe('indexCatalogue', () => {
  const index = indexCatalogue(CAN_THO_CATALOGUE);
  it('is today’s city: the new Cần Thơ (92) and its 103 communes from 1 July 2025', () => {
    expect(index.children('92')).toHaveLength(103);
    expect(index.ancestorsAndSelf('31135')).toEqual(['31135', '92']);
    expect(index.area('31135')).toMatchObject({ name: 'Ninh Kiều', kind: 'phường', validFrom: '2025-07-01', validTo: null, nameEn: 'Ninh Kieu Ward' });
    expect(index.area('916')).toBeUndefined();
    expect(CAN_THO_CATALOGUE.city).toMatchObject({ code: '92', name: 'Thành phố Cần Thơ', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(index.area('92')).toMatchObject({ validFrom: '2025-07-01', areaKm2: 6360.83, population: 4199824 });
  });
  it('re-homes each station in the commune it stands in, and keeps its old district for readings of before the reform', () => {
    for (const s of CAN_THO_CATALOGUE.stations) expect(index.area(s.area)?.level, s.id).toBe('commune');
    expect(index.stationAreaAt('wl-can-tho', '2025-06-30')).toBe('916');
    expect(index.stationAreaAt('wl-can-tho', '2025-07-01')).toBe('31135');
    expect(index.stationAreaAt('tf-cmt8', '2024-01-01')).toBe('918');
    expect(index.stationAreaAt('nope', '2024-01-01')).toBeUndefined();
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

  it('keeps the running catalogue’s lookups (today’s tree)', () => {
    expect(index.area('31135')?.name).toBe('Ninh Kiều');
    expect(index.ancestorsAndSelf('31299')).toEqual(['31299', '92']);
  });

  it('areaChainAt: the tree on the figure’s own date, cached per validity interval', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(index.areaChainAt('31117', at('2024-05-01T10:00:00+07:00'))).toEqual(['31117', '916', '92']);
    expect(index.areaChainAt('31135', at('2025-06-30T23:59:00+07:00'))).toEqual(['31135', '916', '92']);
    expect(index.areaChainAt('31135', at('2025-07-01T00:00:00+07:00'))).toEqual(['31135', '92']);
    expect(index.areaChainAt('31135', at('2026-11-22T10:00:00+07:00'))).toEqual(['31135', '92']);
    expect(index.areaChainAt('31123', at('2024-10-31T12:00:00+07:00'))).toEqual(['31123', '916', '92']);
    expect(index.areaChainAt('916', at('2026-01-01T00:00:00+07:00'))).toEqual([]);
    expect(index.areaChainAt('31135', at('2024-05-01T10:00:00+07:00'))).toEqual(['31135', '916', '92']);
  });

  it('inLiveTree: today’s units from their first day; the city always', () => {
    expect(index.inLiveTree('31135', Date.parse('2025-07-01T00:00:00+07:00'))).toBe(true);
    expect(index.inLiveTree('31135', Date.parse('2025-06-30T23:59:59+07:00'))).toBe(false);
    expect(index.inLiveTree('916', Date.parse('2024-01-01T00:00:00+07:00'))).toBe(false);
    expect(index.inLiveTree('92', Date.parse('2024-01-01T00:00:00+07:00'))).toBe(true);
    expect(index.knowsArea('916')).toBe(true);
    expect(index.knowsArea('99999')).toBe(false);
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
    // a district has no links of its own: its successors are where its communes went
    expect(index.checkCodeAt('916', '2025-07-01')).toMatchObject({
      ok: false,
      reason: 'unit_not_valid_at',
      successors: ['31120', '31135', '31147', '31150'],
    });
  });

  it('without a registry, reads validity from the catalogue’s own areas', () => {
    const plain = indexCatalogue({ ...CAN_THO_CATALOGUE, areas: CAN_THO_AREAS, stations: [] });
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
