import { dayNumberOf, dayStartMs, periodBounds, periodKey, VN_UTC_OFFSET_MS, type WorkCalendar } from '@cityioc/domain';

/**
 * Local time in Cần Thơ. Asia/Ho_Chi_Minh has been UTC+07:00 all year since 1975 (no daylight
 * saving), so the domain's fixed offset is exact and keeps these helpers free of Intl and the host's zone.
 */

const HOUR_MS = 3_600_000;

/** RFC 3339 with the +07:00 offset, e.g. 2026-11-22T07:30:00.000+07:00. */
export function toLocalRfc3339(epochMs: number): string {
  return new Date(epochMs + VN_UTC_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Hours since local midnight, fractional. */
  hour: number;
}

export function localParts(epochMs: number): LocalParts {
  const d = new Date(epochMs + VN_UTC_OFFSET_MS);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: (epochMs + VN_UTC_OFFSET_MS - midnight) / HOUR_MS,
  };
}

/** 'YYYY-MM' of the local calendar month. */
export function localMonthKey(epochMs: number): string {
  return periodKey('month', epochMs);
}

/** Epoch ms of local midnight on the first day of the month containing `epochMs`. */
export function localMonthStart(epochMs: number): number {
  return periodBounds(periodKey('month', epochMs))!.start;
}

/** One-stop-shop office hours: 07:00–17:00 local on the working days of the calendar. */
export const OFFICE_OPEN_HOUR = 7;
export const OFFICE_CLOSE_HOUR = 17;

/** Guards the day walks below against runaway input (ten years of days). */
const MAX_SCAN_DAYS = 3660;

function officeWindow(day: number): { open: number; close: number } {
  const start = dayStartMs(day);
  return { open: start + OFFICE_OPEN_HOUR * HOUR_MS, close: start + OFFICE_CLOSE_HOUR * HOUR_MS };
}

/** Whether the one-stop shops are open at an instant: office hours of a working day (weekends and public holidays closed). */
export function isOfficeOpen(calendar: WorkCalendar, epochMs: number): boolean {
  const day = dayNumberOf(epochMs);
  const { open, close } = officeWindow(day);
  return calendar.isWorkingDayNumber(day) && epochMs >= open && epochMs < close;
}

/**
 * The instant `ms` of office time after `from`: only office hours of working days count, so the
 * result is always within office hours. `ms` = 0 moves an instant outside office hours to the
 * next opening.
 */
export function addOfficeMs(calendar: WorkCalendar, from: number, ms: number): number {
  let rest = Math.max(0, ms);
  let day = dayNumberOf(from);
  for (let i = 0; i < MAX_SCAN_DAYS; i++, day++) {
    if (!calendar.isWorkingDayNumber(day)) continue;
    const { open, close } = officeWindow(day);
    const start = Math.max(from, open);
    if (start >= close) continue;
    if (rest < close - start) return start + rest;
    rest -= close - start;
  }
  throw new RangeError('office time beyond ten years');
}

/** Office time between two instants in ms (0 when `to` ≤ `from`). */
export function officeMsBetween(calendar: WorkCalendar, from: number, to: number): number {
  let total = 0;
  const last = dayNumberOf(to);
  for (let day = dayNumberOf(from); day <= last; day++) {
    if (!calendar.isWorkingDayNumber(day)) continue;
    const { open, close } = officeWindow(day);
    const lo = Math.max(open, from);
    const hi = Math.min(close, to);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/** The month before a 'YYYY-MM' key. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
