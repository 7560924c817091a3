import type { ObservationInput } from '@cityioc/contracts';
import { observationId } from './ids.ts';
import { binomial, poisson, type Rng } from './rng.ts';
import { isOfficeOpen, localMonthKey, localMonthStart, officeHoursBetween, toLocalRfc3339 } from './time.ts';

const HOUR_MS = 3_600_000;

/**
 * Per-district behaviour of the one-stop shops. Populations are the display figures of the
 * domain brief (§4.1, mixed years); they only weigh arrivals. Rates are set so the city lands
 * near published Cần Thơ figures: online payment ≈ 42 % (2023, target 30 %), on-time 95–99 %,
 * online submission 55–70 %, with the urban districts ahead on digital channels.
 */
export interface DistrictParams {
  code: string;
  name: string;
  population: number;
  /** Share of dossiers submitted online. */
  onlineRate: number;
  /** Share of dossiers that carry a fee or charge. */
  feeShare: number;
  /** Share of fee-bearing dossiers paid online. */
  onlinePayRate: number;
  /** Share of finished dossiers finished on time. */
  onTimeRate: number;
}

export const DOSSIER_DISTRICTS: readonly DistrictParams[] = [
  { code: '916', name: 'Ninh Kiều', population: 292_368, onlineRate: 0.7, feeShare: 0.4, onlinePayRate: 0.5, onTimeRate: 0.96 },
  { code: '917', name: 'Ô Môn', population: 136_995, onlineRate: 0.6, feeShare: 0.4, onlinePayRate: 0.4, onTimeRate: 0.97 },
  { code: '918', name: 'Bình Thủy', population: 185_142, onlineRate: 0.66, feeShare: 0.4, onlinePayRate: 0.45, onTimeRate: 0.975 },
  { code: '919', name: 'Cái Răng', population: 141_822, onlineRate: 0.65, feeShare: 0.4, onlinePayRate: 0.44, onTimeRate: 0.97 },
  { code: '923', name: 'Thốt Nốt', population: 184_758, onlineRate: 0.6, feeShare: 0.4, onlinePayRate: 0.4, onTimeRate: 0.965 },
  { code: '924', name: 'Vĩnh Thạnh', population: 96_000, onlineRate: 0.55, feeShare: 0.4, onlinePayRate: 0.34, onTimeRate: 0.985 },
  { code: '925', name: 'Cờ Đỏ', population: 161_576, onlineRate: 0.56, feeShare: 0.4, onlinePayRate: 0.36, onTimeRate: 0.98 },
  { code: '926', name: 'Phong Điền', population: 132_483, onlineRate: 0.58, feeShare: 0.4, onlinePayRate: 0.38, onTimeRate: 0.99 },
  { code: '927', name: 'Thới Lai', population: 147_546, onlineRate: 0.56, feeShare: 0.4, onlinePayRate: 0.36, onTimeRate: 0.975 },
];

/** Dossiers received per month across the districts at real pace (illustrative). */
export const CITY_DOSSIERS_PER_MONTH = 15_000;
/** Office hours in an average month: 22 working days of 10 hours. */
const OFFICE_HOURS_PER_MONTH = 220;
/** Mean processing time of a dossier that stays within its deadline, in office hours. */
const PROCESS_H = 16;
/** Mean time an overdue dossier takes to be finished, in office hours. */
const LATE_PROCESS_H = 24;
/** A gap longer than this (a paused process) is not integrated as one giant step. */
const MAX_STEP_REAL_H = 1;

const TOTAL_POPULATION = DOSSIER_DISTRICTS.reduce((s, d) => s + d.population, 0);

/** Arrivals per office hour at real pace. */
export function arrivalRate(d: DistrictParams): number {
  return (CITY_DOSSIERS_PER_MONTH * d.population) / TOTAL_POPULATION / OFFICE_HOURS_PER_MONTH;
}

/** Hazard (per office hour) that an in-time dossier becomes overdue, from the on-time share. */
function overdueHazard(d: DistrictParams): number {
  return (1 / d.onTimeRate - 1) / PROCESS_H;
}

export interface DistrictCounters {
  /** Cumulative for the current local month. */
  received: number;
  receivedOnline: number;
  feeBearing: number;
  paidOnline: number;
  finished: number;
  finishedOnTime: number;
  /** Stocks, carried over month boundaries. */
  pendingInTime: number;
  pendingOverdue: number;
}

export interface DossierState {
  /** Local month the cumulative counters belong to, 'YYYY-MM'. */
  monthKey: string;
  lastMs: number;
  districts: Record<string, DistrictCounters>;
}

export interface DossierOptions {
  /** Multiplies arrival and processing rates so the wall moves visibly (1 = real pace). */
  speed: number;
  /** Ignore office hours (Mon–Fri 07:00–17:00 local) so the demo also moves at night. */
  alwaysOpen: boolean;
}

/**
 * The state at `nowMs` as if the month had run at real pace so far: expected month-to-date
 * counters for the office hours elapsed, and steady-state queues. Deterministic.
 */
export function initDossiers(nowMs: number): DossierState {
  const hours = officeHoursBetween(localMonthStart(nowMs), nowMs);
  const districts: Record<string, DistrictCounters> = {};
  for (const d of DOSSIER_DISTRICTS) {
    const lambda = arrivalRate(d);
    const h = overdueHazard(d);
    const received = Math.round(lambda * hours);
    const feeBearing = Math.round(received * d.feeShare);
    // In steady state as many dossiers finish as arrive.
    const finished = received;
    const pendingInTime = Math.round((lambda * PROCESS_H) / (1 + h * PROCESS_H));
    districts[d.code] = {
      received,
      receivedOnline: Math.round(received * d.onlineRate),
      feeBearing,
      paidOnline: Math.round(feeBearing * d.onlinePayRate),
      finished,
      finishedOnTime: Math.round(finished * d.onTimeRate),
      pendingInTime,
      pendingOverdue: Math.round(h * pendingInTime * LATE_PROCESS_H),
    };
  }
  return { monthKey: localMonthKey(nowMs), lastMs: nowMs, districts };
}

const ZERO: DistrictCounters = {
  received: 0,
  receivedOnline: 0,
  feeBearing: 0,
  paidOnline: 0,
  finished: 0,
  finishedOnTime: 0,
  pendingInTime: 0,
  pendingOverdue: 0,
};

function emptyMonth(c: DistrictCounters): DistrictCounters {
  return { ...c, received: 0, receivedOnline: 0, feeBearing: 0, paidOnline: 0, finished: 0, finishedOnTime: 0 };
}

/**
 * Advances the one-stop shops to `nowMs`. Arrivals and processing happen only while the
 * office is open (unless `alwaysOpen`), at `speed` times the real pace. Cumulative counters
 * restart at the local month boundary; the queues carry over.
 */
export function stepDossiers(state: DossierState, nowMs: number, opts: DossierOptions, rng: Rng): { state: DossierState; changed: string[] } {
  const monthKey = localMonthKey(nowMs);
  const newMonth = monthKey !== state.monthKey;
  const open = opts.alwaysOpen || isOfficeOpen(nowMs);
  const dtRealH = Math.min(MAX_STEP_REAL_H, Math.max(0, (nowMs - state.lastMs) / HOUR_MS));
  const dt = open ? dtRealH * opts.speed : 0;

  const districts: Record<string, DistrictCounters> = {};
  const changed: string[] = [];
  for (const d of DOSSIER_DISTRICTS) {
    const prev = state.districts[d.code] ?? ZERO;
    const c = newMonth ? emptyMonth(prev) : { ...prev };
    if (dt > 0) {
      const arrivals = poisson(rng, arrivalRate(d) * dt);
      const fee = binomial(rng, arrivals, d.feeShare);
      c.received += arrivals;
      c.receivedOnline += binomial(rng, arrivals, d.onlineRate);
      c.feeBearing += fee;
      c.paidOnline += binomial(rng, fee, d.onlinePayRate);

      // In-time dossiers either finish (rate 1/PROCESS_H) or pass their deadline (hazard h).
      const h = overdueHazard(d);
      const finishRate = 1 / PROCESS_H;
      const inTime = c.pendingInTime + arrivals;
      const leaving = binomial(rng, inTime, 1 - Math.exp(-(h + finishRate) * dt));
      const becameOverdue = binomial(rng, leaving, h / (h + finishRate));
      const onTime = leaving - becameOverdue;
      const late = binomial(rng, c.pendingOverdue, 1 - Math.exp(-dt / LATE_PROCESS_H));
      c.pendingInTime = inTime - leaving;
      c.pendingOverdue = c.pendingOverdue - late + becameOverdue;
      c.finished += onTime + late;
      c.finishedOnTime += onTime;
    }
    districts[d.code] = c;
    if (newMonth || !sameCounters(prev, c)) changed.push(d.code);
  }
  return { state: { monthKey, lastMs: nowMs, districts }, changed };
}

function sameCounters(a: DistrictCounters, b: DistrictCounters): boolean {
  return (
    a.received === b.received &&
    a.receivedOnline === b.receivedOnline &&
    a.feeBearing === b.feeBearing &&
    a.paidOnline === b.paidOnline &&
    a.finished === b.finished &&
    a.finishedOnTime === b.finishedOnTime &&
    a.pendingOverdue === b.pendingOverdue
  );
}

/** The five dossier indicators of the given districts (all by default) at `nowMs`. */
export function dossierObservations(state: DossierState, nowMs: number, codes: readonly string[] = DOSSIER_DISTRICTS.map((d) => d.code)): ObservationInput[] {
  const observedAt = toLocalRfc3339(nowMs);
  const out: ObservationInput[] = [];
  for (const area of codes) {
    const c = state.districts[area];
    if (!c) continue;
    const base = (indicator: string) => ({ id: observationId(area, indicator, nowMs), indicator, area, observedAt });
    out.push(
      { ...base('dossiers_received'), value: c.received },
      { ...base('dossiers_overdue'), value: c.pendingOverdue },
      { ...base('dossiers_on_time_rate'), numerator: c.finishedOnTime, denominator: c.finished },
      { ...base('dossiers_online_rate'), numerator: c.receivedOnline, denominator: c.received },
      { ...base('online_payment_rate'), numerator: c.paidOnline, denominator: c.feeBearing },
    );
  }
  return out;
}
