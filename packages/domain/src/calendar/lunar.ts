// The package's typings are unreachable through its exports map; this reference carries ours into every
// project that compiles this file (apps compile the domain sources), which an import cannot do for an ambient module.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./date-chinese.d.ts" />
/**
 * Vietnamese lunar dates, taken from `date-chinese` (MIT) — the calendar engine behind the
 * `date-holidays` package's VN definitions. Why this library:
 * - its CalendarVietnamese computes new moons and solar terms at UTC+7 (Vietnam's meridian since
 *   1968), so it gives Vietnam's dates in the years where they differ from China's UTC+8 calendar
 *   (Tết 1985, 2007 and 2030: Vietnam 2030-02-02, China 2030-02-03);
 * - it is maintained, widely used (about 1.6 M downloads a month through date-holidays) and pure:
 *   no clock, no I/O, no time-zone database;
 * - `date-holidays` itself was not taken: its VN rule set has no second National Day day
 *   (Labour Code 2019), no compensation days and no yearly placements, all of which we need, and
 *   it would bring moment-timezone along. `lunar-javascript` computes the Chinese calendar and
 *   gives the wrong Tết for Vietnam in 2030.
 */
import { CalendarVietnamese } from 'date-chinese';
import { dateOfDayNumber, DAY_MS, type LocalDate } from './local-time.ts';

// One instance reused: the library caches its astronomical intermediate results on it.
const calendar = new CalendarVietnamese();
const newYearCache = new Map<number, number>();
const lunarCache = new Map<string, number>();

function dayNumberOfGregorian(g: { year: number; month: number; day: number }): number {
  return Date.UTC(g.year, g.month - 1, g.day) / DAY_MS;
}

/** Day number of mùng 1 Tết (first day of the lunar year) that falls in Gregorian `year`. */
export function tetDayNumber(year: number): number {
  let day = newYearCache.get(year);
  if (day === undefined) {
    day = dayNumberOfGregorian(calendar.fromJDE(calendar.newYear(year)).toGregorian());
    newYearCache.set(year, day);
  }
  return day;
}

/** Mùng 1 Tết Nguyên đán of the lunar year that begins in Gregorian `year`, e.g. 2025 → '2025-01-29'. */
export function vietnameseNewYear(year: number): LocalDate {
  return dateOfDayNumber(tetDayNumber(year));
}

/**
 * Day number of lunar `month`/`day` (the regular, non-leap month) in the lunar year that begins
 * in Gregorian `year`. Giỗ Tổ Hùng Vương is (year, 3, 10).
 */
export function lunarDayNumber(year: number, month: number, day: number): number {
  const key = `${year}-${month}-${day}`;
  let out = lunarCache.get(key);
  if (out === undefined) {
    // Mid-year is always inside the lunar year that began in January or February of that year.
    const [cycle, cycleYear] = calendar.fromGregorian(year, 6, 1).get();
    out = dayNumberOfGregorian(new CalendarVietnamese(cycle, cycleYear, month, false, day).toGregorian());
    lunarCache.set(key, out);
  }
  return out;
}

/** Gregorian date of a lunar date (non-leap month) in the lunar year beginning in `year`. */
export function lunarToGregorian(year: number, month: number, day: number): LocalDate {
  return dateOfDayNumber(lunarDayNumber(year, month, day));
}
