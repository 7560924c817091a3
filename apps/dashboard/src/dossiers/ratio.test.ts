import { describe, expect, it } from 'vitest';
import { MISSING } from '../format/format.ts';
import { clampFraction, formatPairAverage, formatPairFraction, formatPairPercent, NOT_APPLICABLE, pairValue, sumPairs } from './ratio.ts';

describe('ratio pairs', () => {
  it('divides only when there is something to divide', () => {
    expect(pairValue({ numerator: 1074, denominator: 1164 })).toBeCloseTo(0.92268, 5);
    expect(pairValue({ numerator: 0, denominator: 10 })).toBe(0);
    expect(pairValue({ numerator: 0, denominator: 0 })).toBeNull();
    expect(pairValue(null)).toBeNull();
    expect(pairValue({ numerator: Number.NaN, denominator: 3 })).toBeNull();
  });

  it('shows a pair as a vi-VN percentage, N/A for a zero denominator, a dash when missing', () => {
    expect(formatPairPercent({ numerator: 1074, denominator: 1164 })).toBe('92,3 %');
    expect(formatPairPercent({ numerator: 1074, denominator: 1164 }, 2)).toBe('92,27 %');
    expect(formatPairPercent({ numerator: 212, denominator: 500 }, 1, 'en')).toBe('42.4 %');
    expect(formatPairPercent({ numerator: 0, denominator: 5 })).toBe('0,0 %');
    expect(formatPairPercent({ numerator: 0, denominator: 0 })).toBe(NOT_APPLICABLE);
    expect(formatPairPercent(undefined)).toBe(MISSING);
  });

  it('shows the counts behind it with thousands separators', () => {
    expect(formatPairFraction({ numerator: 1074, denominator: 1164 })).toBe('1.074 / 1.164');
    expect(formatPairFraction({ numerator: 1074, denominator: 1164 }, 'en')).toBe('1,074 / 1,164');
    expect(formatPairFraction({ numerator: 0, denominator: 0 })).toBe('0 / 0');
  });

  it('averages working days per completed dossier', () => {
    expect(formatPairAverage({ numerator: 4210.5, denominator: 1000 })).toBe('4,2');
    expect(formatPairAverage({ numerator: 7, denominator: 2 }, 2, 'en')).toBe('3.50');
    expect(formatPairAverage({ numerator: 0, denominator: 0 })).toBe(NOT_APPLICABLE);
  });

  it('combines units as Σnumerator / Σdenominator, never an average of percentages', () => {
    const s = sumPairs([{ numerator: 9, denominator: 10 }, { numerator: 50, denominator: 100 }, null, { numerator: 0, denominator: 0 }]);
    expect(s).toEqual({ numerator: 59, denominator: 110 });
    expect(pairValue(s)).toBeCloseTo(0.536, 3); // not (0.9 + 0.5) / 2 = 0.7
  });

  it('clamps fractions for bars', () => {
    expect(clampFraction(1.2)).toBe(1);
    expect(clampFraction(-0.1)).toBe(0);
    expect(clampFraction(null)).toBeNull();
  });
});
