import { describe, expect, it } from 'vitest';
import { CAN_THO_REGISTRY } from '../../index.ts';
import { localTimeMs } from '../../calendar/local-time.ts';
import { indexAgencies, loadAgencyCatalogue, type Agency } from './agencies.ts';
import { CAN_THO_AGENCIES, CAN_THO_AGENCY_FILE } from './agencies.data.ts';

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

  it('loads the default file with its checks: every agency’s unit in force for its whole validity, parents and successors in force', () => {
    const loaded = loadAgencyCatalogue(CAN_THO_AGENCY_FILE, CAN_THO_REGISTRY);
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    for (const a of CAN_THO_AGENCIES) expect(a.code).toMatch(/^\d{3}\.\d{2,3}\.\d{2}\.H13$/);
  });

  it('has today’s departments and the 103 commune committees; the district committees end on 30 June 2025', () => {
    const today = agencies.agenciesAt('2026-11-20');
    expect(today.filter((a) => a.kind === 'department').map((a) => a.name.vi)).toEqual([
      'Sở Nội vụ',
      'Sở Tư pháp',
      'Sở Tài chính',
      'Sở Xây dựng',
      'Sở Y tế',
      'Sở Nông nghiệp và Môi trường',
      'Sở Công Thương',
      'Sở Khoa học và Công nghệ',
      'Sở Giáo dục và Đào tạo',
      'Sở Văn hóa, Thể thao và Du lịch',
      'Sở Dân tộc và Tôn giáo',
      'Sở Ngoại vụ',
      'Thanh tra thành phố',
      'Văn phòng UBND thành phố',
      'Ban Quản lý các khu chế xuất và công nghiệp',
    ]);
    const communes = today.filter((a) => a.kind === 'people-committee');
    expect(communes).toHaveLength(103);
    expect(agencies.get('000.135.00.H13', at('2026-11-20'))).toMatchObject({
      name: { vi: 'UBND phường Ninh Kiều', en: "Ninh Kieu Ward People's Committee" },
      adminUnitCode: '31135',
      level: 'COMMUNE',
    });
    expect(agencies.get('000.00.21.H13', at('2025-06-30'))).toMatchObject({ adminUnitCode: '916', name: { vi: 'UBND quận Ninh Kiều' } });
    expect(agencies.lookup('000.00.21.H13', at('2025-07-01'))).toEqual({
      ok: false,
      reason: 'unknown_agency',
      message:
        "agency '000.00.21.H13' is not in the agency catalogue on 2025-07-01 (it ended on 2025-07-01; its successors are 000.120.00.H13, 000.135.00.H13, 000.147.00.H13, 000.150.00.H13)",
      successors: ['000.120.00.H13', '000.135.00.H13', '000.147.00.H13', '000.150.00.H13'],
    });
  });

  it('the March 2025 department mergers as versioned data', () => {
    const merged = (code: string) => agencies.lookup(code, at('2025-03-01'));
    expect(agencies.get('000.00.16.H13', at('2025-02-28'))).toMatchObject({ name: { vi: 'Sở Kế hoạch và Đầu tư' } });
    expect(merged('000.00.16.H13')).toMatchObject({ ok: false, successors: ['000.00.03.H13'] });
    expect(merged('000.00.17.H13')).toMatchObject({ ok: false, successors: ['000.00.04.H13'] });
    expect(merged('000.00.18.H13')).toMatchObject({ ok: false, successors: ['000.00.06.H13'] });
    expect(merged('000.00.19.H13')).toMatchObject({ ok: false, successors: ['000.00.06.H13'] });
    expect(merged('000.00.20.H13')).toMatchObject({ ok: false, successors: ['000.00.08.H13'] });
    expect(merged('000.00.30.H13')).toMatchObject({ ok: false, successors: ['000.00.01.H13'] });
    expect(agencies.get('000.00.06.H13', at('2025-02-28'))).toBeUndefined();
    expect(agencies.get('000.00.06.H13', at('2025-03-01'))).toMatchObject({ name: { vi: 'Sở Nông nghiệp và Môi trường' } });
    // a land branch moved from Tài nguyên và Môi trường to Nông nghiệp và Môi trường
    expect(agencies.get('000.21.06.H13', at('2025-01-10'))?.parent).toBe('000.00.18.H13');
    expect(agencies.get('000.21.06.H13', at('2025-05-10'))?.parent).toBe('000.00.06.H13');
  });

  it('refuses a contradictory file with every reason', () => {
    const bad = {
      ...CAN_THO_AGENCY_FILE,
      agencies: [
        ...CAN_THO_AGENCY_FILE.agencies.slice(0, 3),
        { code: '000.00.77.H13', name: { vi: 'Sở X', en: 'X' }, level: 'PROVINCE', adminUnitCode: '916' },
        { code: '000.00.78.H13', name: { vi: 'Sở Y', en: 'Y' }, level: 'PROVINCE', adminUnitCode: '92', parent: '000.00.99.H13' },
        { code: '000.00.79.H13', name: { vi: 'Sở Z', en: 'Z' }, level: 'PROVINCE', adminUnitCode: '92', validTo: '2025-03-01', successors: ['000.00.98.H13'] },
        { ...CAN_THO_AGENCY_FILE.agencies[0]!, validFrom: '2024-01-01' },
      ],
    };
    const r = loadAgencyCatalogue(bad, CAN_THO_REGISTRY);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => `${p.rule} ${p.code ?? ''}`)).toEqual([
        'overlapping_versions 000.00.01.H13',
        'unit_not_in_force 000.00.77.H13',
        'missing_parent 000.00.78.H13',
        'missing_successor 000.00.79.H13',
      ]);
    expect(loadAgencyCatalogue({ format: 'x' }, CAN_THO_REGISTRY)).toMatchObject({
      ok: false,
      problems: [{ rule: 'schema' }, { rule: 'schema', message: '/format: must be equal to constant' }],
    });
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
    expect(gone).toMatchObject({
      ok: false,
      reason: 'unknown_agency',
      message: "agency '000.00.21.H13' is not in the agency catalogue on 2025-08-01 (it ended on 2025-07-01)",
    });
    expect(() => indexAgencies([before, { ...before, validTo: undefined, validFrom: '2025-01-01' }])).toThrow(/two entries valid on the same days/);
  });
});
