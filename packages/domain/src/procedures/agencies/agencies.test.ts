import { describe, expect, it } from 'vitest';
import { CAN_THO_CATALOGUE, indexCatalogue } from '../../index.ts';
import { localTimeMs } from '../../calendar/local-time.ts';
import { indexAgencies, type Agency } from './agencies.ts';
import { CAN_THO_AGENCIES } from './agencies.data.ts';

const at = (d: string) => localTimeMs(d, 9);

describe('agency catalogue', () => {
  const agencies = indexAgencies(CAN_THO_AGENCIES);

  it('finds the unit of a department (the city) and of a district committee (its district)', () => {
    expect(agencies.lookup('000.00.01.H13', at('2026-11-20'))).toMatchObject({ ok: true, agency: { adminUnitCode: '92', level: 'PROVINCE' } });
    expect(agencies.get('000.00.22.H13')).toMatchObject({ adminUnitCode: '917', name: { vi: 'UBND quận Ô Môn' } });
    expect(agencies.get('000.28.06.H13')).toMatchObject({ adminUnitCode: '926', parent: '000.00.06.H13' });
  });

  it('names an unknown code', () => {
    expect(agencies.lookup('000.00.99.H13', at('2026-11-20'))).toEqual({
      ok: false,
      reason: 'unknown_agency',
      message: "agency '000.00.99.H13' is not in the agency catalogue",
    });
  });

  it('attributes every agency to an area of the catalogue, with a code in the QĐ 20/2020 shape', () => {
    const areas = indexCatalogue(CAN_THO_CATALOGUE);
    for (const a of CAN_THO_AGENCIES) {
      expect(areas.area(a.adminUnitCode), a.code).toBeDefined();
      expect(a.code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H13$/);
      if (a.parent) expect(agencies.get(a.parent), a.code).toBeDefined();
    }
    expect(new Set(CAN_THO_AGENCIES.map((a) => a.code)).size).toBe(CAN_THO_AGENCIES.length);
  });

  it('looks an agency up at a date: a merger or the 2025 reform gives one code two entries', () => {
    const before: Agency = {
      code: '000.00.21.H13',
      name: { vi: 'UBND quận Ninh Kiều', en: 'x' },
      level: 'DISTRICT',
      adminUnitCode: '916',
      validTo: '2025-07-01',
    };
    const after: Agency = {
      ...before,
      name: { vi: 'Phường Ninh Kiều', en: 'y' },
      level: 'COMMUNE',
      adminUnitCode: '917',
      validFrom: '2025-07-01',
      validTo: undefined,
    };
    const idx = indexAgencies([after, before]);
    expect(idx.get('000.00.21.H13', at('2025-06-30'))?.adminUnitCode).toBe('916');
    expect(idx.get('000.00.21.H13', at('2025-07-01'))?.adminUnitCode).toBe('917');
    expect(idx.get('000.00.21.H13')?.adminUnitCode).toBe('917');
    const gone = indexAgencies([before]).lookup('000.00.21.H13', at('2025-08-01'));
    expect(gone).toMatchObject({ ok: false, reason: 'unknown_agency', message: "agency '000.00.21.H13' is not in the agency catalogue on 2025-08-01" });
    expect(() => indexAgencies([before, { ...before, validTo: undefined, validFrom: '2025-01-01' }])).toThrow(/two entries valid on the same days/);
  });
});
