import { describe, expect, it } from 'vitest';
import { CAN_THO_AGENCIES, indexAgencies } from '@cityioc/domain';
import { CITY_DEPARTMENTS, districtAgencies, DOSSIER_DISTRICTS } from './dossier-data.ts';

/**
 * Every agency the demo's dossiers name is in the IOC's agency catalogue, under the unit the demo
 * attributes its dossiers to: portal-named events, which carry the agency and not the unit, find it.
 */
describe('the demo agencies in the agency catalogue', () => {
  const catalogue = indexAgencies(CAN_THO_AGENCIES);
  const now = Date.parse('2026-11-20T10:00:00+07:00');

  it('has each city department, under the city', () => {
    for (const d of Object.values(CITY_DEPARTMENTS)) expect(catalogue.get(d.code, now), d.code).toMatchObject({ name: { vi: d.name }, adminUnitCode: '92' });
  });

  it('has each district’s committee, ward committees and land branch, under the district', () => {
    for (const district of DOSSIER_DISTRICTS) {
      const a = districtAgencies(district);
      for (const agency of [a.committee, ...a.communes, a.landBranch])
        expect(catalogue.get(agency.code, now), agency.code).toMatchObject({ name: { vi: agency.name }, adminUnitCode: district.code });
    }
  });
});
