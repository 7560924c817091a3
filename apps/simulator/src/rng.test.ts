import { describe, expect, it } from 'vitest';
import { binomial, createRng, poisson } from './rng.ts';

describe('seeded rng', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws normals with mean ≈ 0 and sd ≈ 1', () => {
    const r = createRng(7);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('poisson and binomial have the right means and stay in range', () => {
    const r = createRng(1);
    for (const lambda of [0.3, 4, 120]) {
      const xs = Array.from({ length: 5000 }, () => poisson(r, lambda));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(Math.abs(mean - lambda) / lambda).toBeLessThan(0.06);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    }
    for (const [n, p] of [
      [10, 0.3],
      [500, 0.42],
      [3, 0.999],
    ] as const) {
      const xs = Array.from({ length: 5000 }, () => binomial(r, n, p));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(Math.abs(mean - n * p) / (n * p)).toBeLessThan(0.05);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(n);
    }
    expect(poisson(r, 0)).toBe(0);
    expect(binomial(r, 0, 0.5)).toBe(0);
  });
});
