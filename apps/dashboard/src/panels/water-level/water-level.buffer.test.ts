import { describe, expect, it } from 'vitest';
import { MAX_POINTS, mergePoints, stepFor, type SeriesPoint } from './water-level.buffer.ts';

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

  it('holds the whole six hours of a gauge reporting every 2 s, thinned to one reading per step', () => {
    const window = 6 * 3600_000;
    const step = stepFor(window);
    const t0 = Date.parse('2026-12-06T00:00:00+07:00');
    let buf: readonly SeriesPoint[] = [];
    // seven hours of live readings, one by one, the window sliding with them
    for (let t = t0; t <= t0 + 7 * 3600_000; t += 2000) buf = mergePoints(buf, [[t, 150 + Math.sin(t / 3.6e6) * 40]], t - window, step);
    const end = t0 + 7 * 3600_000;
    expect(buf.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    // the oldest point is the newest reading of the first or second step the window still holds (the old buffer's cap
    // kept only the last 2.2 hours), the newest is the last reading
    expect(buf[0]![0]).toBeGreaterThanOrEqual(end - window);
    expect(buf[0]![0] - (end - window)).toBeLessThan(2 * step);
    expect(buf[buf.length - 1]![0]).toBe(end);
    // one point per step, time-sorted
    for (let i = 1; i < buf.length; i++) expect(Math.floor(buf[i]![0] / step)).toBeGreaterThan(Math.floor(buf[i - 1]![0] / step));
  });

  it('a history read merged with thinned live points keeps the newest reading of each step', () => {
    const step = 5000;
    const history: SeriesPoint[] = [
      [10_000, 1],
      [12_000, 2],
      [14_000, 3],
      [16_000, 4],
    ];
    expect(mergePoints([], history, 0, step)).toEqual([
      [14_000, 3],
      [16_000, 4],
    ]);
    // a live reading in the last step replaces it; one in a new step is appended
    expect(mergePoints([[16_000, 4]], [[19_000, 5]], 0, step)).toEqual([[19_000, 5]]);
    expect(mergePoints([[16_000, 4]], [[21_000, 6]], 0, step)).toEqual([
      [16_000, 4],
      [21_000, 6],
    ]);
  });
});
