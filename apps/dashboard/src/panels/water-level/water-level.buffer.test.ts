import { describe, expect, it } from 'vitest';
import { MAX_POINTS, mergePoints, type SeriesPoint } from './water-level.buffer.ts';

describe('mergePoints', () => {
  const s: SeriesPoint[] = [
    [1000, 150],
    [2000, 152],
    [3000, 155],
  ];

  it('appends a newer live point', () => {
    expect(mergePoints(s, [[4000, 157]], 0)).toEqual([...s, [4000, 157]]);
  });

  it('merges history arriving after live points, sorted, one point per instant', () => {
    const live: SeriesPoint[] = [[5000, 160]];
    expect(mergePoints(live, s, 0)).toEqual([...s, [5000, 160]]);
    expect(mergePoints(s, [[2000, 153]], 0)).toEqual([
      [1000, 150],
      [2000, 153],
      [3000, 155],
    ]);
  });

  it('drops points older than the window start', () => {
    expect(mergePoints(s, [[4000, 157]], 2500)).toEqual([
      [3000, 155],
      [4000, 157],
    ]);
  });

  it('returns the same array when nothing changed', () => {
    expect(mergePoints(s, [[2000, 152]], 0)).toBe(s);
    expect(mergePoints(s, [], 0)).toBe(s);
  });

  it('ignores non-finite values', () => {
    expect(mergePoints(s, [[4000, Number.NaN]], 0)).toBe(s);
  });

  it('keeps at most MAX_POINTS, the newest', () => {
    const many: SeriesPoint[] = Array.from({ length: MAX_POINTS + 10 }, (_, i) => [i, i]);
    const out = mergePoints([], many, 0);
    expect(out).toHaveLength(MAX_POINTS);
    expect(out[0]![0]).toBe(10);
    const more = mergePoints(out, [[MAX_POINTS + 10, 1]], 0);
    expect(more).toHaveLength(MAX_POINTS);
    expect(more[0]![0]).toBe(11);
  });
});
