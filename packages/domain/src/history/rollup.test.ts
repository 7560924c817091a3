import { describe, expect, it } from 'vitest';
import {
  addObservation,
  bucketStart,
  countPeriods,
  emptyPartial,
  listPeriods,
  mergePartial,
  partialValue,
  rollupDeltas,
  seriesBounds,
  seriesKey,
  shiftSeriesKey,
} from './rollup.ts';

const at = (iso: string) => Date.parse(iso);
const o = (id: string, observedAt: number, value: number | null, numerator: number | null = null, denominator: number | null = null) => ({
  id,
  indicator: 'pm25',
  area: '916',
  observedAt,
  value,
  numerator,
  denominator,
});

describe('rollup buckets on the Asia/Ho_Chi_Minh calendar', () => {
  it('puts 23:30 local on 31 March into March, 00:30 local on 1 April into April', () => {
    expect(bucketStart('month', at('2026-03-31T23:30:00+07:00'))).toBe(at('2026-03-01T00:00:00+07:00'));
    expect(bucketStart('month', at('2026-04-01T00:30:00+07:00'))).toBe(at('2026-04-01T00:00:00+07:00'));
    expect(bucketStart('day', at('2026-04-01T06:59:00Z'))).toBe(at('2026-04-01T00:00:00+07:00'));
    expect(bucketStart('hour', at('2026-04-01T06:59:00+07:00'))).toBe(at('2026-04-01T06:00:00+07:00'));
  });

  it('names and bounds periods of every kind', () => {
    const t = at('2026-11-22T07:15:00+07:00');
    expect(['hour', 'day', 'month', 'quarter', 'half', 'year'].map((k) => seriesKey(k as Parameters<typeof seriesKey>[0], t))).toEqual([
      '2026-11-22T07',
      '2026-11-22',
      '2026-11',
      '2026-Q4',
      '2026-H2',
      '2026',
    ]);
    expect(seriesBounds('quarter', '2026-Q4')).toEqual({ start: at('2026-10-01T00:00:00+07:00'), end: at('2027-01-01T00:00:00+07:00') });
    expect(seriesBounds('day', '2026-02-30')).toBeNull();
    expect(seriesBounds('month', '2026-13')).toBeNull();
    expect(seriesBounds('month', '2026-Q1')).toBeNull();
  });

  it('counts, lists and shifts periods across year ends', () => {
    expect(listPeriods('quarter', '2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(countPeriods('month', '2026-03', '2026-01')).toBeLessThanOrEqual(0);
    expect(countPeriods('hour', '2026-01-01T00', '2026-01-02T23')).toBe(48);
    expect(shiftSeriesKey('half', '2026-H1', -1)).toBe('2025-H2');
    expect(shiftSeriesKey('day', '2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('rollup partials', () => {
  it('answers every aggregation kind and merges in any grouping to the same result', () => {
    const obs = [o('a', 1, 4), o('b', 3, 10), o('c', 3, 1), o('d', 2, null, 3, 4), o('e', 2, 7, 1, 4)];
    const whole = emptyPartial();
    for (const x of obs) addObservation(whole, x);
    const left = emptyPartial();
    const right = emptyPartial();
    for (const x of obs.slice(0, 2)) addObservation(right, x);
    for (const x of obs.slice(2)) addObservation(left, x);
    expect(mergePartial(left, right)).toEqual(whole);
    expect(partialValue('sum', whole)).toBe(22);
    expect(partialValue('avg', whole)).toBe(4.4);
    expect(partialValue('max', whole)).toBe(10);
    expect(partialValue('ratio', whole)).toBe(0.5);
    // equal times: the greater id is the last value
    expect(partialValue('last', whole)).toBe(1);
    expect(partialValue('sum', emptyPartial())).toBeNull();
  });

  it('adds one row per grain, area of the chain and bucket, merged within the batch', () => {
    const t = at('2026-11-22T07:15:00+07:00');
    const rows = rollupDeltas([o('a', t, 2), o('b', t + 60_000, 3), o('c', t + 3_600_000, 5)], (a) => (a === '916' ? ['916', '92'] : []));
    expect(rows).toHaveLength(2 * (2 + 1 + 1));
    const month = rows.filter((r) => r.grain === 'month' && r.area === '92');
    expect(month).toHaveLength(1);
    expect(month[0]!.n).toBe(3);
    expect(month[0]!.sum).toBe(10);
    expect(rows.filter((r) => r.grain === 'hour' && r.area === '916').map((r) => r.n)).toEqual([2, 1]);
  });
});

describe('period positions', () => {
  it('places buckets among the periods of a range by arithmetic for hours and days, by the calendar for months and longer', async () => {
    const { periodIndex } = await import('./rollup.ts');
    const start = at('2025-12-01T00:00:00+07:00');
    expect(periodIndex('hour', start, at('2025-12-01T05:00:00+07:00'))).toBe(5);
    expect(periodIndex('day', start, at('2025-12-31T00:00:00+07:00'))).toBe(30);
    expect(periodIndex('month', start, at('2026-02-01T00:00:00+07:00'))).toBe(2);
    expect(periodIndex('quarter', at('2025-10-01T00:00:00+07:00'), at('2026-03-01T00:00:00+07:00'))).toBe(1);
    expect(listPeriods('hour', '2026-03-31T22', '2026-04-01T01')).toEqual(['2026-03-31T22', '2026-03-31T23', '2026-04-01T00', '2026-04-01T01']);
    expect(listPeriods('day', '2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
