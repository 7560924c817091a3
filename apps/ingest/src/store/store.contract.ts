import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, NewObservation, Observation, ReportSubmission } from '@cityioc/contracts';
import type { NewAlertEvent } from './store.ts';
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

    it('[ST11] retention deletes observations observed before a cutoff, keeps the rest and never reuses a log position', async () => {
      const s = await open();
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
      const s = await open();
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
      const s = await open();
      const seqs = (await s.append(Array.from({ length: 10 }, (_, i) => obs(`c${i}`)))) as number[];
      expect(await s.countRange('observations', seqs[2]!, seqs[6]!)).toBe(4);
      expect(await s.countRange('observations', 0, seqs[9]!)).toBe(10);
      expect(await s.countRange('dossier_events', 0, 1000)).toBe(0);
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

  describe(`Store conformance, alerts: ${name}`, () => {
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
    const ev = (a: Alert, patch: Partial<NewAlertEvent> = {}): NewAlertEvent => ({
      alertId: a.id,
      at: a.updatedAt,
      actor: 'system',
      action: 'raised',
      note: null,
      detail: { value: a.value },
      ...patch,
    });

    it('[ST-A1] inserts an alert once: a second insert of the same id stores nothing', async () => {
      const s = await open();
      const a = alert('flood-band:wl-can-tho:1');
      expect(await s.insertAlert(a, ev(a))).toBe(true);
      expect(await s.insertAlert({ ...a, title: { vi: 'khác', en: 'other' } }, ev(a))).toBe(false);
      expect(await s.getAlert(a.id)).toEqual(a);
      expect(await s.alertEvents(a.id)).toHaveLength(1);
      expect(await s.getAlert('nope')).toBeNull();
    });

    it('[ST-A2] updates only from the expected revision and appends the audit event in the same step', async () => {
      const s = await open();
      const a = alert('a1');
      await s.insertAlert(a, ev(a));
      const acked: Alert = { ...a, status: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An', revision: 2, updatedAt: T0 + 5000 };
      const e = await s.updateAlert(acked, 1, ev(a, { action: 'acknowledged', actor: 'Nguyễn Văn An', at: T0 + 5000, note: 'đã xem' }));
      expect(e).toMatchObject({ alertId: 'a1', action: 'acknowledged', actor: 'Nguyễn Văn An', note: 'đã xem' });
      // a stale writer (still at revision 1) changes nothing and leaves no event
      expect(await s.updateAlert({ ...a, status: 'resolved', revision: 2 }, 1, ev(a, { action: 'resolved' }))).toBeNull();
      expect(await s.getAlert('a1')).toEqual(acked);
      const trail = await s.alertEvents('a1');
      expect(trail.map((x) => [x.action, x.actor])).toEqual([
        ['raised', 'system'],
        ['acknowledged', 'Nguyễn Văn An'],
      ]);
      expect(trail[0]!.seq).toBeLessThan(trail[1]!.seq);
      expect(trail[0]!.detail).toEqual({ value: 185 });
    });

    it('[ST-A3] lists newest first, filtered by status, areas and since', async () => {
      const s = await open();
      const rows = [
        alert('x1', { area: '916', updatedAt: T0 + 1 }),
        alert('x2', { area: '917', updatedAt: T0 + 2, status: 'resolved' }),
        alert('x3', { area: '916', updatedAt: T0 + 3 }),
      ];
      for (const r of rows) await s.insertAlert(r, ev(r));
      expect((await s.listAlerts({ limit: 10 })).map((a) => a.id)).toEqual(['x3', 'x2', 'x1']);
      expect((await s.listAlerts({ limit: 2 })).map((a) => a.id)).toEqual(['x3', 'x2']);
      expect((await s.listAlerts({ limit: 10, status: ['open'] })).map((a) => a.id)).toEqual(['x3', 'x1']);
      expect((await s.listAlerts({ limit: 10, areas: ['917', '918'] })).map((a) => a.id)).toEqual(['x2']);
      expect(await s.listAlerts({ limit: 10, areas: [] })).toEqual([]);
      expect((await s.listAlerts({ limit: 10, since: T0 + 2 })).map((a) => a.id)).toEqual(['x3', 'x2']);
    });

    it('[ST-A4] alerts and their trails survive a restart', async () => {
      const s = await open();
      const a = alert('r1');
      await s.insertAlert(a, ev(a));
      await s.updateAlert({ ...a, revision: 2, status: 'acknowledged' }, 1, ev(a, { action: 'acknowledged' }));
      await s.close();
      store = await h.reopen();
      expect(await store.getAlert('r1')).toMatchObject({ status: 'acknowledged', revision: 2 });
      expect((await store.alertEvents('r1')).map((e) => e.action)).toEqual(['raised', 'acknowledged']);
    });
  });
}

export function alert(id: string, patch: Partial<Alert> = {}): Alert {
  return {
    id,
    ruleId: 'flood-band',
    kind: 'band',
    severity: 'medium',
    status: 'open',
    area: '916',
    station: 'wl-can-tho',
    indicator: 'water_level',
    title: { vi: 'Mực nước vượt BĐ I', en: 'Water level above alert I' },
    value: 185,
    level: 180,
    band: 'bd1',
    startedAt: T0,
    raisedAt: T0,
    signalAt: T0,
    clearedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    assignedUnit: null,
    deadline: null,
    resolvedAt: null,
    resolvedBy: null,
    revision: 1,
    updatedAt: T0,
    ...patch,
  };
}

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
export function storeRollupConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store rollups: ${name}`, () => {
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
    const HOUR = 3_600_000;

    it('[ST-H1] an append adds each observation to its hour, day and month, for its area and every ancestor', async () => {
      const s = await open();
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
      const s = await open();
      await s.append([
        obs('a', { value: 5 }),
        obs('a', { value: 5 }),
        obs('r', { indicator: 'e_document_rate', value: null, numerator: 3, denominator: 4, station: null }),
      ]);
      await s.append([obs('a', { value: 5 }), obs('r', { indicator: 'e_document_rate', value: null, numerator: 3, denominator: 4, station: null })]);
      await s.close();
      store = await h.reopen();
      await store.append([obs('a', { value: 5 })]);
      const wl = await store.rollups({ grain: 'day', indicator: 'water_level', area: '92', from: 0, to: 8e12 });
      expect(wl.map((r) => [r.n, r.sum])).toEqual([[1, 5]]);
      const ratio = await store.rollups({ grain: 'month', indicator: 'e_document_rate', area: '916', from: 0, to: 8e12 });
      expect(ratio.map((r) => [r.n, r.num, r.den, r.min])).toEqual([[1, 3, 4, null]]);
    });

    it('[ST-H3] rollups kept at ingest equal rollups rebuilt from the log', async () => {
      const s = await open();
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
