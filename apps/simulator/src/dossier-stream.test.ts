import { DossierEventSchema, type DossierEvent, type DossierStatus } from '@cityioc/contracts';
import {
  AdminIndicatorState,
  createWorkCalendar,
  dossierEventRuleErrors,
  foldDossier,
  localDateOf,
  ratioOf,
  timeliness,
  VN_UTC_OFFSET_MS,
} from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { arrivalRate, DOSSIER_UNITS, FEE_BEARING_SHARE, PROCEDURES, unitAgencies } from './dossier-data.ts';
import { DEMO_REGISTRY } from './geography.ts';
import { createDossierStream, type DossierStreamOptions } from './dossier-stream.ts';
import { schemaErrors, type JsonSchema } from './json-schema-check.ts';
import { createRng } from './rng.ts';
import { isOfficeOpen } from './time.ts';

const MIN = 60_000;
const at = (s: string) => Date.parse(s);
const calendar = createWorkCalendar();
const legalDays = new Map(PROCEDURES.map((p) => [p.code, p.legalDays]));

function stream(startMs: number, o: Partial<DossierStreamOptions> = {}) {
  return createDossierStream({ startMs, seed: 92, rng: createRng(7), speed: 60, alwaysOpen: true, calendar, ...o });
}

function byDossier(events: readonly DossierEvent[]): Map<string, DossierEvent[]> {
  const out = new Map<string, DossierEvent[]>();
  for (const e of events) {
    const list = out.get(e.dossierCode);
    if (list) list.push(e);
    else out.set(e.dossierCode, [e]);
  }
  return out;
}

/** Local hour and minute of an RFC 3339 instant. */
const localClock = (iso: string) => new Date(Date.parse(iso) + VN_UTC_OFFSET_MS).toISOString().slice(11, 19);

// Back-fills shared by several tests: all of October 2026 (no holiday), and February 2026 (Tết, 14–22 Feb).
const OCT_END = at('2026-10-31T23:59:00+07:00');
const october = stream(OCT_END).take(OCT_END);
const FEB_END = at('2026-02-28T23:00:00+07:00');
const february = stream(FEB_END).take(FEB_END);

/** Status changes a dossier may make; every dossier starts at 1 (online) or 2 (counter). */
const NEXT: Record<DossierStatus, readonly DossierStatus[]> = {
  1: [2, 3],
  2: [4],
  3: [],
  4: [5, 8, 9],
  5: [4],
  6: [],
  7: [],
  8: [],
  9: [10],
  10: [],
};

describe('dossier stream: events', () => {
  it('sends events that pass the contract schema and its cross-field rules', () => {
    const fast = stream(OCT_END, { backfill: false });
    const live: DossierEvent[] = [];
    for (let t = OCT_END + 5000; t <= OCT_END + 30 * MIN; t += 5000) live.push(...fast.take(t));
    expect(live.length).toBeGreaterThan(1000);
    const problems: string[] = [];
    for (const e of [...october, ...february, ...live]) {
      const errors = [...schemaErrors(DossierEventSchema as JsonSchema, e), ...dossierEventRuleErrors(e).map((x) => `${x.field}: ${x.message}`)];
      if (errors.length > 0) problems.push(`${e.eventId}: ${errors.join('; ')}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  }, 60_000);

  it('gives each status change a unique, deterministic id and codes like <agency>-<yymmdd>-<nnnn>', () => {
    const ids = new Set(october.map((e) => e.eventId));
    expect(ids.size).toBe(october.length);
    for (const e of october.slice(0, 2000)) {
      expect(e.eventId).toBe(`sim-dos-${e.dossierCode}-${e.status}-${Date.parse(e.statusAt)}`);
      expect(e.dossierCode).toMatch(/^\d{3}\.\d{2,3}\.\d{2}\.H13-\d{6}-\d{4}$/);
      expect(e.dossierCode.startsWith(`${e.agencyCode}-`)).toBe(true);
    }
    // The first dossier of 1 October at the committee of phường Ninh Kiều.
    const ninhKieu = DOSSIER_UNITS.find((u) => u.name === 'Ninh Kiều' && u.type === 'phường')!;
    expect(october.some((e) => e.dossierCode === `${unitAgencies(ninhKieu).committee.code}-261001-0001`)).toBe(true);
  });

  it('moves every dossier through the statuses in a legal order, with increasing times, one agency and area', () => {
    const problems: string[] = [];
    for (const [code, events] of byDossier(october)) {
      if (events[0]!.status !== 1 && events[0]!.status !== 2) problems.push(`${code} starts at ${events[0]!.status}`);
      if ((events[0]!.status === 1) !== (events[0]!.channel === 2)) problems.push(`${code}: only online dossiers start at 1`);
      for (let i = 1; i < events.length; i++) {
        const [a, b] = [events[i - 1]!, events[i]!];
        if (!NEXT[a.status].includes(b.status)) problems.push(`${code}: ${a.status} → ${b.status}`);
        if (Date.parse(b.statusAt) <= Date.parse(a.statusAt)) problems.push(`${code}: time goes back at ${b.status}`);
        if (b.agencyCode !== a.agencyCode || b.adminUnitCode !== a.adminUnitCode || b.channel !== a.channel) problems.push(`${code}: changed identity`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const statuses = new Set(october.map((e) => e.status));
    expect([...statuses].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 8, 9, 10]);
  });

  it('sets dueAt to the legal working days after reception: 17:00 on a working day, never a holiday, Tết included', () => {
    const problems: string[] = [];
    for (const e of [...october, ...february]) {
      if (e.dueAt === undefined) continue;
      const due = Date.parse(e.dueAt!);
      if (due !== calendar.addWorkingDays(Date.parse(e.receivedAt!), legalDays.get(e.procedureCode)!)) problems.push(`${e.eventId}: due`);
      if (localClock(e.dueAt!) !== '17:00:00' || !calendar.isWorkingDay(localDateOf(due))) problems.push(`${e.eventId}: due ${e.dueAt}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);

    // Dossiers received on the last working day before Tết (Friday 13 Feb 2026) are due after it.
    const eve = february.filter((e) => e.status === 2 && localDateOf(Date.parse(e.receivedAt!)) === '2026-02-13');
    expect(eve.length).toBeGreaterThan(100);
    for (const e of eve) {
      const days = legalDays.get(e.procedureCode)!;
      if (days === 0) expect(e.dueAt!.slice(0, 10)).toBe('2026-02-13');
      else expect(e.dueAt! >= '2026-02-23T17:00').toBe(true);
    }
    expect(eve.some((e) => e.dueAt!.startsWith('2026-02-23'))).toBe(true);
  });

  it('works in office hours in the back-fill: nothing received during Tết, though online submissions go on', () => {
    const counterWork = february.filter((e) => e.status !== 1);
    expect(counterWork.every((e) => isOfficeOpen(calendar, Date.parse(e.statusAt)))).toBe(true);
    const tet = (e: DossierEvent) => e.statusAt >= '2026-02-14' && e.statusAt < '2026-02-23';
    expect(february.filter((e) => tet(e) && e.status !== 1)).toEqual([]);
    expect(february.filter((e) => tet(e) && e.status === 1).length).toBeGreaterThan(200);
  });
});

describe('dossier stream: a month of Cần Thơ', () => {
  const dossiers = byDossier(october);
  const records = [...dossiers.values()].map((es) => foldDossier(es)!);
  const state = new AdminIndicatorState({ calendar });
  for (const r of records) state.put(r);
  const q = state.query('2026-10', OCT_END);

  it('receives about 15,000 dossiers in today’s wards and communes, weighted by population, through a few agencies each', () => {
    expect(q.received).toBeGreaterThan(13_000);
    expect(q.received).toBeLessThan(17_000);
    // the registry's units in force on the day of the data: nothing on a code the IOC would refuse
    const today = DEMO_REGISTRY.unitsValidAt('2026-10-31', { level: 'commune' }).map((u) => u.code);
    expect(DOSSIER_UNITS.map((d) => d.code).sort()).toEqual([...today].sort());
    const perArea = state.breakdown('2026-10', OCT_END, 'area');
    expect([...perArea.keys()].every((code) => today.includes(code))).toBe(true);
    expect(perArea.size).toBeGreaterThan(today.length * 0.95);
    const largest = [...perArea].sort((a, b) => b[1].received - a[1].received)[0]![0];
    const mostPopulous = [...DOSSIER_UNITS].sort((a, b) => arrivalRate(b) - arrivalRate(a))[0]!;
    expect(largest).toBe(mostPopulous.code);
    const agencies = new Set(records.filter((r) => r.adminUnitCode === mostPopulous.code).map((r) => r.agencyCode));
    expect(agencies.size).toBeGreaterThanOrEqual(3);
    expect(agencies.size).toBeLessThanOrEqual(8);
  });

  it('lands near the published rates: online payment ≈ 42 %, online submission ≈ 62 %, on time 95–98 %', () => {
    const pct = (p: { numerator: number; denominator: number }) => 100 * ratioOf(p)!;
    expect(pct(q.onlinePayment)).toBeGreaterThan(38);
    expect(pct(q.onlinePayment)).toBeLessThan(46);
    expect(pct(q.onlineSubmission)).toBeGreaterThan(55);
    expect(pct(q.onlineSubmission)).toBeLessThan(70);
    expect(pct(q.onTime)).toBeGreaterThan(94);
    expect(pct(q.onTime)).toBeLessThan(99);
    expect(q.completedLate).toBeGreaterThan(0);
    expect(q.stopped).toBeGreaterThan(0);
    // ≈ 40 % of dossiers carry a fee.
    expect(FEE_BEARING_SHARE).toBeCloseTo(0.4, 1);
    expect(q.onlinePayment.denominator / q.received).toBeGreaterThan(0.36);
    expect(q.onlinePayment.denominator / q.received).toBeLessThan(0.44);
  });

  it('asks ≈ 8 % of dossiers for one supplement and ≈ 1 % for two, which are late', () => {
    const received = records.filter((r) => r.received);
    const share = (n: number) => received.filter((r) => r.supplementRequests === n).length / received.length;
    expect(share(1)).toBeGreaterThan(0.06);
    expect(share(1)).toBeLessThan(0.1);
    expect(share(2)).toBeGreaterThan(0.005);
    expect(share(2)).toBeLessThan(0.015);
    for (const r of received.filter((x) => x.supplementRequests === 2)) expect(timeliness(r, OCT_END, calendar).verdict).toBe('late');
    // Supplement time moves the deadline: some dossiers finish after their appointment date and are still on time.
    const extended = received.filter((r) => r.supplementRequests === 1 && r.endStatus === 9 && r.finishedAt! > r.dueAt!);
    expect(extended.some((r) => timeliness(r, OCT_END, calendar).verdict === 'on_time')).toBe(true);
  });
});

describe('dossier stream: determinism and pace', () => {
  it('gives identical events for the same seed, start and clock', () => {
    const run = () => {
      const s = stream(at('2026-11-10T09:30:00+07:00'));
      const out = s.take(at('2026-11-10T09:30:00+07:00'));
      for (let t = at('2026-11-10T09:30:05+07:00'); t <= at('2026-11-10T09:35:00+07:00'); t += 5000) out.push(...s.take(t));
      return out;
    };
    const a = run();
    expect(a.length).toBeGreaterThan(1000);
    expect(run()).toEqual(a);
  });

  it('re-creates an earlier start’s back-fill exactly, so a restart re-sends duplicates, never new data under old codes', () => {
    const t1 = at('2026-11-12T10:00:00+07:00');
    const t2 = at('2026-11-16T15:00:00+07:00');
    const first = stream(t1).take(t1);
    const second = new Map(
      stream(t2, { rng: createRng(99) })
        .take(t2)
        .map((e) => [e.eventId, e]),
    );
    // Every event of the first run comes again, identical: a dossier's whole plan is fixed when it arrives.
    const missing = first.filter((e) => !second.has(e.eventId));
    expect(missing).toEqual([]);
    for (const e of first) expect(second.get(e.eventId)).toEqual(e);
    expect(second.size).toBeGreaterThan(first.length);
  });

  it('accelerates live arrivals (~1 a second city-wide at 60×) and keeps their codes apart from the back-fill’s', () => {
    const t0 = at('2026-11-18T10:00:00+07:00');
    const s = stream(t0);
    const backfill = s.take(t0);
    const before = s.stats().liveDossiers;
    const live: DossierEvent[] = [];
    for (let t = t0 + 5000; t <= t0 + 10 * MIN; t += 5000) live.push(...s.take(t));
    const arrivals = s.stats().liveDossiers - before;
    const expected = DOSSIER_UNITS.reduce((n, d) => n + arrivalRate(d), 0) * 60 * (10 / 60);
    expect(arrivals).toBeGreaterThan(expected * 0.8);
    expect(arrivals).toBeLessThan(expected * 1.2);
    // Compressed 60×: a working day of office time passes in ten minutes, so many finish already.
    expect(live.filter((e) => e.status === 9).length).toBeGreaterThan(arrivals * 0.15);
    // Back-fill dossiers still open at the start go on at real pace; live ones carry six-digit sequences.
    const isLive = (e: DossierEvent) => /-\d{6}-\d{6}$/.test(e.dossierCode);
    expect(new Set(live.filter(isLive).map((e) => e.dossierCode)).size).toBe(arrivals);
    expect(live.filter((e) => isLive(e) && Date.parse(e.submittedAt!) < t0)).toEqual([]);
    expect([...live, ...backfill].filter((e) => !isLive(e) && (Date.parse(e.submittedAt!) > t0 || !/-\d{6}-\d{4}$/.test(e.dossierCode)))).toEqual([]);
    expect(live.some((e) => !isLive(e))).toBe(true);
    expect(live.every((e) => Date.parse(e.statusAt) <= t0 + 10 * MIN)).toBe(true);
  });

  it('keeps office hours unless always open: at night only online submissions arrive', () => {
    const night = at('2026-11-18T21:00:00+07:00');
    const closed = stream(night, { alwaysOpen: false, backfill: false });
    const events: DossierEvent[] = [];
    for (let t = night + 5000; t <= night + 60 * MIN; t += 5000) events.push(...closed.take(t));
    expect(events.length).toBeGreaterThan(50);
    expect(events.every((e) => e.status === 1)).toBe(true);
    const open = stream(night, { alwaysOpen: true, backfill: false });
    const openEvents: DossierEvent[] = [];
    for (let t = night + 5000; t <= night + 60 * MIN; t += 5000) openEvents.push(...open.take(t));
    expect(openEvents.some((e) => e.status === 9)).toBe(true);
  });

  it('releases the back-fill in batches, oldest first', () => {
    const t = at('2026-11-05T12:00:00+07:00');
    const s = stream(t);
    const batches: DossierEvent[][] = [];
    for (let b = s.take(t, 5000); b.length > 0; b = s.take(t, 5000)) batches.push(b);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.slice(0, -1).every((b) => b.length === 5000)).toBe(true);
    const times = batches.flat().map((e) => Date.parse(e.statusAt));
    expect(times.every((x, i) => i === 0 || x >= times[i - 1]!)).toBe(true);
    expect(s.stats().events).toBe(times.length);
  });
});
