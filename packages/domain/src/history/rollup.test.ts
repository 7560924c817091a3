import { describe, expect, it } from 'vitest';
import { addObservation, bucketStart, emptyPartial, mergePartial, partialValue, ROLLUP_GRAINS, rollupDeltas, type RollupRow } from './rollup.ts';

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

describe('rollupDeltas keys', () => {
  /** The straightforward version: one string key per row. */
  function reference(batch: ReturnType<typeof o>[], chain: (a: string) => readonly string[]) {
    const out = new Map<string, RollupRow>();
    for (const x of batch)
      for (const grain of ROLLUP_GRAINS)
        for (const area of chain(x.area).length > 0 ? chain(x.area) : [x.area]) {
          const bucket = bucketStart(grain, x.observedAt);
          const key = `${grain}|${x.indicator}|${area}|${bucket}`;
          if (!out.has(key)) out.set(key, { grain, indicator: x.indicator, area, bucket, ...emptyPartial() });
          addObservation(out.get(key)!, x);
        }
    return [...out.values()];
  }

  it('gives the rows of one string key per (grain, indicator, area, bucket), in the same order, across indicators, areas, months and 1970', () => {
    const chains: Record<string, string[]> = { '916': ['916', '92'], '917': ['917', '92'], '92': ['92'] };
    const chain = (a: string) => chains[a] ?? [];
    const times = [
      at('1969-12-31T23:30:00+07:00'),
      at('1970-01-01T06:59:59Z'),
      at('2026-03-31T23:30:00+07:00'),
      at('2026-04-01T00:30:00+07:00'),
      at('2026-04-01T00:00:00+07:00'),
      at('2126-07-15T12:00:00+07:00'),
    ];
    const batch: ReturnType<typeof o>[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 400; i++) {
      const x = o(`id-${next() % 50}`, times[next() % times.length]! + (next() % 5) * 3_600_000, next() % 3 === 0 ? null : next() % 100, i % 4, 4);
      batch.push({ ...x, indicator: ['pm25', 'water_level', 'e_document_rate'][next() % 3]!, area: ['916', '917', '92', '999'][next() % 4]! });
    }
    expect(rollupDeltas(batch, chain)).toEqual(reference(batch, chain));
  });
});

describe('rollupDeltas on a tree that changes', () => {
  it('rolls each observation up its chain on its own date, whether the chain is the same array or a new one each call', () => {
    const split = at('2025-07-01T00:00:00+07:00');
    // before the merger 31135 sat under district 916; from 1 July 2025 directly under the city
    const chain = (a: string, t: number) => (a === '31135' ? (t < split ? ['31135', '916', '92'] : ['31135', '92']) : [a]);
    const batch = [o('a', at('2025-06-30T23:00:00+07:00'), 10), o('b', at('2025-07-01T01:00:00+07:00'), 20), o('c', at('2025-06-30T22:00:00+07:00'), 30)].map(
      (x) => ({ ...x, area: '31135' }),
    );
    const rows = rollupDeltas(batch, chain);
    const month = (area: string, iso: string) => rows.find((r) => r.grain === 'month' && r.area === area && r.bucket === at(iso));
    expect(month('916', '2025-06-01T00:00:00+07:00')?.n).toBe(2);
    expect(month('916', '2025-07-01T00:00:00+07:00')).toBeUndefined();
    expect(month('92', '2025-06-01T00:00:00+07:00')?.sum).toBe(40);
    expect(month('92', '2025-07-01T00:00:00+07:00')?.sum).toBe(20);
    expect(month('31135', '2025-07-01T00:00:00+07:00')?.n).toBe(1);
    // the same rows when the index hands out one array per validity interval
    const before = ['31135', '916', '92'];
    const after = ['31135', '92'];
    expect(rollupDeltas(batch, (a, t) => (a === '31135' ? (t < split ? before : after) : [a]))).toEqual(rows);
  });
});
