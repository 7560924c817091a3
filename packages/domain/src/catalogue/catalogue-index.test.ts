import { describe, expect, it } from 'vitest';
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
