import { describe, expect, it } from 'vitest';
import { repeatOf, showSpread, spread } from './spread.ts';

describe('spread', () => {
  it('gives min, median and max, and keeps the values in run order', () => {
    expect(spread([0.52, 0.481, 0.553])).toEqual({ min: 0.481, median: 0.52, max: 0.553, values: [0.52, 0.481, 0.553] });
  });
  it('takes the mean of the middle two as the median of an even count', () => {
    expect(spread([4, 1, 3, 2]).median).toBe(2.5);
  });
  it('rounds to the digits asked for', () => {
    expect(spread([1234.56, 999.4], 0)).toEqual({ min: 999, median: 1117, max: 1235, values: [1235, 999] });
  });
  it('refuses no values', () => {
    expect(() => spread([])).toThrow('spread of no values');
  });
  it('prints a ratio as a percentage or a multiple', () => {
    expect(showSpread(spread([0.52, 0.481, 0.553]))).toBe('median 52.0 % (min 48.1, max 55.3 over 3 runs)');
    expect(showSpread(spread([1.5, 2.25]), 'x')).toBe('median 1.88× (min 1.50, max 2.25 over 2 runs)');
  });
});

describe('repeatOf', () => {
  it('is 3 by default and N with --repeat=N', () => {
    expect(repeatOf(['--quick'])).toBe(3);
    expect(repeatOf(['--quick', '--repeat=5'])).toBe(5);
  });
  it('refuses a repeat that is not a whole number ≥ 1', () => {
    expect(() => repeatOf(['--repeat=0'])).toThrow("--repeat must be a whole number ≥ 1, got '0'");
    expect(() => repeatOf(['--repeat=two'])).toThrow("--repeat must be a whole number ≥ 1, got 'two'");
  });
});
