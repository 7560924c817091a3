import { describe, expect, it } from 'vitest';
import { rowsThatFit } from './rows-that-fit.ts';

describe('rows that fit a box', () => {
  it('all of them when they fit; else those that fit less one, for the line that counts the rest', () => {
    expect(rowsThatFit(500, [50, 100, 150])).toBe(3);
    expect(rowsThatFit(500, [100, 200, 300, 400, 500])).toBe(5);
    expect(rowsThatFit(500, [100, 200, 300, 400, 500, 600, 700])).toBe(4);
    expect(rowsThatFit(500, [])).toBe(0);
    expect(rowsThatFit(50, [100])).toBe(0);
  });
});
