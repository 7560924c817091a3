import { describe, expect, it } from 'vitest';
import { labelPoint, labelPointAvoiding } from './label-points.ts';
import { square } from '../test/geo-fixtures.ts';

describe('label points', () => {
  it('puts the label at the centroid of the largest ring', () => {
    const [x, y] = labelPoint({ type: 'Polygon', coordinates: square(105.7, 10, 0.1) })!;
    expect(x).toBeCloseTo(105.75, 9);
    expect(y).toBeCloseTo(10.05, 9);
    const multi = labelPoint({ type: 'MultiPolygon', coordinates: [square(105, 9, 0.01), square(106, 10, 0.2)] })!;
    expect(multi[0]).toBeCloseTo(106.1, 9);
  });

  it('keeps a label inside its unit and clear of station markers', () => {
    const geometry = { type: 'Polygon' as const, coordinates: square(105.7, 10, 0.1) };
    const free = labelPointAvoiding(geometry, [])!;
    expect(free[0]).toBeCloseTo(105.75, 2);
    expect(free[1]).toBeCloseTo(10.05, 2);
    // A station in the north-east quarter pushes the label towards the south-west.
    const [x, y] = labelPointAvoiding(geometry, [[105.78, 10.08]])!;
    expect(x).toBeLessThan(105.75);
    expect(y).toBeLessThan(10.05);
    expect(x).toBeGreaterThan(105.7);
    expect(y).toBeGreaterThan(10);
  });

  it('places labels inside rings with thousands of vertices (an official file) from a thinned ring', () => {
    const n = 5000;
    const ring = Array.from({ length: n + 1 }, (_, i) => {
      const a = (2 * Math.PI * (i % n)) / n;
      return [105.8 + 0.05 * Math.cos(a), 10 + 0.05 * Math.sin(a)];
    });
    const [x, y] = labelPointAvoiding({ type: 'Polygon', coordinates: [ring] }, [])!;
    expect(Math.hypot(x - 105.8, y - 10)).toBeLessThan(0.01);
  });
});
