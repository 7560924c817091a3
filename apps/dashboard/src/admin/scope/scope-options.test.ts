import { describe, expect, it } from 'vitest';
import { agencyOptions, filterOptions, fold, nameOf, toggleCode, unitOptions } from './scope-options.ts';

const AREAS = [
  { code: '916', name: 'Quận Ninh Kiều', level: 'district' },
  { code: '31117', name: 'Phường Tân An', level: 'commune' },
  { code: '92', name: 'Thành phố Cần Thơ', level: 'province' },
  { code: '917', name: 'Quận Ô Môn', level: 'district' },
];

describe('scope options', () => {
  it('lists the city first, then districts, communes and departments, each by name', () => {
    const units = unitOptions(AREAS, [{ code: 'SYT', name: 'Sở Y tế' }]);
    expect(units.map((u) => [u.code, u.group])).toEqual([
      ['92', 'city'],
      ['916', 'district'],
      ['917', 'district'],
      ['31117', 'commune'],
      ['SYT', 'department'],
    ]);
  });

  it('finds a unit typed without diacritics, by words in any order, or by code', () => {
    const units = unitOptions(AREAS);
    expect(fold('Đường Ô Môn')).toBe('duong o mon');
    expect(filterOptions(units, 'o mon').map((u) => u.code)).toEqual(['917']);
    expect(filterOptions(units, 'kieu ninh').map((u) => u.code)).toEqual(['916']);
    expect(filterOptions(units, '311').map((u) => u.code)).toEqual(['31117']);
    expect(filterOptions(units, '')).toHaveLength(4);
  });

  it('toggles codes in the order chosen and names them', () => {
    expect(toggleCode(['916'], '917')).toEqual(['916', '917']);
    expect(toggleCode(['916', '917'], '916')).toEqual(['917']);
    const agencies = agencyOptions([{ code: '000.00.05.H13', name: 'Sở Y tế' }]);
    expect(nameOf(agencies, '000.00.05.H13')).toBe('Sở Y tế');
    expect(nameOf(agencies, 'unknown')).toBe('unknown');
  });
});
