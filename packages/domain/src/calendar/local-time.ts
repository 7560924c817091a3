/**
 * Local calendar arithmetic for Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving
 * since 1975, so a fixed offset is exact for every date this product will see and needs no tz
 * database. Days are handled as integer "day numbers" (local days since 1970-01-01) because the
 * deadline and indicator code runs per event and string dates would dominate its cost.
 */

/** UTC+7, fixed. */
export const VN_UTC_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** A local calendar day in Asia/Ho_Chi_Minh, written 'YYYY-MM-DD'. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local day number (days since 1970-01-01 local) of an instant. */
export function dayNumberOf(epochMs: number): number {
  return Math.floor((epochMs + VN_UTC_OFFSET_MS) / DAY_MS);
}

/** The instant local midnight begins the given day number. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - VN_UTC_OFFSET_MS;
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday, the weekly rest days of the civil service. */
export function isWeekendDay(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

/** Parses 'YYYY-MM-DD' strictly (real calendar dates only); null when it is not one. */
export function parseLocalDate(date: string): number | null {
  const m = LOCAL_DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** Day number of a 'YYYY-MM-DD' date; throws RangeError on anything else (configuration errors should be loud). */
export function dayNumberOfDate(date: LocalDate): number {
  const day = parseLocalDate(date);
  if (day === null) throw new RangeError(`not a calendar date (YYYY-MM-DD): '${date}'`);
  return day;
}

/** Day numbers of 0000-01-01 and 9999-12-31: the years written with four digits (ISO 8601's basic range). */
const FIRST_4_DIGIT_DAY = -719_528;
const LAST_4_DIGIT_DAY = 2_932_896;

/**
 * 'YYYY-MM-DD' of a day number, by integer arithmetic (the proleptic Gregorian calendar, counted
 * in 400-year eras as in H. Hinnant's `civil_from_days`): no Date object and no ISO string to cut,
 * as this runs for every reading validated. Years outside 0000–9999 go through Date, which writes
 * them with their sign and six digits (and throws RangeError past its range) as before.
 */
export function dateOfDayNumber(day: number): LocalDate {
  if (!Number.isInteger(day) || day < FIRST_4_DIGIT_DAY || day > LAST_4_DIGIT_DAY) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  const z = day + 719_468; // days since 0000-03-01 (years start in March: the leap day ends them)
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365], from 1 March
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March = 0
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The last date written by localDateOf: readings come in runs of the same day (a batch, a feed's minute). */
let lastDay = Number.NaN;
let lastDate: LocalDate = '';

/** The local calendar date of an instant (UTC+7: the day changes at 17:00 UTC). */
export function localDateOf(epochMs: number): LocalDate {
  const day = dayNumberOf(epochMs);
  if (day !== lastDay) {
    lastDate = dateOfDayNumber(day);
    lastDay = day;
  }
  return lastDate;
}

/** Gregorian year, month (1–12) and day of a day number. */
export function ymdOfDay(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day number of 1 January of a year. */
export function yearStartDay(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

/** The date `n` calendar days after `date` (negative goes back). */
export function addLocalDays(date: LocalDate, n: number): LocalDate {
  return dateOfDayNumber(dayNumberOfDate(date) + n);
}

/** The instant of a local wall-clock time on a date, e.g. (`'2025-01-24'`, 17, 0) → 17:00 +07:00. */
export function localTimeMs(date: LocalDate, hours: number, minutes = 0): number {
  return dayStartMs(dayNumberOfDate(date)) + (hours * 60 + minutes) * 60_000;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** RFC 3339 with the +07:00 offset, to the second: '2025-01-24T17:00:00+07:00'. */
export function toLocalRfc3339(epochMs: number): string {
  const d = new Date(epochMs + VN_UTC_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`
  );
}
