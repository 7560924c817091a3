import { expandDaySpec, HOLIDAY_OCCASIONS, planYear, type HolidayDay, type MakeUpWorkingDay, type OfficialYearSchedule } from './holidays.ts';
import { VN_OFFICIAL_SCHEDULES } from './official-schedules.ts';
import type { ItemError } from '@cityioc/contracts';
import { DAY_MS, dateOfDayNumber, dayNumberOf, dayNumberOfDate, dayStartMs, isWeekendDay, parseLocalDate, yearStartDay, type LocalDate } from './local-time.ts';

export interface WorkCalendarConfig {
  /**
   * Yearly official placements. For a year also in the built-in table, each occasion given here
   * replaces the built-in one; extra days off are added.
   */
  schedules?: readonly OfficialYearSchedule[];
  /** Use the built-in 2024–2026 placements (default true). */
  builtInSchedules?: boolean;
  /** Local time of day at which a deadline expires, minutes after midnight (default 17:00, end of office hours). */
  deadlineMinutes?: number;
}

export interface YearHolidays {
  year: number;
  /** Every day off in the year's Gregorian dates attributed to a holiday, in date order. */
  daysOff: HolidayDay[];
  /** Weekend days declared working. */
  makeUpWorkingDays: MakeUpWorkingDay[];
}

/**
 * Working days for Vietnamese state agencies: Monday to Friday, minus public holidays, plus the
 * Saturdays declared working. All times are Asia/Ho_Chi_Minh (UTC+7).
 */
export interface WorkCalendar {
  /** Whether a local date ('YYYY-MM-DD') is a working day. Throws RangeError on a malformed date. */
  isWorkingDay(date: LocalDate): boolean;
  /** Same, on a local day number (see local-time.ts); the fast path for per-event code. */
  isWorkingDayNumber(day: number): boolean;
  /**
   * The deadline `n` working days after an instant: counting starts the day after (Civil Code
   * Art. 147: a period in days starts the day after the event), each working day counts whole,
   * and the deadline is the n-th working day at the deadline time (17:00). A non-integer n is
   * rounded up, a negative one is 0. n = 0 is the same day at 17:00 if that is a working day and
   * not yet past, else the next working day at 17:00. A deadline never lands on a holiday.
   */
  addWorkingDays(fromMs: number, n: number): number;
  /**
   * Working time between two instants in days, fractional: each working local day contributes the
   * share of its 24 hours that lies in [from, to); weekends and holidays contribute nothing.
   * Additive (between(a, c) = between(a, b) + between(b, c)) and negative when to < from.
   */
  workingDaysBetween(fromMs: number, toMs: number): number;
  /** workingDaysBetween in milliseconds (exact integer arithmetic). */
  workingMsBetween(fromMs: number, toMs: number): number;
  /** The inverse of workingMsBetween: the earliest instant t ≥ from with workingMsBetween(from, t) = ms. */
  addWorkingMs(fromMs: number, ms: number): number;
  /** The first working day on or after a date. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** The holidays and make-up days falling in a Gregorian year. */
  holidaysOf(year: number): YearHolidays;
}

interface YearTable {
  start: number;
  /** cum[i] = working days in [start, start + i). */
  cum: Int32Array;
}

function mergeSchedules(builtIn: readonly OfficialYearSchedule[], extra: readonly OfficialYearSchedule[]): Map<number, OfficialYearSchedule> {
  const out = new Map<number, OfficialYearSchedule>();
  for (const s of [...builtIn, ...extra]) {
    const prev = out.get(s.year);
    if (!prev) {
      out.set(s.year, s);
      continue;
    }
    out.set(s.year, {
      year: s.year,
      source: [prev.source, s.source].filter(Boolean).join('; ') || undefined,
      occasions: { ...prev.occasions, ...s.occasions },
      extraDaysOff: [...(prev.extraDaysOff ?? []), ...(s.extraDaysOff ?? [])],
    });
  }
  return out;
}

/**
 * What is wrong with a yearly schedule, as per-field errors (paths inside the schedule): a year out
 * of range, an unknown occasion, a day or range that is not one, a day that belongs to another year
 * by more than a month, a make-up day that is not a weekend day. Empty when it is usable.
 */
export function scheduleErrors(s: OfficialYearSchedule): ItemError[] {
  const errors: ItemError[] = [];
  if (!Number.isInteger(s.year) || s.year < 1970 || s.year > 2199)
    return [{ field: '/year', reason: 'range', message: `schedule year out of range (1970–2199): ${s.year}` }];
  const near = (day: number) => day >= yearStartDay(s.year) - 31 && day < yearStartDay(s.year + 1) + 31;
  const days = (path: string, spec: string) => {
    let list: number[];
    try {
      list = expandDaySpec(spec);
    } catch (e) {
      errors.push({ field: path, reason: 'date_format', message: (e as Error).message });
      return;
    }
    if (!list.every(near)) errors.push({ field: path, reason: 'other_year', message: `'${spec}' is not within a month of ${s.year}` });
  };
  const makeUp = (path: string, date: string) => {
    const d = parseLocalDate(date);
    if (d === null) errors.push({ field: path, reason: 'date_format', message: `not a calendar date (YYYY-MM-DD): '${date}'` });
    else if (!isWeekendDay(d)) errors.push({ field: path, reason: 'not_weekend', message: `make-up working day ${date} is not a Saturday or Sunday` });
    else if (!near(d)) errors.push({ field: path, reason: 'other_year', message: `'${date}' is not within a month of ${s.year}` });
  };
  for (const [occasion, p] of Object.entries(s.occasions ?? {})) {
    if (!(HOLIDAY_OCCASIONS as readonly string[]).includes(occasion)) {
      errors.push({
        field: `/occasions/${occasion}`,
        reason: 'unknown_occasion',
        message: `unknown holiday occasion '${occasion}' (${HOLIDAY_OCCASIONS.join(', ')})`,
      });
      continue;
    }
    (p?.daysOff ?? []).forEach((spec, i) => days(`/occasions/${occasion}/daysOff/${i}`, spec));
    (p?.makeUpWorkingDays ?? []).forEach((d, i) => makeUp(`/occasions/${occasion}/makeUpWorkingDays/${i}`, d));
  }
  (s.extraDaysOff ?? []).forEach((e, j) => {
    e.days.forEach((spec, i) => days(`/extraDaysOff/${j}/days/${i}`, spec));
    (e.makeUpWorkingDays ?? []).forEach((d, i) => makeUp(`/extraDaysOff/${j}/makeUpWorkingDays/${i}`, d));
  });
  return errors;
}

function validateSchedule(s: OfficialYearSchedule): void {
  const errors = scheduleErrors(s);
  if (errors.length > 0) throw new RangeError(`schedule ${s.year}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
}

/** Guards loops against runaway input (a century of days). */
const MAX_SCAN_DAYS = 36_600;

/**
 * Builds a working-day calendar. Holidays come from the Labour Code rules (lunar dates from
 * `date-chinese`, computed at UTC+7) overridden by the yearly official placements. Pure apart
 * from memoisation: per-year tables are computed on first use. Throws RangeError on a malformed
 * configuration so that a bad schedule fails at start-up, not in the middle of ingest.
 */
export function createWorkCalendar(config: WorkCalendarConfig = {}): WorkCalendar {
  const schedules = mergeSchedules(config.builtInSchedules === false ? [] : VN_OFFICIAL_SCHEDULES, config.schedules ?? []);
  for (const s of schedules.values()) validateSchedule(s);
  const deadlineMs = (config.deadlineMinutes ?? 17 * 60) * 60_000;
  if (!(deadlineMs >= 0 && deadlineMs < DAY_MS)) throw new RangeError('deadlineMinutes must be within a day');

  const planned = new Set<number>();
  const daysOff = new Map<number, HolidayDay>();
  const makeUp = new Map<number, MakeUpWorkingDay>();
  const tables = new Map<number, YearTable>();

  // A year's occasions can spill into a neighbouring Gregorian year (a swap on 31 Dec, a
  // compensation after 1 Jan), so a year's table is built from its neighbours' plans too.
  function plan(year: number): void {
    if (planned.has(year)) return;
    planned.add(year);
    const p = planYear(year, schedules.get(year));
    for (const { day, entry } of p.daysOff) if (!daysOff.has(day)) daysOff.set(day, entry);
    for (const { day, entry } of p.makeUp) makeUp.set(day, entry);
  }

  function table(year: number): YearTable {
    let t = tables.get(year);
    if (t) return t;
    plan(year - 1);
    plan(year);
    plan(year + 1);
    const start = yearStartDay(year);
    const n = yearStartDay(year + 1) - start;
    const cum = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const d = start + i;
      const working = makeUp.has(d) || (!isWeekendDay(d) && !daysOff.has(d));
      cum[i + 1] = cum[i]! + (working ? 1 : 0);
    }
    t = { start, cum };
    tables.set(year, t);
    return t;
  }

  function yearOfDay(day: number): number {
    return new Date(day * DAY_MS).getUTCFullYear();
  }

  // Consecutive calls nearly always fall in the same year: skip the Date and the map lookup then.
  let recent: YearTable | null = null;
  function tableOfDay(day: number): YearTable {
    if (recent && day >= recent.start && day < recent.start + recent.cum.length - 1) return recent;
    recent = table(yearOfDay(day));
    return recent;
  }

  function isWorkingDayNumber(day: number): boolean {
    const t = tableOfDay(day);
    const i = day - t.start;
    return t.cum[i + 1]! - t.cum[i]! === 1;
  }

  /** Working days in [from, to) of day numbers, from ≤ to. */
  function countWorking(from: number, to: number): number {
    let total = 0;
    let d = from;
    while (d < to) {
      const t = tableOfDay(d);
      const end = Math.min(to, t.start + t.cum.length - 1);
      total += t.cum[end - t.start]! - t.cum[d - t.start]!;
      d = end;
    }
    return total;
  }

  function nextWorkingDayNumber(day: number): number {
    for (let d = day, i = 0; i < MAX_SCAN_DAYS; d++, i++) if (isWorkingDayNumber(d)) return d;
    throw new RangeError('no working day within a century');
  }

  function workingMsBetween(fromMs: number, toMs: number): number {
    if (toMs < fromMs) return -workingMsBetween(toMs, fromMs);
    const d0 = dayNumberOf(fromMs);
    const d1 = dayNumberOf(toMs);
    if (d0 === d1) return isWorkingDayNumber(d0) ? toMs - fromMs : 0;
    let ms = 0;
    if (isWorkingDayNumber(d0)) ms += dayStartMs(d0 + 1) - fromMs;
    ms += countWorking(d0 + 1, d1) * DAY_MS;
    if (isWorkingDayNumber(d1)) ms += toMs - dayStartMs(d1);
    return ms;
  }

  return {
    isWorkingDay: (date) => isWorkingDayNumber(dayNumberOfDate(date)),
    isWorkingDayNumber,
    addWorkingDays(fromMs, n) {
      const count = Math.max(0, Math.ceil(n));
      if (count > MAX_SCAN_DAYS / 2) throw new RangeError(`too many working days: ${n}`);
      let d = dayNumberOf(fromMs);
      if (count === 0) {
        if (isWorkingDayNumber(d) && fromMs <= dayStartMs(d) + deadlineMs) return dayStartMs(d) + deadlineMs;
        return dayStartMs(nextWorkingDayNumber(d + 1)) + deadlineMs;
      }
      for (let k = 0; k < count;) {
        d++;
        if (isWorkingDayNumber(d)) k++;
      }
      return dayStartMs(d) + deadlineMs;
    },
    workingDaysBetween: (fromMs, toMs) => workingMsBetween(fromMs, toMs) / DAY_MS,
    workingMsBetween,
    addWorkingMs(fromMs, ms) {
      if (!(ms > 0)) return fromMs;
      let rest = ms;
      let cursor = fromMs;
      let d = dayNumberOf(fromMs);
      for (let i = 0; i < MAX_SCAN_DAYS; i++, d++) {
        if (isWorkingDayNumber(d)) {
          const available = dayStartMs(d + 1) - cursor;
          if (rest <= available) return cursor + rest;
          rest -= available;
        }
        cursor = dayStartMs(d + 1);
      }
      throw new RangeError('working time beyond a century');
    },
    nextWorkingDay: (date) => {
      return dateOfDayNumber(nextWorkingDayNumber(dayNumberOfDate(date)));
    },
    holidaysOf(year) {
      const t = table(year);
      const end = t.start + t.cum.length - 1;
      const inYear = <T>(m: Map<number, T>) =>
        [...m.entries()]
          .filter(([d]) => d >= t.start && d < end)
          .sort((a, b) => a[0] - b[0])
          .map(([, v]) => v);
      return { year, daysOff: inYear(daysOff), makeUpWorkingDays: inYear(makeUp) };
    },
  };
}

/** A calendar whose schedules can be replaced while it is in use: holders keep one reference. */
export interface SwitchableWorkCalendar extends WorkCalendar {
  /** From now on, answer with `next` (an uploaded schedule takes effect for new computations at once). */
  use(next: WorkCalendar): void;
}

/** Wraps a calendar so that a new one can be swapped in without restarting its users. */
export function switchableCalendar(initial: WorkCalendar): SwitchableWorkCalendar {
  let c = initial;
  return {
    use: (next) => {
      c = next;
    },
    isWorkingDay: (date) => c.isWorkingDay(date),
    isWorkingDayNumber: (day) => c.isWorkingDayNumber(day),
    addWorkingDays: (fromMs, n) => c.addWorkingDays(fromMs, n),
    workingDaysBetween: (fromMs, toMs) => c.workingDaysBetween(fromMs, toMs),
    workingMsBetween: (fromMs, toMs) => c.workingMsBetween(fromMs, toMs),
    addWorkingMs: (fromMs, ms) => c.addWorkingMs(fromMs, ms),
    nextWorkingDay: (date) => c.nextWorkingDay(date),
    holidaysOf: (year) => c.holidaysOf(year),
  };
}
