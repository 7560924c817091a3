import { describe, expect, it } from 'vitest';
import { provinceCountForPeriod, provinceCountOn } from './national.ts';

describe('province-level units of Việt Nam', () => {
  it('are 63 until 30 June 2025 and 34 from 1 July 2025 (NQ 202/2025/QH15)', () => {
    expect(provinceCountOn('2022-12-31')).toBe(63);
    expect(provinceCountOn('2025-06-30')).toBe(63);
    expect(provinceCountOn('2025-07-01')).toBe(34);
    expect(provinceCountOn('2000-01-01')).toBeNull();
  });

  it.each([
    ['2022', 63],
    ['2025-H1', 63],
    ['2025-Q3', 34],
    ['2025', 34],
    ['2025-06', 63],
    ['2025-06-30', null],
    ['junk', null],
  ])('rank a period by its last day (the 2022 DTI among 63, the 2025 one among 34): %s → %s', (period, count) => {
    expect(provinceCountForPeriod(period)).toBe(count);
  });
});
