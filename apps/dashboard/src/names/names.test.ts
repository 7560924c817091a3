import type { ProceduresResponse, StoredProcedure } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { agencyBook, nationalProcedureCode, procedureBook, type AgenciesAt } from './names.ts';

const agencies: AgenciesAt = {
  at: '2026-12-05',
  agencies: [
    {
      code: '000.00.06.H13',
      name: { vi: 'Sở Nông nghiệp và Môi trường', en: 'Department of Agriculture and Environment' },
      level: 'PROVINCE',
      adminUnitCode: '92',
      parent: null,
      validFrom: '2025-03-01',
      validTo: null,
    },
  ],
};

const proc = (version: number, current: boolean, vi: string): StoredProcedure => ({
  code: '1.000494',
  name: { vi },
  legalTime: { value: 0, unit: 'working_days' },
  feeBearing: true,
  onlineService: 'full',
  validFrom: '2020-01-01',
  version,
  storedAt: 0,
  origin: 'test',
  current,
});

describe('agency names', () => {
  it('names an agency in either language and falls back on the code', () => {
    const b = agencyBook(agencies);
    expect(b.label('000.00.06.H13')).toBe('Sở Nông nghiệp và Môi trường');
    expect(b.label('000.00.06.H13', 'en')).toBe('Department of Agriculture and Environment');
    expect(b.name('000.00.99.H13')).toBeNull();
    expect(b.label('000.00.99.H13')).toBe('000.00.99.H13');
    expect(agencyBook(undefined).label('x')).toBe('x');
  });
});

describe('procedure names', () => {
  const res: ProceduresResponse = { asOf: 0, items: [proc(1, false, 'Tên cũ'), proc(2, true, 'Cấp bản sao trích lục hộ tịch')] };
  it('uses the version in force, for codes with or without a local agency suffix', () => {
    const b = procedureBook(res);
    expect(b.label('1.000494')).toBe('Cấp bản sao trích lục hộ tịch');
    expect(b.label('1.000494.000.00.00.H29')).toBe('Cấp bản sao trích lục hộ tịch');
    // no English name: the Vietnamese one
    expect(b.label('1.000494', 'en')).toBe('Cấp bản sao trích lục hộ tịch');
    expect(b.label('2.000908')).toBe('2.000908');
  });
  it('reads the national code out of a suffixed one', () => {
    expect(nationalProcedureCode('1.000494.000.00.00.H29')).toBe('1.000494');
    expect(nationalProcedureCode('LOCAL-1')).toBe('LOCAL-1');
  });
});
