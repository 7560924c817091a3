import { CERTIFIED_COPY_PROCEDURE } from './demo-766-catalogue.ts';
import type { DossierEvent } from '@cityioc/contracts';
import { createWorkCalendar, VN_UTC_OFFSET_MS, type WorkCalendar } from '@cityioc/domain';
import type { Agency } from './dossier-data.ts';
import { createPace, hash32, HOUR_MS, MODELS, nextArrival, planDossier, SECOND_MS, type Arrivals, type Plan } from './dossier-planner.ts';
import { dossierEventId } from './ids.ts';
import { createRng, type Rng } from './rng.ts';
import { localMonthStart, toLocalRfc3339 } from './time.ts';

/**
 * A stream of raw one-stop-shop dossier events (hồ sơ TTHC) for Cần Thơ, from which the IOC
 * computes every dossier indicator itself. Pure: the clock, the seed and the random generator
 * are passed in, and the working days come from the domain calendar (weekends, Vietnamese
 * public holidays, Tết). The data is in dossier-data.ts, the planning of one dossier in
 * dossier-planner.ts; this file releases the planned events as the clock passes them.
 *
 * Each dossier is planned in full when it arrives — its procedure, agency, channel, fee and
 * payment, digitisation, and the times of every status change — and its events are released as
 * the clock passes them:
 *
 *   online:         1 submitted → 2 received (or 3 refused) → 4 in process → … → 9 finished → 10 returned
 *   at the counter: 2 received → 4 in process → … → 9 finished → 10 returned
 *   …:              optionally 5 supplement requested → 4 supplement completed (twice for ~1 %), or 8 stopped
 *
 * The appointment date is `calendar.addWorkingDays(receivedAt, legal days)` (17:00 of a working
 * day). Most dossiers finish before it (net of the applicant's supplement time, as Decision 766
 * counts it); a unit-dependent few per cent finish after it, and two supplement requests are
 * late whatever the dates.
 *
 * Two paces. The back-fill replays the current month up to the start at real pace in office
 * hours (07:00–17:00 on working days), from a generator seeded only by the seed and the month,
 * so a restart re-creates the very same dossiers and event ids. Live dossiers then arrive
 * `speed` times faster and move through their steps `speed` times faster, during office hours or
 * around the clock (`alwaysOpen`). Times are always real wall-clock instants and appointment dates
 * are real working days, so an accelerated dossier that is going to be late only turns overdue
 * when its real deadline passes.
 */

/** A plan's fixed times as RFC 3339, formatted once per dossier rather than once per event. */
interface PlanTimes {
  submittedAt: string;
  receivedAt?: string;
  dueAt?: string;
  finishedAt?: string;
  supplements: { requestedAt: string; completedAt: string }[];
}

function timesOf(p: Plan): PlanTimes {
  const iso = toLocalRfc3339;
  return {
    submittedAt: iso(p.submittedAt),
    ...(p.receivedAt !== null ? { receivedAt: iso(p.receivedAt) } : {}),
    ...(p.dueAt !== null ? { dueAt: iso(p.dueAt) } : {}),
    ...(p.finishedAt !== null ? { finishedAt: iso(p.finishedAt) } : {}),
    supplements: p.supplements.map((s) => ({ requestedAt: iso(s.requestedAt), completedAt: iso(s.completedAt) })),
  };
}

/** The canonical event of a plan's step `i`: the dossier as known at that status change. */
function eventOf(p: Plan, i: number): DossierEvent {
  const { status, at } = p.steps[i]!;
  const times = (p.times ??= timesOf(p));
  const statusAt = toLocalRfc3339(at);
  const received = status !== 1 && status !== 3;
  const supplements = p.supplements.flatMap((s, k) =>
    s.requestedAt > at ? [] : [s.completedAt <= at ? times.supplements[k]! : { requestedAt: times.supplements[k]!.requestedAt }],
  );
  const feeBearing = p.procedure.feeVnd > 0;
  return {
    eventId: dossierEventId(p.code, status, at),
    dossierCode: p.code,
    procedureCode: p.procedure.code,
    fieldCode: p.procedure.fieldCode,
    agencyCode: p.agency.code,
    adminUnitCode: p.unit.code,
    ...(p.agency.level ? { level: p.agency.level } : {}),
    processingUnit: p.agency.name,
    channel: p.channel,
    status,
    statusAt,
    submittedAt: times.submittedAt,
    ...(received ? { receivedAt: times.receivedAt!, dueAt: times.dueAt! } : {}),
    ...(status === 9 || status === 10 ? { finishedAt: times.finishedAt!, eResult: p.eResult } : {}),
    // a certification's electronic result is an electronic certified copy (766 ELECTRONIC_CERTIFIED_COPY)
    ...((status === 9 || status === 10) && p.procedure.code === CERTIFIED_COPY_PROCEDURE ? { eCertifiedCopy: p.eResult } : {}),
    ...(status === 10 ? { returnedAt: statusAt } : {}),
    ...(status === 3 || status === 8 ? { rejectedAt: statusAt } : {}),
    ...(supplements.length > 0 ? { supplements } : {}),
    feeBearing,
    ...(feeBearing ? { fees: [{ code: `LP-${p.procedure.code}`, name: 'Lệ phí', amountVnd: p.procedure.feeVnd }], onlinePayment: p.onlinePayment } : {}),
    ...(received ? { digitized: p.digitized, reusedDigitizedData: p.reusedDigitizedData } : {}),
    ...(p.channel === 2 ? { personalStorage: p.personalStorage, vneidVerified: p.vneidVerified } : {}),
    syncedToDvcqg: p.syncedToDvcqg,
  };
}

// ─── The stream ──────────────────────────────────────────────────────────────────────────────

export interface DossierStreamOptions {
  /** The start: the back-fill covers the local month up to here, live dossiers arrive after it. */
  startMs: number;
  /** Seeds the back-fill (with the month), so a restart re-creates it exactly. */
  seed: number;
  /** Draws of the live dossiers. */
  rng: Rng;
  /** Live acceleration of arrivals and processing (1 = real pace). */
  speed: number;
  /** Live dossiers ignore office hours, so the wall also moves at night and at weekends. */
  alwaysOpen: boolean;
  /** Re-create the month so far at start (default true). */
  backfill?: boolean;
  /** Working days; the domain's built-in Vietnamese calendar by default. */
  calendar?: WorkCalendar;
}

export interface DossierStreamStats {
  /** Dossiers created by the back-fill and live since the start. */
  backfillDossiers: number;
  liveDossiers: number;
  /** Events released so far. */
  events: number;
  /** Dossiers with events still to come. */
  active: number;
}

export interface DossierStream {
  /**
   * Creates the live dossiers that have arrived by `nowMs` and releases up to `max` events whose
   * status time has come (statusAt ≤ nowMs), oldest first. Call again for the rest: undelivered
   * events wait here, as compact plans, not in a queue of JSON objects.
   */
  take(nowMs: number, max?: number): DossierEvent[];
  stats(): DossierStreamStats;
}

/** Live arrivals never catch up more than this after a pause of the process (a sleeping laptop). */
const MAX_CATCH_UP_MS = HOUR_MS;

export function createDossierStream(options: DossierStreamOptions): DossierStream {
  const calendar = options.calendar ?? createWorkCalendar();
  const { startMs } = options;
  const heap = new PlanHeap();
  let serial = 0;
  let events = 0;
  let backfillDossiers = 0;
  let liveDossiers = 0;

  if (options.backfill ?? true) {
    const plans = backfill(startMs, options.seed, calendar);
    // Daily sequence per agency, in order of first event: `<agency>-<yymmdd>-<nnnn>`.
    plans.sort((a, b) => a.firstAt - b.firstAt || a.serial - b.serial);
    const seq = new Map<string, number>();
    for (const p of plans) {
      const key = `${p.agency.code}-${yymmdd(p.firstAt)}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      p.code = `${key}-${String(n).padStart(4, '0')}`;
      p.serial = serial++;
      heap.push(p);
    }
    backfillDossiers = plans.length;
  }

  // Live streams: accelerated, after the start.
  const livePace = createPace(calendar, options.speed, !options.alwaysOpen);
  const live: Arrivals[] = MODELS.flatMap((model) =>
    [true, false].map((online) => {
      const a: Arrivals = { model, online, rng: options.rng, pace: livePace, next: 0 };
      a.next = nextArrival(a, startMs, calendar);
      return a;
    }),
  );
  /** Last live sequence per agency and day, so that codes stay unique when two arrive in the same second. */
  const liveSeq = new Map<string, number>();

  function liveCode(agency: Agency, t: number): string {
    const day = `${agency.code}-${yymmdd(t)}`;
    // Six digits (seconds of the day × 10): never the back-fill's four, and never another run's,
    // since two runs are not live at the same instant.
    const n = Math.max((liveSeq.get(day) ?? -1) + 1, Math.floor(secondOfDay(t) * 10));
    liveSeq.set(day, n);
    return `${day}-${String(n).padStart(6, '0')}`;
  }

  function arrive(nowMs: number) {
    for (const a of live) {
      if (a.next < nowMs - MAX_CATCH_UP_MS) a.next = nextArrival(a, nowMs - MAX_CATCH_UP_MS, calendar);
      while (a.next <= nowMs) {
        const p = planDossier(a.model, a.online, a.next, serial++, a.rng, a.pace, calendar);
        p.code = liveCode(p.agency, p.firstAt);
        heap.push(p);
        liveDossiers++;
        a.next = nextArrival(a, a.next, calendar);
      }
    }
  }

  return {
    take(nowMs, max = Infinity) {
      arrive(nowMs);
      const out: DossierEvent[] = [];
      while (out.length < max) {
        const p = heap.peek();
        if (!p || p.steps[p.next]!.at > nowMs) break;
        heap.pop();
        out.push(eventOf(p, p.next));
        p.next++;
        if (p.next < p.steps.length) heap.push(p);
      }
      events += out.length;
      return out;
    },
    stats: () => ({ backfillDossiers, liveDossiers, events, active: heap.size }),
  };
}

/**
 * The month so far at real pace in office hours: every dossier whose first event falls between
 * local midnight on the 1st and `startMs`. Each unit's online and counter streams have their
 * own generator seeded by (seed, month, unit, stream), and every plan is fixed at its arrival,
 * so a later start re-creates the earlier one's dossiers exactly and only adds to them.
 */
function backfill(startMs: number, seed: number, calendar: WorkCalendar): Plan[] {
  const monthStart = localMonthStart(startMs);
  const pace = createPace(calendar, 1, true);
  const plans: Plan[] = [];
  let serial = 0;
  for (const model of MODELS) {
    for (const online of [true, false]) {
      const rng = createRng(hash32(`${seed}|${yymmdd(monthStart)}|${model.unit.code}|${online ? 'online' : 'counter'}`));
      const a: Arrivals = { model, online, rng, pace, next: 0 };
      for (let t = nextArrival(a, monthStart, calendar); t <= startMs; t = nextArrival(a, t, calendar)) {
        plans.push(planDossier(model, online, t, serial++, rng, pace, calendar));
      }
    }
  }
  return plans;
}

function yymmdd(t: number): string {
  return new Date(t + VN_UTC_OFFSET_MS).toISOString().slice(2, 10).replaceAll('-', '');
}

function secondOfDay(t: number): number {
  return Math.floor(((t + VN_UTC_OFFSET_MS) % 86_400_000) / SECOND_MS);
}

/** Min-heap of plans by the time of their next step (then creation order). */
class PlanHeap {
  private readonly items: Plan[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Plan | undefined {
    return this.items[0];
  }

  push(p: Plan): void {
    const a = this.items;
    a.push(p);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): Plan | undefined {
    const a = this.items;
    const top = a[0];
    const end = a.pop();
    if (a.length > 0 && end) {
      a[0] = end;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Plan, b: Plan): boolean {
  const ta = a.steps[a.next]!.at;
  const tb = b.steps[b.next]!.at;
  return ta < tb || (ta === tb && a.serial < b.serial);
}
