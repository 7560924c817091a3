import { describe, expect, it } from 'vitest';
import { comparePeriods, convertPeriod, currentPeriod, nextPeriod, parsePeriod, periodKindOf, periodLabel, previousPeriod, shiftPeriod } from './periods.ts';

describe('period keys', () => {
  it('parses the four kinds and refuses anything else', () => {
    expect(parsePeriod('2026-11')).toEqual({ kind: 'month', year: 2026, index: 11 });
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', year: 2026, index: 4 });
    expect(parsePeriod('2026-H2')).toEqual({ kind: 'half', year: 2026, index: 2 });
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, index: 1 });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-H3', '26-11', '2026-1', '', 'all', '2026-11 ']) expect(parsePeriod(bad)).toBeNull();
    expect(periodKindOf('2026-Q1')).toBe('quarter');
    expect(periodKindOf('x')).toBeNull();
  });
});

describe('previous and next', () => {
  it('steps months across the year boundary', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(nextPeriod('2025-12')).toBe('2026-01');
    expect(previousPeriod('2026-11')).toBe('2026-10');
    expect(shiftPeriod('2026-11', -23)).toBe('2024-12');
    expect(shiftPeriod('2026-11', 14)).toBe('2028-01');
  });

  it('steps quarters, halves and years', () => {
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(nextPeriod('2026-Q4')).toBe('2027-Q1');
    expect(nextPeriod('2026-Q2')).toBe('2026-Q3');
    expect(previousPeriod('2026-H1')).toBe('2025-H2');
    expect(nextPeriod('2026-H1')).toBe('2026-H2');
    expect(previousPeriod('2026')).toBe('2025');
    expect(nextPeriod('2026')).toBe('2027');
  });

  it('is null for a malformed key', () => {
    expect(previousPeriod('2026-13')).toBeNull();
    expect(shiftPeriod('2026-11', 0.5)).toBeNull();
  });
});

describe('converting and ordering', () => {
  it('finds the period of another kind holding the first month', () => {
    expect(convertPeriod('2026-11', 'quarter')).toBe('2026-Q4');
    expect(convertPeriod('2026-11', 'year')).toBe('2026');
    expect(convertPeriod('2026-11', 'half')).toBe('2026-H2');
    expect(convertPeriod('2026-Q3', 'month')).toBe('2026-07');
    expect(convertPeriod('2026', 'quarter')).toBe('2026-Q1');
    expect(convertPeriod('2026-H2', 'month')).toBe('2026-07');
    expect(convertPeriod('bad', 'month')).toBeNull();
  });

  it('orders keys of one kind', () => {
    expect(comparePeriods('2026-10', '2026-11')).toBeLessThan(0);
    expect(comparePeriods('2027-01', '2026-12')).toBeGreaterThan(0);
    expect(comparePeriods('2026-Q4', '2026-Q4')).toBe(0);
    expect(comparePeriods('2026', '2026-11')).toBeNaN();
  });
});

describe('current period on the Vietnamese calendar', () => {
  it('uses the city day, not UTC: 31 Dec 17:30 UTC is already January in Cần Thơ', () => {
    const t = Date.UTC(2026, 11, 31, 17, 30);
    expect(currentPeriod('month', t)).toBe('2027-01');
    expect(currentPeriod('quarter', t)).toBe('2027-Q1');
    expect(currentPeriod('year', t)).toBe('2027');
    expect(currentPeriod('month', t, 'UTC')).toBe('2026-12');
  });

  it('puts 22 Nov 2026 in 2026-11, 2026-Q4, 2026-H2, 2026', () => {
    const t = Date.UTC(2026, 10, 22, 0, 30);
    expect(['month', 'quarter', 'half', 'year'].map((k) => currentPeriod(k as Parameters<typeof currentPeriod>[0], t))).toEqual([
      '2026-11',
      '2026-Q4',
      '2026-H2',
      '2026',
    ]);
  });
});

describe('labels', () => {
  it('names periods in Vietnamese first, English second', () => {
    expect(periodLabel('2026-11', 'vi')).toBe('Tháng 11/2026');
    expect(periodLabel('2026-03', 'vi')).toBe('Tháng 03/2026');
    expect(periodLabel('2026-Q4', 'vi')).toBe('Quý IV/2026');
    expect(periodLabel('2026-H1', 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026', 'vi')).toBe('Năm 2026');
    expect(periodLabel('2026-11', 'en')).toBe('November 2026');
    expect(periodLabel('2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2026', 'en')).toBe('Year 2026');
  });
});
