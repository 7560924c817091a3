import { describe, expect, it } from 'vitest';
import { AGENCY_CODE_PATTERN } from '@cityioc/contracts';
import { CAN_THO_AGENCIES, indexAgencies, type Agency } from '@cityioc/domain';
import { CITY_DEPARTMENTS, DOSSIER_UNITS, unitAgencies, UNITS_FROM } from './dossier-data.ts';

/**
 * The agencies the demo's dossiers name: the city departments are in the IOC's agency catalogue
 * under the city; a ward's or commune's committee is the catalogue's when it lists one, else an
 * illustrative code that can never be a catalogue code.
 */
describe('the demo agencies', () => {
  const catalogue = indexAgencies(CAN_THO_AGENCIES);
  const now = Date.parse('2026-11-20T10:00:00+07:00');

  it('has each city department in the catalogue, under the city', () => {
    for (const d of Object.values(CITY_DEPARTMENTS)) expect(catalogue.get(d.code, now), d.code).toMatchObject({ name: { vi: d.name }, adminUnitCode: '92' });
  });

  it('takes a committee from the catalogue when it lists one for the unit on the day of today’s units', () => {
    const unit = DOSSIER_UNITS[0]!;
    const listed: Agency = { code: '000.99.99.H13', name: { vi: 'UBND thử', en: 'Test' }, level: 'COMMUNE', adminUnitCode: unit.code, validFrom: UNITS_FROM };
    const expired: Agency = { ...listed, code: '000.98.98.H13', validFrom: '2021-01-01', validTo: UNITS_FROM };
    expect(unitAgencies(unit, [expired, listed]).committee).toEqual({ code: '000.99.99.H13', name: 'UBND thử', kind: 'commune', level: 'COMMUNE' });
    expect(unitAgencies(unit, [expired]).committee.code).not.toBe('000.98.98.H13');
  });

  it('otherwise names each committee with a unique, well-formed code, 000.<last three digits>.00.H13', () => {
    const codes = DOSSIER_UNITS.map((u) => unitAgencies(u, []).committee.code);
    expect(new Set(codes).size).toBe(DOSSIER_UNITS.length);
    const re = new RegExp(AGENCY_CODE_PATTERN);
    expect(codes.filter((c) => !re.test(c))).toEqual([]);
    const ninhKieu = DOSSIER_UNITS.find((u) => u.name === 'Ninh Kiều' && u.type === 'phường')!;
    expect(unitAgencies(ninhKieu, [])).toMatchObject({ committee: { code: `000.${ninhKieu.code.slice(-3)}.00.H13`, name: 'UBND phường Ninh Kiều' } });
  });

  it('never sends a committee code the catalogue gives to another agency', () => {
    const at = Date.parse(`${UNITS_FROM}T12:00:00+07:00`);
    for (const u of DOSSIER_UNITS) {
      const { committee } = unitAgencies(u);
      const listed = catalogue.get(committee.code, at);
      if (listed) expect(listed, committee.code).toMatchObject({ level: 'COMMUNE', adminUnitCode: u.code });
    }
  });
});
