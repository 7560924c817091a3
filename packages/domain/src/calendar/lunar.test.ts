import { describe, expect, it } from 'vitest';
import { lunarToGregorian, vietnameseNewYear } from './lunar.ts';

describe('Vietnamese lunar dates (date-chinese, computed at UTC+7)', () => {
  it('gives mùng 1 Tết for 2020–2030 as published in Vietnam', () => {
    const known: Record<number, string> = {
      2020: '2020-01-25',
      2021: '2021-02-12',
      2022: '2022-02-01',
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2027: '2027-02-06',
      2028: '2028-01-26',
      2029: '2029-02-13',
      2030: '2030-02-02',
    };
    for (const [year, date] of Object.entries(known)) expect(vietnameseNewYear(Number(year)), year).toBe(date);
  });
  it('follows Vietnam, not China, where the UTC+7 and UTC+8 calendars part (China: 2007-02-18, 2030-02-03)', () => {
    expect(vietnameseNewYear(2007)).toBe('2007-02-17');
    expect(vietnameseNewYear(2030)).toBe('2030-02-02');
  });
  it('gives Giỗ Tổ Hùng Vương (10th day of the 3rd lunar month)', () => {
    expect(lunarToGregorian(2023, 3, 10)).toBe('2023-04-29');
    expect(lunarToGregorian(2024, 3, 10)).toBe('2024-04-18');
    expect(lunarToGregorian(2025, 3, 10)).toBe('2025-04-07');
    expect(lunarToGregorian(2026, 3, 10)).toBe('2026-04-26');
  });
});
