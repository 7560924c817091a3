/**
 * Local time in Cần Thơ. Asia/Ho_Chi_Minh has been UTC+07:00 all year since 1975 (no daylight
 * saving), so a fixed offset is exact and keeps these helpers free of Intl and the host's zone.
 */
export const VN_OFFSET_MS = 7 * 3_600_000;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** RFC 3339 with the +07:00 offset, e.g. 2026-11-22T07:30:00.000+07:00. */
export function toLocalRfc3339(epochMs: number): string {
  return new Date(epochMs + VN_OFFSET_MS).toISOString().replace('Z', '+07:00');
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
  const d = new Date(epochMs + VN_OFFSET_MS);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: (epochMs + VN_OFFSET_MS - midnight) / HOUR_MS,
  };
}

/** 'YYYY-MM' of the local calendar month. */
export function localMonthKey(epochMs: number): string {
  const p = localParts(epochMs);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** Epoch ms of local midnight on the first day of the month containing `epochMs`. */
export function localMonthStart(epochMs: number): number {
  const p = localParts(epochMs);
  return Date.UTC(p.year, p.month - 1, 1) - VN_OFFSET_MS;
}

/** One-stop-shop office hours: Monday to Friday, 07:00–17:00 local. Public holidays are ignored. */
export const OFFICE_OPEN_HOUR = 7;
export const OFFICE_CLOSE_HOUR = 17;

export function isOfficeOpen(epochMs: number): boolean {
  const p = localParts(epochMs);
  return p.weekday >= 1 && p.weekday <= 5 && p.hour >= OFFICE_OPEN_HOUR && p.hour < OFFICE_CLOSE_HOUR;
}

/** Office hours (fractional) between two instants, `from` ≤ `to`. */
export function officeHoursBetween(from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  // Walk local days; a month has at most 31 of them, so this stays cheap.
  const p = localParts(from);
  for (let dayStart = Date.UTC(p.year, p.month - 1, p.day) - VN_OFFSET_MS; dayStart < to; dayStart += DAY_MS) {
    const wd = new Date(dayStart + VN_OFFSET_MS).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const open = dayStart + OFFICE_OPEN_HOUR * HOUR_MS;
    const close = dayStart + OFFICE_CLOSE_HOUR * HOUR_MS;
    const lo = Math.max(open, from);
    const hi = Math.min(close, to);
    if (hi > lo) total += (hi - lo) / HOUR_MS;
  }
  return total;
}
