import { describe, expect, it } from 'vitest';
import { areaAt } from '../test/fixtures.ts';
import { dayBeforeLatestChange, indexUnits, sameUnitsAsToday, searchKey, unitDisplayName, type AreasAtResponse } from './units.ts';

const unit = areaAt;

const today: AreasAtResponse = {
  at: '2026-12-05',
  units: [
    unit('92', 'Cần Thơ', 'thành phố', null),
    unit('31135', 'Ninh Kiều', 'phường', '92', '2025-07-01', { nameEn: 'Ninh Kieu Ward' }),
    unit('31228', 'Thới Lai', 'xã', '92'),
    unit('31150', 'Phường 5', 'phường', '92'),
  ],
};

describe('unitDisplayName', () => {
  it('puts the type before the name, capitalised, unless the name already starts with it', () => {
    expect(unitDisplayName(today.units[1]!)).toBe('Phường Ninh Kiều');
    expect(unitDisplayName(today.units[2]!)).toBe('Xã Thới Lai');
    expect(unitDisplayName(today.units[3]!)).toBe('Phường 5');
    expect(unitDisplayName(unit('916', 'Ninh Kiều', 'quận', '92'))).toBe('Quận Ninh Kiều');
    expect(unitDisplayName(unit('931', 'Vị Thanh', 'thành phố', '93'))).toBe('Thành phố Vị Thanh');
  });

  it('uses the English name in English, else the name without diacritics', () => {
    expect(unitDisplayName(today.units[1]!, 'en')).toBe('Ninh Kieu Ward');
    expect(unitDisplayName(today.units[2]!, 'en')).toBe('Thoi Lai');
  });
});

describe('searchKey', () => {
  it('folds diacritics, đ, case and punctuation, so "ninh kieu" finds "Phường Ninh Kiều"', () => {
    expect(searchKey('Phường Ninh Kiều')).toBe('phuong ninh kieu');
    expect(searchKey('Sở Nông nghiệp và Môi trường')).toBe('so nong nghiep va moi truong');
    expect(searchKey('Ðông Hải')).toBe('dong hai');
    expect(searchKey('  Cờ  Đỏ ')).toBe('co do');
  });
});

describe('indexUnits', () => {
  const idx = indexUnits(today);
  it('finds names, children and the root from the list', () => {
    expect(idx.name('31135')).toBe('Phường Ninh Kiều');
    expect(idx.shortName('31135')).toBe('Ninh Kiều');
    expect(idx.name('99999')).toBe('99999');
    expect(idx.children('92').map((u) => u.code)).toEqual(['31135', '31228', '31150']);
    expect(idx.root()?.code).toBe('92');
  });
  it('is empty before the list arrives', () => {
    expect(indexUnits(undefined).units).toEqual([]);
    expect(indexUnits(undefined).root()).toBeNull();
  });
});

describe('historical layers', () => {
  const before: AreasAtResponse = {
    at: '2025-03-01',
    units: [unit('92', 'Cần Thơ', 'thành phố', null, '2004-01-01'), unit('916', 'Ninh Kiều', 'quận', '92', '2021-01-01')],
  };
  it('tells a past date with other units from a date with today’s', () => {
    expect(sameUnitsAsToday(before, today)).toBe(false);
    expect(sameUnitsAsToday({ ...today, at: '2025-09-01' }, today)).toBe(true);
    expect(sameUnitsAsToday(undefined, today)).toBeNull();
  });
  it('finds the last day of the previous layer from the data', () => {
    expect(dayBeforeLatestChange(today)).toBe('2025-06-30');
    expect(dayBeforeLatestChange({ at: 'x', units: [unit('92', 'Cần Thơ', 'thành phố', null)] })).toBeNull();
  });
});
