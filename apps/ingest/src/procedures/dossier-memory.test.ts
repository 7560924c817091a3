import type { DossierEvent } from '@cityioc/contracts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createWorkCalendar,
  dossierFlagVector,
  DossierScoreCells,
  foldSortedFacts,
  insertFact,
  ProcedureCatalogue,
  toDossierFact,
  seededRandom,
  type DossierRecord,
  type ProcedureVersion,
} from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import type { LiveService } from '../live/live.service.ts';
import type { StoredDossierEvent } from '../store/store.ts';
import { DossierMemory } from './dossier-memory.ts';
import { DossierService, type DossierServiceData } from './dossier.service.ts';

const calendar = createWorkCalendar();
const CITY = '92';
const AREAS = ['31135', '31153', '31174', '31201'];
const AGENCIES = ['000.135.00.H13', '000.153.00.H13', '000.00.12.H13'];
const PROCEDURES = ['1.000494', '2.001234', '1.004227.000.00.00.H13'];
const DAY = 86_400_000;
const YEAR = Date.parse('2026-01-01T00:00:00+07:00');
const NOW = Date.parse('2026-12-20T10:00:00+07:00');
const iso = (t: number) => new Date(t).toISOString();
const version = (code: string, v: number, validFrom: string, days: number): ProcedureVersion => ({
  code,
  name: { vi: `Thủ tục ${code}`, en: `Procedure ${code}` },
  legalTime: { value: days, unit: 'working_days' },
  feeBearing: v % 2 === 1,
  onlineService: 'full',
  validFrom,
  version: v,
});

/**
 * A generated year of one city's dossiers as a feed delivers them: out of order (each event late
 * by up to three days), with retries, refusals, withdrawals before reception, supplements (one
 * or two, listed or only as status 5), dossiers without an appointment date (legal time), and
 * returns or corrections arriving weeks after the dossier finished.
 */
function generatedYear(dossiers: number, seed: number): StoredDossierEvent[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: { at: number; event: DossierEvent }[] = [];
  for (let d = 0; d < dossiers; d++) {
    const code = `H13.${d % 7}-2026-${String(d).padStart(6, '0')}`;
    const rec = YEAR + Math.floor(rnd() * 350 * DAY);
    const base = {
      dossierCode: code,
      procedureCode: pick(PROCEDURES),
      agencyCode: pick(AGENCIES),
      adminUnitCode: pick(AREAS),
      channel: (rnd() < 0.6 ? 2 : 1) as 1 | 2,
    };
    const steps: [DossierEvent['status'], number, Partial<DossierEvent>][] = [];
    const push = (s: DossierEvent['status'], at: number, more: Partial<DossierEvent> = {}) => steps.push([s, at, more]);
    const r = rnd();
    if (r < 0.08) {
      push(1, rec, { submittedAt: iso(rec) });
      push(rnd() < 0.5 ? 3 : 7, rec + DAY, { rejectedAt: iso(rec + DAY) });
    } else {
      const due = rnd() < 0.7 ? { dueAt: iso(rec + 7 * DAY) } : {};
      const flags = { digitized: rnd() < 0.5, feeBearing: rnd() < 0.4 ? true : undefined, onlinePayment: (rnd() < 0.3 ? 1 : 0) as 0 | 1 };
      push(2, rec, { receivedAt: iso(rec), ...due, ...flags });
      push(4, rec + 3_600_000);
      let t = rec + DAY;
      const supplements = rnd() < 0.15 ? (rnd() < 0.3 ? 2 : 1) : 0;
      for (let k = 0; k < supplements; k++) {
        const listed = rnd() < 0.5 ? { supplements: [{ requestedAt: iso(t), dueBefore: iso(rec + 7 * DAY) }] } : {};
        push(5, t, listed);
        push(4, t + 2 * DAY);
        t += 3 * DAY;
      }
      const end = rnd();
      const finish = t + Math.floor(rnd() * 12 * DAY);
      if (finish < NOW && end < 0.75) {
        push(9, finish, { finishedAt: iso(finish), eResult: rnd() < 0.5 });
        if (rnd() < 0.8) push(10, finish + DAY, {}); // a return that may come weeks later (below)
      } else if (finish < NOW && end < 0.85) push(rnd() < 0.5 ? 7 : 8, finish);
    }
    for (const [status, at, more] of steps) {
      const event: DossierEvent = { ...base, eventId: `${code}-${status}-${at}`, status, statusAt: iso(at), ...more } as DossierEvent;
      const late = status === 10 && rnd() < 0.1 ? 40 * DAY : 0;
      out.push({ at: at + Math.floor(rnd() * 3 * DAY) + late, event });
      if (rnd() < 0.03) out.push({ at: at + 5 * DAY, event }); // a retry
    }
  }
  out.sort((a, b) => a.at - b.at);
  return out.map((e, i) => ({ seq: i + 1, receivedAt: e.at, source: 'test', event: e.event }));
}

const noLive = { applyDerived() {} } as unknown as LiveService;

/** A dossier service with the 766 cells beside it (as services.ts wires them) and a set of complained dossiers. */
function service(keepFinished: number, catalogue: ProcedureCatalogue, arenaChunkBytes?: number) {
  const cells = new DossierScoreCells();
  const complained = new Set<string>();
  const put = (r: DossierRecord) => cells.put(r.dossierCode, r, dossierFlagVector(r, complained.has(r.dossierCode), calendar));
  const svc = new DossierService(calendar, noLive, { city: CITY, procedures: catalogue, onRecord: put, parts: [cells], keepFinished, arenaChunkBytes });
  const complain = (codes: string[]) => {
    for (const c of codes) complained.add(c);
    for (const c of codes) {
      const r = svc.recordForChange(c);
      if (r) put(r);
    }
    svc.settle();
  };
  return { svc, cells, complain };
}

const PERIODS = ['2026', '2026-H1', '2026-H2', '2026-Q3', '2026-9M', 'all', ...Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`)];

/** What every reader of the dossier state answers. */
function readings(s: ReturnType<typeof service>, codes: readonly string[]) {
  const { svc, cells } = s;
  const byCode = (a: DossierRecord, b: DossierRecord) => (a.dossierCode < b.dossierCode ? -1 : 1);
  const may = { start: Date.parse('2026-05-01T00:00:00+07:00'), end: Date.parse('2026-06-01T00:00:00+07:00') };
  return {
    size: svc.size,
    indicators: PERIODS.flatMap((p) =>
      [CITY, AREAS[2]!].flatMap((scope) => [svc.indicatorsOf(p, scope, 'area', NOW), svc.indicatorsOf(p, scope, 'agency', NOW)]),
    ),
    score766: PERIODS.filter((p) => p !== 'all').map((p) => cells.sum(p)),
    watchlist: [svc.watchlist({ within: 5, limit: 100_000 }, NOW), svc.watchlist({ area: AREAS[1], within: 2, limit: 3 }, NOW)],
    details: codes.map((c) => svc.detail(c, NOW)),
    records: codes.map((c) => svc.record(c) ?? null),
    all: [...svc.allRecords()].sort(byCode),
    may: [...svc.allRecords(may)].filter((r) => r.receivedAt !== null && r.receivedAt >= may.start && r.receivedAt < may.end).sort(byCode),
  };
}

describe('dossier memory: finished dossiers packed give the results of keeping them all', () => {
  it('over a generated year: every reader, after complaints, after a catalogue change, and through a checkpoint', () => {
    const catalogue = () => new ProcedureCatalogue(PROCEDURES.map((c, i) => version(c.slice(0, 8), 1, '2020-01-01', 3 + i * 4)));
    const events = generatedYear(1500, 16);
    const codes = [...new Set(events.map((e) => e.event.dossierCode))].sort();
    const cats = [catalogue(), catalogue(), catalogue()];
    // the old way (nothing packed), packed at the end of every batch, and a small window of finished dossiers kept
    // (the arena's chunks are 2 kB here, so that revivals compact chunks along the way)
    const [all, packed, window] = [service(Infinity, cats[0]!), service(0, cats[1]!, 2048), service(50, cats[2]!, 2048)];
    for (let i = 0; i < events.length; i += 97) for (const s of [all, packed, window]) s.svc.applyCommitted(events.slice(i, i + 97));

    const expected = readings(all, codes);
    expect(expected.all.length).toBe(1500);
    expect(expected.watchlist[0]!.overdue.length + expected.watchlist[0]!.dueSoon.length).toBeGreaterThan(5);
    expect(expected.details.filter((d) => d?.summary.status === 10).length).toBeGreaterThan(600);
    expect(readings(packed, codes)).toEqual(expected);
    expect(readings(window, codes)).toEqual(expected);
    // the memory did leave: only open dossiers stay as objects
    const open = expected.all.filter((r) => r.received && (r.endStatus === null || r.endStatus === 5)).length;
    expect(packed.svc.unpackedSize).toBe(open);
    expect(all.svc.unpackedSize).toBe(1500);

    // complaints naming finished (packed) dossiers change their 766 flags
    const named = expected.all
      .filter((r) => r.endStatus === 9)
      .map((r) => r.dossierCode)
      .filter((_, i) => i % 9 === 0);
    for (const s of [all, packed, window]) s.complain(named);
    const afterComplaints = readings(all, codes);
    expect(afterComplaints.score766).not.toEqual(expected.score766);
    expect(readings(packed, codes)).toEqual(afterComplaints);
    expect(packed.svc.unpackedSize).toBe(open);

    // a new legal time from June re-judges the dossiers of the procedure without an appointment date
    for (const c of cats) c.add(version('1.000494', 2, '2026-06-01', 1));
    const changed = [all, packed, window].map((s) => s.svc.recompute((code) => code.startsWith('1.000494')));
    expect(changed[1]).toBe(changed[0]);
    const afterChange = readings(all, codes);
    expect(afterChange.indicators).not.toEqual(afterComplaints.indicators);
    expect(readings(packed, codes)).toEqual(afterChange);
    expect(readings(window, codes)).toEqual(afterChange);
    expect(packed.svc.memoryStats().compactions).toBeGreaterThan(10);

    // a checkpoint of the packed service, loaded into a fresh one of each kind, then the same tail
    const tail = generatedYear(200, 17).map((e) => ({ ...e, seq: e.seq + events.length }));
    // through JSON, as a checkpoint's lines carry them
    const { dossiers, ...head } = packed.svc.exportState();
    const data = JSON.parse(JSON.stringify({ ...head, dossiers: [...dossiers] })) as DossierServiceData;
    const cat = catalogue();
    cat.add(version('1.000494', 2, '2026-06-01', 1));
    const restored = service(0, cat, 2048);
    restored.svc.importState(data);
    restored.complain(named);
    for (const s of [all, restored]) s.svc.applyCommitted(tail);
    const tailCodes = [...new Set([...codes, ...tail.map((e) => e.event.dossierCode)])];
    expect(readings(restored, tailCodes)).toEqual(readings(all, tailCodes));
  }, 120_000);

  it('a late event for a packed dossier brings it back, folds it with its stored facts, and packs it again', () => {
    const { svc } = service(0, new ProcedureCatalogue());
    const ev = (status: DossierEvent['status'], day: number, seq: number): StoredDossierEvent => ({
      seq,
      receivedAt: YEAR + day * DAY,
      source: 'test',
      event: {
        eventId: `D-${status}`,
        dossierCode: 'D',
        procedureCode: '1.000494',
        agencyCode: AGENCIES[0]!,
        adminUnitCode: AREAS[0]!,
        channel: 2,
        status,
        statusAt: iso(YEAR + day * DAY),
        ...(status === 2 ? { receivedAt: iso(YEAR + day * DAY), dueAt: iso(YEAR + 40 * DAY) } : {}),
      },
    });
    svc.applyCommitted([ev(2, 10, 1), ev(9, 20, 2)]);
    expect(svc.unpackedSize).toBe(0);
    expect(svc.indicatorsOf('2026-01', CITY, 'area', NOW).total).toMatchObject({ received: 1, completed: 1, completedOnTime: 1, inProcess: 0 });
    // the return, then an earlier step that arrives last
    svc.applyCommitted([ev(10, 21, 3)]);
    svc.applyCommitted([ev(4, 11, 4)]);
    expect(svc.unpackedSize).toBe(0);
    expect(svc.record('D')!.trail.map((t) => t.status)).toEqual([2, 4, 9, 10]);
    expect(svc.indicatorsOf('2026-01', CITY, 'area', NOW).total).toMatchObject({ received: 1, completed: 1, completedOnTime: 1, inProcess: 0 });
    expect(svc.indicatorsOf('all', CITY, 'area', NOW).total.received).toBe(1);
  });

  it('with the cells beside it, removal and compaction of the arena: dossiers revived and packed again many times answer the same', () => {
    const catalogue = () => new ProcedureCatalogue(PROCEDURES.map((c, i) => version(c.slice(0, 8), 1, '2020-01-01', 3 + i * 4)));
    const events = generatedYear(400, 18);
    // chunks of 2 kB (~15 dossiers), so that the revivals below compact some
    const [all, packed] = [service(Infinity, catalogue()), service(0, catalogue(), 2048)];
    for (let i = 0; i < events.length; i += 50) for (const s of [all, packed]) s.svc.applyCommitted(events.slice(i, i + 50));
    const codes = [...new Set(events.map((e) => e.event.dossierCode))].sort();
    const before = packed.svc.memoryStats();
    // every finished dossier revived and packed again, five times (a complaint each time): its old bytes die in the arena
    const finished = readings(all, codes)
      .all.filter((r) => r.endStatus === 9 || r.endStatus === 10)
      .map((r) => r.dossierCode);
    for (let round = 0; round < 5; round++) for (const s of [all, packed]) s.complain(finished.filter((_, i) => i % 5 === round));
    for (let round = 0; round < 5; round++) for (const s of [all, packed]) s.complain(finished);
    const after = packed.svc.memoryStats();
    expect(after.compactions).toBeGreaterThan(before.compactions);
    expect(after.entries).toBe(before.entries);
    expect(after.deadBytes).toBeLessThanOrEqual(after.liveBytes + 2048);
    expect(readings(packed, codes)).toEqual(readings(all, codes));
  });

  it('queues a finished dossier once however many later events it gets, so that `keepFinished` dossiers stay unpacked', () => {
    // fails on the code before mem2's fix: a dossier was queued again for each later event (its queue held 1 + 200
    // entries below), and `keep` then counted queue entries, not dossiers (keep=5 kept one or two)
    const memory = new DossierMemory(foldSortedFacts, [], 5);
    const event = (d: number, status: DossierEvent['status'], k: number): DossierEvent => ({
      eventId: `D${d}-${status}-${k}`,
      dossierCode: `D${d}`,
      procedureCode: '1.000494',
      agencyCode: AGENCIES[0]!,
      adminUnitCode: AREAS[0]!,
      channel: 2,
      status,
      statusAt: iso(YEAR + d * DAY + k * 60_000),
      ...(status === 2 ? { receivedAt: iso(YEAR + d * DAY) } : {}),
    });
    const put = (e: DossierEvent) => {
      const facts = insertFact(memory.factsForChange(e.dossierCode), toDossierFact(e));
      memory.set(e.dossierCode, facts, foldSortedFacts(facts)!);
    };
    for (let d = 0; d < 10; d++) {
      put(event(d, 2, 0));
      put(event(d, 9, 1));
      // returns and corrections after it finished, all before the next trim
      for (let k = 2; k < 200; k++) put(event(d, 10, k));
      expect(memory.queuedFinished).toBe(Math.min(d, 5) + 1);
      memory.trim();
      expect(memory.queuedFinished).toBe(Math.min(d + 1, 5));
    }
    expect(memory.unpackedSize).toBe(5);
    expect(memory.size).toBe(10);
    expect([...memory.unpackedRecords()].map((r) => r.dossierCode)).toEqual(['D5', 'D6', 'D7', 'D8', 'D9']);
  });

  it('packed dossiers keep no string the feed gave: codes sliced from large texts do not keep those texts alive', () => {
    // fails on the code before mem2's `ownString` (e6b6a51^): the packed map's key was the caller's string, here a V8
    // sliced string that keeps its 100 kB parent alive (20 MB for 200 dossiers); and on mem2's code (869b0a6) too, whose
    // queue of finished dossiers kept the codes it had packed until 4,096 of them. The arena keeps the code's bytes only
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { svc } = service(0, new ProcedureCatalogue());
    const batch = (from: number): StoredDossierEvent[] =>
      Array.from({ length: 100 }, (_, i) => {
        const d = from + i;
        // a dossier code as a window on a large text (a JSON body, a CSV file): V8 makes it a sliced string
        const code = `H13.31135-260101-${String(d).padStart(7, '0')}`.padStart(100_000, ' ').slice(100_000 - 24);
        return [2, 9].map((status, k) => ({
          seq: 2 * d + k + 1,
          receivedAt: YEAR + d * DAY,
          source: 'test',
          event: {
            eventId: `${code}-${status}`,
            dossierCode: code,
            procedureCode: '1.000494',
            agencyCode: AGENCIES[0]!,
            adminUnitCode: AREAS[0]!,
            channel: 2,
            status,
            statusAt: iso(YEAR + d * DAY + k * DAY),
            ...(status === 2 ? { receivedAt: iso(YEAR + d * DAY) } : { finishedAt: iso(YEAR + d * DAY + DAY) }),
          } as DossierEvent,
        }));
      }).flat();
    svc.applyCommitted(batch(0));
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    svc.applyCommitted(batch(100));
    svc.applyCommitted(batch(200));
    gc();
    const retained = process.memoryUsage().heapUsed - heap0;
    expect(svc.size).toBe(300);
    expect(svc.unpackedSize).toBe(0);
    expect(svc.record('H13.31135-260101-0000250')?.endStatus).toBe(9);
    // 200 parents of 100 kB would be 20 MB
    expect(retained).toBeLessThan(4_000_000);
  });
});
