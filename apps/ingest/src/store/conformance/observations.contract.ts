import { describe, expect, it } from 'vitest';
import { all, obs, T0, useStore, type StoreHarness } from './harness.ts';

/** The observation log [ST1…8, ST11…14]: positions, idempotency, replay, history, retention. */
export function observationConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, observations: ${name}`, () => {
    const t = useStore(harness);

    it('[ST1] assigns increasing log positions in batch order', async () => {
      const s = await t.open();
      const a = await s.append([obs('a'), obs('b'), obs('c')]);
      const b = await s.append([obs('d')]);
      expect(a.every((x) => typeof x === 'number')).toBe(true);
      expect(a[0]! < a[1]! && a[1]! < a[2]! && a[2]! < b[0]!).toBe(true);
      expect(await s.lastSeq()).toBe(b[0]);
      expect(await s.count()).toBe(4);
    });

    it('[ST2] is idempotent by id, across batches and inside one batch', async () => {
      const s = await t.open();
      await s.append([obs('a')]);
      const r = await s.append([obs('b'), obs('a', { value: 999 }), obs('b')]);
      expect(r[0]).toBeTypeOf('number');
      expect(r[1]).toBeNull();
      expect(r[2]).toBeNull();
      const rows = await all(s);
      expect(rows.map((o) => o.id)).toEqual(['a', 'b']);
      expect(rows[0]!.value).toBe(150);
    });

    it('[ST3] replays exactly the events after an offset, in order, across pages', async () => {
      const s = await t.open();
      const seqs = await s.append(Array.from({ length: 25 }, (_, i) => obs(`e${i}`, { value: i })));
      const from = seqs[9]!;
      const rows = await all(s, from, 7);
      expect(rows.map((o) => o.id)).toEqual(Array.from({ length: 15 }, (_, i) => `e${i + 10}`));
      expect(rows.map((o) => o.seq)).toEqual(seqs.slice(10));
      let last = -1;
      expect(await s.replay(seqs[24]!, () => (last = 1))).toBe(seqs[24]);
      expect(last).toBe(-1);
    });

    it('[ST4] round-trips every field, nulls included', async () => {
      const s = await t.open();
      const ratio = obs('r1', {
        indicator: 'e_document_rate',
        station: null,
        agency: '000.00.01.H13',
        value: null,
        numerator: 424,
        denominator: 1000,
        area: '92',
      });
      await s.append([ratio, obs('w1')]);
      const [r, w] = await all(s);
      expect(r).toEqual({ ...ratio, seq: r!.seq });
      expect(w).toEqual({ ...obs('w1'), seq: w!.seq });
    });

    it('[ST5] keeps everything and the same epoch across a restart', async () => {
      const s = await t.open();
      await s.append([obs('a'), obs('b')]);
      const epoch = s.epoch;
      const store = await t.reopen();
      expect(store.epoch).toBe(epoch);
      expect((await all(store)).map((o) => o.id)).toEqual(['a', 'b']);
      const again = await store.append([obs('a'), obs('c')]);
      expect(again[0]).toBeNull();
      expect(again[1]).toBeGreaterThan(0);
    });

    it('[ST6] a new store has a new epoch', async () => {
      const s = await t.open();
      const s2 = await t.openAnother();
      expect(s2.epoch).not.toBe(s.epoch);
    });

    it('[ST7] reads one series by observation time, with a limit and a truncation flag', async () => {
      const s = await t.open();
      await s.append([
        obs('late', { observedAt: T0 + 3000, value: 3 }),
        obs('early', { observedAt: T0 + 1000, value: 1 }),
        obs('mid', { observedAt: T0 + 2000, value: 2 }),
        obs('other-station', { observedAt: T0 + 1500, station: 'wl-cai-rang', area: '919', value: 9 }),
        obs('outside', { observedAt: T0 + 99_000, value: 7 }),
      ]);
      const h1 = await s.history({ indicator: 'water_level', station: 'wl-can-tho', from: T0, to: T0 + 10_000, limit: 10 });
      expect(h1.points.map((p) => p.value)).toEqual([1, 2, 3]);
      expect(h1.truncated).toBe(false);
      const h2 = await s.history({ indicator: 'water_level', station: 'wl-can-tho', from: T0, to: T0 + 10_000, limit: 2 });
      expect(h2.points.map((p) => p.t)).toEqual([T0 + 1000, T0 + 2000]);
      expect(h2.truncated).toBe(true);
      const h3 = await s.history({ indicator: 'aqi', station: 'wl-can-tho', from: T0, to: T0 + 10_000, limit: 10 });
      expect(h3.points).toEqual([]);
    });

    it('[ST11] retention deletes observations observed before a cutoff, keeps the rest and never reuses a log position', async () => {
      const s = await t.open();
      const seqs = await s.append(Array.from({ length: 12 }, (_, i) => obs(`r${i}`, { observedAt: T0 + i * 1000 })));
      expect(await s.deleteObservationsBefore(T0 + 5000, 2)).toBe(5);
      expect((await all(s)).map((o) => o.id)).toEqual(['r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11']);
      expect(await s.deleteObservationsBefore(T0 + 5000)).toBe(0);
      // everything is old: the newest row stays, so the next append still gets a higher position
      expect(await s.deleteObservationsBefore(T0 + 99_000)).toBe(6);
      expect(await s.count()).toBe(1);
      const [next] = await s.append([obs('r12', { observedAt: T0 })]);
      expect(next).toBeGreaterThan(seqs[11]!);
      // a deleted id is no longer known: sent again, it is stored again
      expect((await s.append([obs('r0')]))[0]).toBeTypeOf('number');
    });

    it('[ST12] replays a large batch append in input order with duplicates inside the batch', async () => {
      const s = await t.open();
      const batch = Array.from({ length: 2500 }, (_, i) => obs(`b${i % 2000}`, { value: i }));
      const seqs = await s.append(batch);
      expect(seqs.filter((x) => x !== null)).toHaveLength(2000);
      expect(seqs.slice(2000).every((x) => x === null)).toBe(true);
      const nums = seqs.slice(0, 2000) as number[];
      expect(nums.every((x, i) => i === 0 || x > nums[i - 1]!)).toBe(true);
      const rows = await all(s, 0, 333);
      expect(rows.map((o) => o.value)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
      expect(rows.map((o) => o.seq)).toEqual(nums);
    });

    it('[ST13] counts the entries of a log between two positions', async () => {
      const s = await t.open();
      const seqs = (await s.append(Array.from({ length: 10 }, (_, i) => obs(`c${i}`)))) as number[];
      expect(await s.countRange('observations', seqs[2]!, seqs[6]!)).toBe(4);
      expect(await s.countRange('observations', 0, seqs[9]!)).toBe(10);
      expect(await s.countRange('dossier_events', 0, 1000)).toBe(0);
    });

    it('[ST14] reports its size on disk, which grows with what it stores', async () => {
      const s = await t.open();
      const before = await s.sizeBytes();
      expect(before).toBeGreaterThan(0);
      await s.append(Array.from({ length: 5000 }, (_, i) => obs(`size-${i}`)));
      expect(await s.sizeBytes()).toBeGreaterThan(before);
    });

    it('[ST15] gives each new row of a large batch its own position when duplicates are scattered through it', async () => {
      const s = await t.open();
      // stored before: every 7th id; inside the batch, every 11th item repeats an id 50 items back (same or another statement)
      await s.append(
        Array.from({ length: 400 }, (_, i) => i)
          .filter((i) => i % 7 === 3)
          .map((i) => obs(`m${i}`, { value: -1 })),
      );
      const ids = Array.from({ length: 400 }, (_, i) => (i % 11 === 10 && i >= 50 ? `m${i - 50}` : `m${i}`));
      const seqs = await s.append(ids.map((id, i) => obs(id, { value: i })));
      const first = new Map<string, number>();
      ids.forEach((id, i) => first.has(id) || first.set(id, i));
      const stored = ids.map((id, i) => first.get(id) === i && Number(id.slice(1)) % 7 !== 3);
      expect(seqs.map((x) => x !== null)).toEqual(stored);
      const rows = (await all(s)).filter((o) => o.value !== -1);
      // each position returned is the stored row of that item
      expect(rows.map((o) => [o.seq, o.value])).toEqual(seqs.flatMap((seq, i) => (seq === null ? [] : [[seq, i]])));
    });

    it('[ST8] close is idempotent', async () => {
      const s = await t.open();
      await s.close();
      await expect(s.close()).resolves.toBeUndefined();
    });
  });
}
