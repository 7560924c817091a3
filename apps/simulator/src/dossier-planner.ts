import type { DossierChannel, DossierStatus, OnlinePayment } from '@cityioc/contracts';
import type { WorkCalendar } from '@cityioc/domain';
import { VN_UTC_OFFSET_MS } from '@cityioc/domain';
import {
  arrivalRate,
  DOSSIER_UNITS,
  ONLINE_NORM,
  PROCEDURES,
  TOTAL_WEIGHT,
  unitAgencies,
  type Agency,
  type Procedure,
  type UnitAgencies,
  type UnitParams,
} from './dossier-data.ts';
import type { Rng } from './rng.ts';
import { addOfficeMs, officeMsBetween, OFFICE_CLOSE_HOUR, OFFICE_OPEN_HOUR } from './time.ts';

/**
 * The planner: each dossier is planned in full when it arrives — its procedure, agency, channel,
 * fee and payment, digitisation, and the times of every status change — from one random
 * generator, so that a generator replaying the same draws replays the same dossiers. Pure.
 */

export const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** One working day of office time. */
const OFFICE_DAY_MS = (OFFICE_CLOSE_HOUR - OFFICE_OPEN_HOUR) * HOUR_MS;

// ─── Behaviour ───────────────────────────────────────────────────────────────────────────────

/** Online submissions refused at reception (status 3): incomplete or filed with the wrong agency. */
const REFUSED_SHARE = 0.03;
/** Dossiers at the counter sent by the public postal service, as a share of all. */
const POSTAL_SHARE = 0.03;
/** Received dossiers whose processing is stopped (status 8). */
const STOPPED_SHARE = 0.008;
/** Received dossiers with exactly one supplement request, and with two (late under 766 whatever the dates). */
const ONE_SUPPLEMENT_SHARE = 0.08;
const TWO_SUPPLEMENTS_SHARE = 0.01;
/** Fee-bearing dossiers at the counter that are still paid online (QR at the counter), relative to the unit's rate. */
const COUNTER_PAY_FACTOR = 0.15;
/** Online payments through the national DVCQG platform (1) rather than the city's own gateway (2). */
const DVCQG_PAYMENT_SHARE = 0.75;
/** Finished dossiers whose result is collected (status 10) at all. */
const RETURNED_SHARE = 0.97;
/** Cap on the online share of a procedure in a unit. */
const MAX_ONLINE = 0.97;

/** Online submission share before refusals that gives `received` online after refusals. */
function submittedOnlineShare(received: number): number {
  return received / ((1 - REFUSED_SHARE) * (1 - received) + received);
}

export interface UnitModel {
  unit: UnitParams;
  agencies: UnitAgencies;
  /** Cumulative procedure weights of the online and counter streams. */
  onlineProcedures: Float64Array;
  counterProcedures: Float64Array;
  /** Online and counter dossiers per office hour at real pace. */
  onlineRate: number;
  counterRate: number;
  /** P(paid online | fee-bearing, channel). */
  payOnline: number;
  payCounter: number;
  /** P(postal | counter). */
  postal: number;
  /** P(late by the dates | neither stopped nor twice supplemented). */
  late: number;
}

function cumulative(xs: readonly number[]): Float64Array {
  const out = new Float64Array(xs.length);
  let s = 0;
  xs.forEach((x, i) => (out[i] = s += x));
  return out;
}

function modelOf(d: UnitParams): UnitModel {
  const o = submittedOnlineShare(d.onlineRate);
  const pOnline = PROCEDURES.map((p) => Math.min(MAX_ONLINE, (o * p.online) / ONLINE_NORM));
  const online = PROCEDURES.map((p, i) => p.weight * pOnline[i]!);
  const counter = PROCEDURES.map((p, i) => p.weight * (1 - pOnline[i]!));
  const onlineShare = online.reduce((s, x) => s + x, 0) / TOTAL_WEIGHT;
  // Payment: counter dossiers pay online at a small fraction of the rate, online ones make up the rest.
  const feeWeight = PROCEDURES.reduce((s, p) => s + (p.feeVnd > 0 ? p.weight : 0), 0);
  const feeOnline = PROCEDURES.reduce((s, p, i) => s + (p.feeVnd > 0 ? online[i]! : 0), 0) / feeWeight;
  const feeOnlineReceived = (feeOnline * (1 - REFUSED_SHARE)) / (feeOnline * (1 - REFUSED_SHARE) + 1 - feeOnline);
  const payCounter = COUNTER_PAY_FACTOR * d.onlinePayRate;
  const payOnline = Math.min(0.95, (d.onlinePayRate - (1 - feeOnlineReceived) * payCounter) / feeOnlineReceived);
  const rate = arrivalRate(d);
  return {
    unit: d,
    agencies: unitAgencies(d),
    onlineProcedures: cumulative(online),
    counterProcedures: cumulative(counter),
    onlineRate: rate * onlineShare,
    counterRate: rate * (1 - onlineShare),
    payOnline,
    payCounter,
    postal: Math.min(1, POSTAL_SHARE / (1 - onlineShare)),
    late: Math.max(0, 1 - d.onTimeRate - TWO_SUPPLEMENTS_SHARE) / (1 - TWO_SUPPLEMENTS_SHARE - STOPPED_SHARE),
  };
}

export const MODELS: readonly UnitModel[] = DOSSIER_UNITS.map(modelOf);

// ─── Randomness and time ─────────────────────────────────────────────────────────────────────

function exponential(rng: Rng, mean: number, cap = Infinity): number {
  return Math.min(cap, -mean * Math.log(1 - rng.next()));
}

function pick(rng: Rng, cum: Float64Array): number {
  const x = rng.next() * cum[cum.length - 1]!;
  let i = 0;
  while (i < cum.length - 1 && cum[i]! <= x) i++;
  return i;
}

// FNV-1a of a string: seeds one generator per month, unit and stream from the run's seed.
export { hash32 } from './dossier-data.ts';

/**
 * How process time maps to wall-clock time. Durations are planned in office time at real pace
 * (one working day = 10 office hours); a pace divides them by its speed and lays them either on
 * office hours of working days or on the plain clock.
 */
export interface Pace {
  speed: number;
  officeHours: boolean;
  after(t: number, officeMs: number): number;
}

export function createPace(calendar: WorkCalendar, speed: number, officeHours: boolean): Pace {
  return {
    speed,
    officeHours,
    after: officeHours ? (t, ms) => addOfficeMs(calendar, t, ms / speed) : (t, ms) => t + ms / speed,
  };
}

/** Relative intensity of online submissions: days more than nights, working days more than weekends and holidays. */
function onlineIntensity(calendar: WorkCalendar, t: number): number {
  const local = t + VN_UTC_OFFSET_MS;
  const hour = Math.floor(local / HOUR_MS) % 24;
  const working = calendar.isWorkingDayNumber(Math.floor(local / 86_400_000));
  return (hour >= 6 && hour < 22 ? 1 : 0.25) * (working ? 1 : 0.5);
}
/** Mean of `onlineIntensity` over a week without holidays: (5·18 + 2·9) / 168. */
const MEAN_ONLINE_INTENSITY = 108 / 168;
/** Office hours in a week without holidays. */
const OFFICE_HOURS_PER_WEEK = 50;

// ─── Dossier plans ───────────────────────────────────────────────────────────────────────────

export interface Step {
  status: DossierStatus;
  at: number;
}

export interface Plan {
  /** Creation order: breaks ties between dossiers with events at the same instant. */
  serial: number;
  /** First event (submission online, reception at the counter). */
  firstAt: number;
  /** Assigned from the agency, the day of `firstAt` and a sequence (see DossierStream). */
  code: string;
  unit: UnitParams;
  agency: Agency;
  procedure: Procedure;
  channel: DossierChannel;
  submittedAt: number;
  receivedAt: number | null;
  dueAt: number | null;
  finishedAt: number | null;
  supplements: { requestedAt: number; completedAt: number }[];
  onlinePayment: OnlinePayment;
  digitized: boolean;
  reusedDigitizedData: boolean;
  personalStorage: boolean;
  vneidVerified: boolean;
  eResult: boolean;
  syncedToDvcqg: boolean;
  steps: Step[];
  /** Index of the next step to release. */
  next: number;
  /** The plan's fixed times as RFC 3339, formatted once per dossier (see dossier-stream.ts). */
  times?: { submittedAt: string; receivedAt?: string; dueAt?: string; finishedAt?: string; supplements: { requestedAt: string; completedAt: string }[] };
}

/**
 * Plans one dossier arriving at `arrival` (submitted online, or at the counter) in full, from
 * `rng` alone: a generator that replays the same draws replays the same dossiers.
 */
export function planDossier(m: UnitModel, online: boolean, arrival: number, serial: number, rng: Rng, pace: Pace, calendar: WorkCalendar): Plan {
  const procedure = PROCEDURES[pick(rng, online ? m.onlineProcedures : m.counterProcedures)]!;
  // District and commune procedures are the ward's or commune's committee's since 1 July 2025.
  const agency = procedure.handler === 'department' ? procedure.department! : procedure.handler === 'land' ? m.agencies.landOffice : m.agencies.committee;
  const channel: DossierChannel = online ? 2 : rng.next() < m.postal ? 3 : 1;
  const feeBearing = procedure.feeVnd > 0;
  const paid = rng.next() < (online ? m.payOnline : m.payCounter);
  const onlinePayment: OnlinePayment = feeBearing && paid ? (rng.next() < DVCQG_PAYMENT_SHARE ? 1 : 2) : 0;
  const digitized = rng.next() < (online ? 0.97 : channel === 3 ? 0.75 : 0.85);
  const reusedDigitizedData = digitized && rng.next() < 0.35;
  const personalStorage = online && rng.next() < 0.3;
  const vneidVerified = online && rng.next() < 0.9;
  const eResult = rng.next() < (online ? 0.8 : 0.55);
  const syncedToDvcqg = rng.next() < 0.985;

  const steps: Step[] = [];
  let last = -Infinity;
  /** Adds a step at whole seconds, at least a second after the previous one. */
  const step = (status: DossierStatus, t: number): number => {
    const at = Math.max(Math.floor(t / SECOND_MS) * SECOND_MS, last + SECOND_MS);
    steps.push({ status, at });
    return (last = at);
  };
  const plan: Plan = {
    serial,
    firstAt: 0,
    code: '',
    unit: m.unit,
    agency,
    procedure,
    channel,
    submittedAt: 0,
    receivedAt: null,
    dueAt: null,
    finishedAt: null,
    supplements: [],
    onlinePayment,
    digitized,
    reusedDigitizedData,
    personalStorage,
    vneidVerified,
    eResult,
    syncedToDvcqg,
    steps,
    next: 0,
  };

  // Reception: at once at the counter; online after the officer's check, or refused.
  const fate = rng.next();
  const fateLate = rng.next();
  const u = [rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next()] as const;
  let received: number;
  if (online) {
    plan.submittedAt = plan.firstAt = step(1, arrival);
    const checked = pace.after(arrival, 10 * MINUTE_MS + exponential(rng, 2 * HOUR_MS, 2 * OFFICE_DAY_MS));
    if (fate < REFUSED_SHARE) {
      step(3, checked);
      return plan;
    }
    received = step(2, checked);
  } else {
    received = plan.submittedAt = plan.firstAt = step(2, arrival);
  }
  const due = calendar.addWorkingDays(received, procedure.legalDays);
  plan.receivedAt = received;
  plan.dueAt = due;

  // What happens after reception, decided now. `budget` is the agency's own office time to finish.
  const f = online ? (fate - REFUSED_SHARE) / (1 - REFUSED_SHARE) : fate;
  const stopped = f < STOPPED_SHARE;
  const supplementRequests = stopped
    ? 0
    : f < STOPPED_SHARE + TWO_SUPPLEMENTS_SHARE
      ? 2
      : f < STOPPED_SHARE + TWO_SUPPLEMENTS_SHARE + ONE_SUPPLEMENT_SHARE
        ? 1
        : 0;
  const late = !stopped && supplementRequests < 2 && fateLate < m.late;
  const window = Math.max(MINUTE_MS, officeMsBetween(calendar, received, due));
  const budget = window * (0.08 + 0.87 * u[0] ** 1.5);

  let used = budget * (0.02 + 0.08 * u[1]);
  let cursor = step(4, pace.after(received, used));
  for (let k = 0; k < supplementRequests; k++) {
    const ask = (budget - used) * (0.2 + 0.4 * u[2 + k]!);
    used += ask;
    const requestedAt = step(5, pace.after(cursor, ask));
    const completedAt = step(4, pace.after(requestedAt, exponential(rng, 1.2 * OFFICE_DAY_MS, 8 * OFFICE_DAY_MS) + 2 * HOUR_MS));
    plan.supplements.push({ requestedAt, completedAt });
    cursor = completedAt;
  }
  if (stopped) {
    step(8, pace.after(cursor, (budget - used) * u[4]));
    return plan;
  }

  // The appointment date moved on by the applicant's supplement time, in working time as the domain measures it.
  const held = plan.supplements.reduce((s, x) => s + calendar.workingMsBetween(x.requestedAt, x.completedAt), 0);
  const effectiveDue = calendar.addWorkingMs(due, held);
  let finish: number;
  if (late) {
    finish = Math.max(effectiveDue + SECOND_MS, pace.after(effectiveDue, 30 * MINUTE_MS + exponential(rng, OFFICE_DAY_MS, 6 * OFFICE_DAY_MS)));
  } else {
    finish = pace.after(cursor, budget - used);
    // Office time and the working time the domain measures the applicant's share in differ
    // around nights: bring the finish back within the moved deadline, still in office time.
    if (supplementRequests < 2 && finish > effectiveDue) finish = pace.after(cursor, officeMsBetween(calendar, cursor, effectiveDue) / 2);
  }
  plan.finishedAt = step(9, finish);
  if (u[5] < RETURNED_SHARE) {
    const wait =
      online && eResult ? 5 * MINUTE_MS + exponential(rng, HOUR_MS, OFFICE_DAY_MS) : 10 * MINUTE_MS + exponential(rng, 0.8 * OFFICE_DAY_MS, 5 * OFFICE_DAY_MS);
    step(10, pace.after(plan.finishedAt, wait));
  }
  return plan;
}

// ─── Arrivals ────────────────────────────────────────────────────────────────────────────────

/** One Poisson stream of arrivals: a unit's online submissions or its counter. */
export interface Arrivals {
  model: UnitModel;
  online: boolean;
  rng: Rng;
  pace: Pace;
  /** The next arrival instant. */
  next: number;
}

/**
 * The arrival after `from`. Counter dossiers arrive in office time of the pace (around the clock
 * when it ignores office hours); online ones around the clock, thinned by `onlineIntensity` when
 * office hours apply so that nights and weekends are quieter. Both at `speed` times the real rate.
 */
export function nextArrival(a: Arrivals, from: number, calendar: WorkCalendar): number {
  const { pace, model, rng } = a;
  if (!a.online) return pace.after(from, exponential(rng, HOUR_MS / model.counterRate));
  if (!pace.officeHours) return from + exponential(rng, HOUR_MS / model.onlineRate) / pace.speed;
  // The weekly online volume at real pace equals the office-hour rate times the office hours of a week.
  const peakPerHour = (model.onlineRate * OFFICE_HOURS_PER_WEEK) / 168 / MEAN_ONLINE_INTENSITY;
  let t = from;
  for (;;) {
    t += exponential(rng, HOUR_MS / peakPerHour) / pace.speed;
    if (rng.next() < onlineIntensity(calendar, t)) return t;
  }
}
