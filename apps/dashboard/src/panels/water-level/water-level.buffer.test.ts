import { describe, expect, it } from 'vitest';
import { MAX_POINTS, mergePoints, SeriesBuffer, stepFor, type SeriesPoint } from './water-level.buffer.ts';

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

describe('SeriesBuffer', () => {
  const window = 6 * 3600_000;
  const step = stepFor(window);
  const t0 = Date.parse('2026-12-06T00:00:00+07:00');

  it('live readings change the series in place, one point per step, time-sorted, within the window: as mergePoints gives it', () => {
    const buf = new SeriesBuffer(step);
    const points = buf.points;
    let expected: readonly SeriesPoint[] = [];
    // seven hours of a gauge every 2 s (thinned to one reading per 5.4 s step, the window sliding), then every 20 s
    const times: number[] = [];
    for (let t = t0; t <= t0 + 7 * 3600_000; t += 2000) times.push(t);
    for (let t = t0 + 7 * 3600_000 + 20_000; t <= t0 + 8 * 3600_000; t += 20_000) times.push(t);
    let versions = 0;
    for (const t of times) {
      const v = 150 + Math.round(Math.sin(t / 3.6e6) * 40);
      expected = mergePoints(expected, [[t, v]], t - window, step);
      if (buf.add(t, v, t - window)) versions++;
    }
    // the same array all along: no copy per reading
    expect(buf.points).toBe(points);
    expect(buf.points).toEqual(expected);
    expect(buf.version).toBe(versions);
    expect(buf.points.length).toBeLessThanOrEqual(MAX_POINTS);
    const end = times[times.length - 1]!;
    expect(buf.points[0]![0]).toBeGreaterThanOrEqual(end - window);
    expect(buf.points[buf.points.length - 1]![0]).toBe(end);
    for (let i = 1; i < buf.points.length; i++) expect(Math.floor(buf.points[i]![0] / step)).toBeGreaterThan(Math.floor(buf.points[i - 1]![0] / step));
  });

  it('keeps at most MAX_POINTS, the newest, in place', () => {
    const buf = new SeriesBuffer();
    for (let i = 0; i < MAX_POINTS + 10; i++) buf.add(i, i, 0);
    expect(buf.points).toHaveLength(MAX_POINTS);
    expect(buf.points[0]![0]).toBe(10);
  });

  it('a reading in the last step replaces the last point; nothing else changes nothing', () => {
    const buf = new SeriesBuffer(5000);
    expect(buf.add(16_000, 4, 0)).toBe(true);
    expect(buf.add(19_000, 5, 0)).toBe(true);
    expect(buf.points).toEqual([[19_000, 5]]);
    expect(buf.version).toBe(2);
    // non-finite, older than the window, the same reading again: no change, no new version
    expect(buf.add(21_000, Number.NaN, 0)).toBe(false);
    expect(buf.add(21_000, 6, 30_000)).toBe(false);
    expect(buf.add(19_000, 5, 0)).toBe(false);
    expect(buf.version).toBe(2);
  });

  it('a late reading and a history read are merged in time order', () => {
    const buf = new SeriesBuffer();
    buf.add(5000, 160, 0);
    expect(buf.add(3000, 155, 0)).toBe(true);
    expect(
      buf.merge(
        [
          [1000, 150],
          [2000, 152],
        ],
        0,
      ),
    ).toBe(true);
    expect(buf.points).toEqual([
      [1000, 150],
      [2000, 152],
      [3000, 155],
      [5000, 160],
    ]);
    expect(buf.merge([[2000, 152]], 0)).toBe(false);
    expect(buf.version).toBe(3);
  });
});
