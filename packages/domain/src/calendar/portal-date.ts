/**
 * Dates as provincial one-stop systems and the national portal (DVCQG) send them. Their sync
 * payloads mostly carry 'yyyyMMddHHmmss' in local time, sometimes 'dd/MM/yyyy HH:mm:ss' or an ISO
 * date-time without a zone; only some carry an offset. A date without a zone is read as
 * Asia/Ho_Chi_Minh (UTC+7, no daylight saving) and flagged, so a feed owner can see we assumed it.
 */

import { VN_UTC_OFFSET_MS } from './local-time.ts';

export type PortalDate =
  | {
      ok: true;
      /** Epoch milliseconds. */
      ms: number;
      /** RFC 3339 in +07:00, e.g. '2025-01-24T09:30:00+07:00'. */
      rfc3339: string;
      /** No offset in the input: read as +07:00. */
      assumedZone: boolean;
      /** Only a date in the input (no time of day). */
      dateOnly: boolean;
    }
  | { ok: false; message: string };

const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;
const VN_DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** RFC 3339 of an instant, written in +07:00 (milliseconds only when not zero). */
export function formatVnRfc3339(ms: number): string {
  const d = new Date(ms + VN_UTC_OFFSET_MS);
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}+07:00`
  );
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, fracMs: number, offsetMs: number | null, dateOnly: boolean): PortalDate {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return { ok: false, message: 'date or time field out of range' };
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, fracMs);
  const check = new Date(wall);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return { ok: false, message: `${y}-${pad(mo)}-${pad(d)} is not a calendar date` };
  const ms = wall - (offsetMs ?? VN_UTC_OFFSET_MS);
  return { ok: true, ms, rfc3339: formatVnRfc3339(ms), assumedZone: offsetMs === null, dateOnly };
}

function offsetOf(z: string | undefined): number | null {
  if (z === undefined) return null;
  if (z === 'Z' || z === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z)!;
  const v = (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return m[1] === '-' ? -v : v;
}

/**
 * Parses a portal date. Accepts 'yyyyMMddHHmmss' (also as a 14-digit number), 'yyyyMMddHHmm',
 * 'yyyyMMdd', 'dd/MM/yyyy[ HH:mm[:ss]]' and ISO 8601 with or without an offset. Returns null for
 * an absent value (undefined, null or ''), which portal payloads use for "not yet".
 */
export function parsePortalDate(value: unknown): PortalDate | null {
  if (value === undefined || value === null || value === '') return null;
  let s: string;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e13 && value < 1e14) s = String(value);
  else if (typeof value === 'string') s = value.trim();
  else return { ok: false, message: 'expected a date string' };
  if (s === '') return null;

  let m = COMPACT.exec(s);
  if (m) {
    const dateOnly = m[4] === undefined;
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, null, dateOnly);
  }
  m = VN_DMY.exec(s);
  if (m) {
    const dateOnly = m[4] === undefined;
    return build(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, null, dateOnly);
  }
  m = ISO.exec(s);
  if (m) {
    const dateOnly = m[4] === undefined;
    if (dateOnly && m[8] !== undefined) return { ok: false, message: 'an offset needs a time of day' };
    const fracMs = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), fracMs, offsetOf(m[8]), dateOnly);
  }
  return { ok: false, message: `unrecognised date '${s.length > 40 ? `${s.slice(0, 40)}…` : s}'` };
}
