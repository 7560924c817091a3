import { describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { obs, T0, useStore, type StoreHarness } from './harness.ts';

const HOUR = 3_600_000;

/** Every rollup row of a store at one grain, in a stable order, for comparisons. */
async function allRollups(s: Store, grain: 'hour' | 'day' | 'month', indicator: string, areas: readonly string[]) {
  const out = [];
  for (const area of areas) out.push(...(await s.rollups({ grain, indicator, area, from: 0, to: 8_000_000_000_000 })));
  return out.map((r) => ({ ...r, sum: Math.round(r.sum * 1e9) / 1e9, num: Math.round(r.num * 1e9) / 1e9, den: Math.round(r.den * 1e9) / 1e9 }));
}

/**
 * History rollups [ST-H…]: maintained inside `append`. The harness must create stores whose area
 * chain is the Cần Thơ tree (916 Ninh Kiều → 92 the city).
 */
export function rollupConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, rollups: ${name}`, () => {
    const t = useStore(harness);

    it('[ST-H1] an append adds each observation to its hour, day and month, for its area and every ancestor', async () => {
      const s = await t.open();
      await s.append([
        obs('a', { indicator: 'pm25', station: null, value: 10, observedAt: T0 }),
        obs('b', { indicator: 'pm25', station: null, value: 30, observedAt: T0 + HOUR }),
        obs('c', { indicator: 'pm25', station: null, value: 20, observedAt: T0 + 2 * HOUR, area: '919' }),
      ]);
      const city = await s.rollups({ grain: 'month', indicator: 'pm25', area: '92', from: 0, to: 8e12 });
      expect(city).toHaveLength(1);
      expect(city[0]).toMatchObject({ n: 3, sum: 60, min: 10, max: 30, lastValue: 20, lastAt: T0 + 2 * HOUR, lastId: 'c' });
      expect(city[0]!.bucket).toBe(Date.parse('2026-11-01T00:00:00+07:00'));
      const hours = await s.rollups({ grain: 'hour', indicator: 'pm25', area: '916', from: 0, to: 8e12 });
      expect(hours.map((r) => [r.bucket, r.n, r.sum])).toEqual([
        [T0, 1, 10],
        [T0 + HOUR, 1, 30],
      ]);
      const day = await s.rollups({ grain: 'day', indicator: 'pm25', area: '919', from: 0, to: 8e12 });
      expect(day.map((r) => r.sum)).toEqual([20]);
      // [from, to): the bucket starting at `to` is left out
      expect(await s.rollups({ grain: 'hour', indicator: 'pm25', area: '916', from: T0, to: T0 + HOUR })).toHaveLength(1);
    });

    it('[ST-H2] a duplicate id never counts twice, in one batch or across batches and restarts', async () => {
      const s = await t.open();
      await s.append([
        obs('a', { value: 5 }),
        obs('a', { value: 5 }),
        obs('r', { indicator: 'e_document_rate', value: null, numerator: 3, denominator: 4, station: null }),
      ]);
      await s.append([obs('a', { value: 5 }), obs('r', { indicator: 'e_document_rate', value: null, numerator: 3, denominator: 4, station: null })]);
      const store = await t.reopen();
      await store.append([obs('a', { value: 5 })]);
      const wl = await store.rollups({ grain: 'day', indicator: 'water_level', area: '92', from: 0, to: 8e12 });
      expect(wl.map((r) => [r.n, r.sum])).toEqual([[1, 5]]);
      const ratio = await store.rollups({ grain: 'month', indicator: 'e_document_rate', area: '916', from: 0, to: 8e12 });
      expect(ratio.map((r) => [r.n, r.num, r.den, r.min])).toEqual([[1, 3, 4, null]]);
    });

    it('[ST-H3] rollups kept at ingest equal rollups rebuilt from the log', async () => {
      const s = await t.open();
      const areas = ['916', '919', '92'];
      // out of time order, several batches, duplicates and equal times with different ids
      for (let b = 0; b < 6; b++) {
        const batch = [];
        for (let i = 0; i < 40; i++) {
          const k = (b * 37 + i * 53) % 97;
          batch.push(
            obs(`o${(b * 40 + i) % 200}`, {
              indicator: 'pm25',
              station: null,
              area: k % 2 ? '916' : '919',
              observedAt: T0 - 40 * 86_400_000 + k * 9 * HOUR,
              value: (k % 13) + 0.1,
            }),
          );
        }
        await s.append(batch);
      }
      const before = await Promise.all((['hour', 'day', 'month'] as const).map((g) => allRollups(s, g, 'pm25', areas)));
      expect(before[2]!.reduce((n, r) => n + (r.area === '92' ? r.n : 0), 0)).toBe(200);
      expect(await s.rebuildRollups()).toBe(200);
      const after = await Promise.all((['hour', 'day', 'month'] as const).map((g) => allRollups(s, g, 'pm25', areas)));
      expect(after).toEqual(before);
    });
  });
}
