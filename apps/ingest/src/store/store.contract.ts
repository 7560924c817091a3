import { afterEach, describe, expect, it } from 'vitest';
import type { NewObservation, Observation, ReportSubmission } from '@cityioc/contracts';
import type { Store } from './store.ts';

export interface StoreHarness {
  /** A new empty store. */
  create(): Promise<Store>;
  /** Reopens the store last created (after close), as a restart would. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

const T0 = Date.parse('2026-11-22T07:00:00+07:00');

export function obs(id: string, patch: Partial<NewObservation> = {}): NewObservation {
  return {
    id,
    indicator: 'water_level',
    area: '916',
    agency: null,
    station: 'wl-can-tho',
    observedAt: T0,
    receivedAt: T0 + 1000,
    value: 150,
    numerator: null,
    denominator: null,
    source: 'test',
    ...patch,
  };
}

async function all(store: Store, from = 0, batchSize?: number): Promise<Observation[]> {
  const out: Observation[] = [];
  await store.replay(from, (b) => out.push(...b), batchSize);
  return out;
}

/** The Store conformance suite: every Store implementation runs it with its own harness. */
export function storeConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance: ${name}`, () => {
    let h: StoreHarness;
    let store: Store | undefined;
    const open = async () => {
      h = harness();
      store = await h.create();
      return store;
    };
    afterEach(async () => {
      await store?.close();
      await h?.cleanup();
      store = undefined;
    });

    it('[ST1] assigns increasing log positions in batch order', async () => {
      const s = await open();
      const a = await s.append([obs('a'), obs('b'), obs('c')]);
      const b = await s.append([obs('d')]);
      expect(a.every((x) => typeof x === 'number')).toBe(true);
      expect(a[0]! < a[1]! && a[1]! < a[2]! && a[2]! < b[0]!).toBe(true);
      expect(await s.lastSeq()).toBe(b[0]);
      expect(await s.count()).toBe(4);
    });

    it('[ST2] is idempotent by id, across batches and inside one batch', async () => {
      const s = await open();
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
      const s = await open();
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
      const s = await open();
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
      const s = await open();
      await s.append([obs('a'), obs('b')]);
      const epoch = s.epoch;
      await s.close();
      store = await h.reopen();
      expect(store.epoch).toBe(epoch);
      expect((await all(store)).map((o) => o.id)).toEqual(['a', 'b']);
      const again = await store.append([obs('a'), obs('c')]);
      expect(again[0]).toBeNull();
      expect(again[1]).toBeGreaterThan(0);
    });

    it('[ST6] a new store has a new epoch', async () => {
      const s = await open();
      const other = harness();
      const s2 = await other.create();
      expect(s2.epoch).not.toBe(s.epoch);
      await s2.close();
      await other.cleanup();
    });

    it('[ST7] reads one series by observation time, with a limit and a truncation flag', async () => {
      const s = await open();
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

    it('[ST9] keeps dossier events idempotent by eventId and replays them in order', async () => {
      const s = await open();
      const ev = (eventId: string, status: number) => ({
        event: {
          eventId,
          dossierCode: 'D1',
          procedureCode: '1.000494',
          agencyCode: '000.00.01.H13',
          adminUnitCode: '916',
          channel: 2 as const,
          status: status as 2,
          statusAt: '2026-11-02T08:00:00+07:00',
        },
        receivedAt: T0,
        source: 'test',
      });
      const r1 = await s.appendDossierEvents([ev('a', 2), ev('b', 4), ev('a', 2)]);
      expect(r1[0]).toBeTypeOf('number');
      expect(r1[2]).toBeNull();
      expect((await s.appendDossierEvents([ev('b', 4)]))[0]).toBeNull();
      const got: string[] = [];
      await s.replayDossierEvents(0, (b) => got.push(...b.map((x) => `${x.event.eventId}:${x.event.status}`)), 1);
      expect(got).toEqual(['a:2', 'b:4']);
      expect(await s.countDossierEvents()).toBe(2);
      await s.close();
      store = await h.reopen();
      expect(await store.countDossierEvents()).toBe(2);
    });

    it('[ST10] keeps one official 766 score per unit, period and origin; the latest fetch wins', async () => {
      const s = await open();
      const score = (period: string, total: number, fetchedAt: string) => ({
        kind: 'official' as const,
        origin: 'dvcqg-evaluation-api' as const,
        unitCode: 'H13',
        period,
        total,
        groups: [{ id: 'dvc-progress-tree', score: 18.5, maxScore: 20 }],
        fetchedAt,
      });
      await s.putOfficialScores([score('2026-10', 80, '2026-11-01T00:00:00+07:00'), score('2026-09', 75, '2026-10-01T00:00:00+07:00')]);
      await s.putOfficialScores([score('2026-10', 82.5, '2026-11-02T00:00:00+07:00')]);
      await s.putOfficialScores([score('2026-10', 10, '2026-10-31T00:00:00+07:00')]); // older fetch: ignored
      expect((await s.officialScores({ unitCode: 'H13' })).map((x) => [x.period, x.total])).toEqual([
        ['2026-09', 75],
        ['2026-10', 82.5],
      ]);
      expect(await s.officialScores({ period: '2026-10', unitCode: 'H99' })).toEqual([]);
    });

    it('[ST8] close is idempotent', async () => {
      const s = await open();
      await s.close();
      await expect(s.close()).resolves.toBeUndefined();
      store = undefined;
    });
  });

  describe(`Store conformance, reporting (Decree 09 submissions): ${name}`, () => {
    let h: StoreHarness;
    let store: Store | undefined;
    const open = async () => {
      h = harness();
      store = await h.create();
      return store;
    };
    afterEach(async () => {
      await store?.close();
      await h?.cleanup();
      store = undefined;
    });
    const report = (unit: string, period: string, value: number, patch: Partial<ReportSubmission> = {}): ReportSubmission => ({
      regime: 'par-index',
      unit,
      period,
      values: [{ indicator: 'par_index', value, provenance: 'published' }],
      submittedAt: T0,
      receivedAt: T0 + 5,
      source: 'snv',
      origin: 'api',
      signedBy: null,
      fileName: null,
      ...patch,
    });

    it('[ST-R1] numbers versions per (regime, unit, period) and keeps every version', async () => {
      const s = await open();
      expect(await s.putReportSubmissions([report('SNV', '2023', 90), report('STP', '2023', 91)])).toEqual([1, 1]);
      expect(await s.putReportSubmissions([report('SNV', '2023', 92, { submittedAt: T0 + 60_000 })])).toEqual([2]);
      expect(await s.putReportSubmissions([report('SNV', '2022', 88)])).toEqual([1]);
      const snv = await s.reportSubmissions({ unit: 'SNV', period: '2023' });
      expect(snv.map((r) => [r.version, r.values[0]!.value, r.submittedAt])).toEqual([
        [1, 90, T0],
        [2, 92, T0 + 60_000],
      ]);
    });

    it('[ST-R2] round-trips every field, nulls included, and filters by regime, unit and period', async () => {
      const s = await open();
      const full = report('916', '2024-Q1', 0, {
        regime: 'cchc-cds',
        values: [{ indicator: 'e_document_rate', numerator: 328330, denominator: 342006, note: 'Trục liên thông' }],
        origin: 'import-xlsx',
        signedBy: 'Nguyễn Văn A',
        fileName: 'báo cáo quý 1.xlsx',
      });
      await s.putReportSubmissions([full, report('SNV', '2023', 90)]);
      const got = await s.reportSubmissions({ regime: 'cchc-cds' });
      expect(got).toEqual([{ ...full, version: 1, review: null, reviewedAt: null, reviewNote: null }]);
      expect(await s.reportSubmissions({ period: '2023' })).toHaveLength(1);
      expect(await s.reportSubmissions({})).toHaveLength(2);
      expect(await s.reportSubmissions({ unit: 'nope' })).toEqual([]);
    });

    it('[ST-R3] a batch is one transaction: a failing item leaves nothing stored', async () => {
      const s = await open();
      const bad = { ...report('STP', '2023', 1), values: undefined as never, regime: null as never };
      await expect(s.putReportSubmissions([report('SNV', '2023', 90), bad])).rejects.toBeTruthy();
      expect(await s.reportSubmissions({})).toEqual([]);
    });

    it('[ST-R4] records a review on one version, and survives a restart', async () => {
      const s = await open();
      await s.putReportSubmissions([report('SNV', '2023', 90)]);
      expect(
        await s.reviewReportSubmission(
          { regime: 'par-index', unit: 'SNV', period: '2023', version: 1 },
          { review: 'returned', at: T0 + 9, note: 'sai số liệu' },
        ),
      ).toBe(true);
      expect(await s.reviewReportSubmission({ regime: 'par-index', unit: 'SNV', period: '2023', version: 7 }, { review: 'accepted', at: T0, note: null })).toBe(
        false,
      );
      await s.close();
      store = await h.reopen();
      const [r] = await store.reportSubmissions({ unit: 'SNV' });
      expect([r!.review, r!.reviewedAt, r!.reviewNote]).toEqual(['returned', T0 + 9, 'sai số liệu']);
    });
  });
}
