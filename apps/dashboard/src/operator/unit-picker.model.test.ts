import type { AreaAt } from '@cityioc/contracts';
import type { AgencyRow } from '../names/names.ts';
import { describe, expect, it } from 'vitest';
import { pickerOptions, searchOptions } from './unit-picker.model.ts';

const unit = (code: string, name: string, type: string, parent: string | null = '92'): AreaAt => ({
  code,
  name,
  nameEn: null,
  type,
  level: parent ? 'commune' : 'province',
  parent,
  validFrom: '2025-07-01',
  validTo: null,
});
const agency = (code: string, vi: string, level: AgencyRow['level'] = 'PROVINCE'): AgencyRow => ({
  code,
  name: { vi, en: vi },
  level,
  adminUnitCode: '92',
  parent: null,
  validFrom: null,
  validTo: null,
});

const options = pickerOptions(
  [unit('92', 'Cần Thơ', 'thành phố', null), unit('31135', 'Ninh Kiều', 'phường'), unit('31120', 'Cái Khế', 'phường'), unit('31228', 'Thới Lai', 'xã')],
  [agency('000.00.06.H13', 'Sở Nông nghiệp và Môi trường'), agency('000.00.01.H13', 'Sở Nội vụ'), agency('000.31.35.H13', 'UBND phường Ninh Kiều', 'COMMUNE')],
  'vi',
  (l) => (l === 'PROVINCE' ? 'Cấp tỉnh' : 'Cấp xã'),
  ['000.99.99.H13', '000.00.01.H13'],
);

describe('unit picker', () => {
  it('lists units below the city and agencies by name, the code as secondary text', () => {
    expect(options.map((o) => `${o.kind}:${o.code}`)).toEqual([
      'area:31120',
      'area:31135',
      'area:31228',
      'agency:000.99.99.H13',
      'agency:000.00.01.H13',
      'agency:000.00.06.H13',
      'agency:000.31.35.H13',
    ]);
    expect(options.find((o) => o.code === '31135')).toMatchObject({ name: 'Phường Ninh Kiều', detail: '31135' });
    expect(options.find((o) => o.code === '000.00.06.H13')).toMatchObject({ detail: 'Cấp tỉnh · 000.00.06.H13' });
  });

  it('finds "Phường Ninh Kiều" from "ninh kieu", without diacritics or case, the unit before the committee', () => {
    expect(searchOptions(options, 'ninh kieu').map((o) => o.code)).toEqual(['31135', '000.31.35.H13']);
    expect(searchOptions(options, 'NINH KIỀU').map((o) => o.code)).toEqual(['31135', '000.31.35.H13']);
    expect(searchOptions(options, 'kieu ninh').map((o) => o.code)).toEqual(['31135', '000.31.35.H13']);
  });

  it('finds a department by a word of its name, and anything by its code', () => {
    expect(searchOptions(options, 'moi truong').map((o) => o.name)).toEqual(['Sở Nông nghiệp và Môi trường']);
    expect(searchOptions(options, 'so n').map((o) => o.name)).toEqual(['Sở Nội vụ', 'Sở Nông nghiệp và Môi trường']);
    expect(searchOptions(options, '31228').map((o) => o.name)).toEqual(['Xã Thới Lai']);
  });

  it('answers nothing to an empty query, and at most `limit` options', () => {
    expect(searchOptions(options, '  ')).toEqual([]);
    expect(searchOptions(options, 'h13', 2)).toHaveLength(2);
  });
});
