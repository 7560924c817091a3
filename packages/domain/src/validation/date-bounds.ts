import type { ItemError } from '@cityioc/contracts';
import { localDateOf, localTimeMs } from '../calendar/local-time.ts';
import { parsePortalDate } from '../calendar/portal-date.ts';

/**
 * Plausibility bounds of the dates a feed sends. A reading dated 1970 or a dossier finished in
 * 9999 is a broken clock or a typo, and once stored it poisons every aggregate it touches (a
 * period "1970" in the indicators, a dossier late by two million working days). Every feed
 * checks its dates against these bounds before anything else, so `implausible_date` is the reason
 * a feed owner sees for such an item. Configured by IOC_DATE_MIN, IOC_MAX_FUTURE_SEC and
 * IOC_MAX_DUE_AHEAD_DAYS (README).
 */
export interface DateBounds {
  /** Nothing a feed reports happened before this instant (epoch ms; default 2015-01-01 00:00 +07:00). */
  minMs: number;
  /** What has happened (a reading, a status change, a fetch) may be this far ahead of the server clock: clock skew (default 5 min). */
  maxAheadMs: number;
  /** An appointment (due date) may be this far ahead of the server clock (default 3 years). */
  maxDueAheadMs: number;
}

export const DEFAULT_DATE_MIN = '2015-01-01';
export const DEFAULT_DATE_BOUNDS: DateBounds = {
  minMs: localTimeMs(DEFAULT_DATE_MIN, 0),
  maxAheadMs: 5 * 60_000,
  maxDueAheadMs: 3 * 365 * 86_400_000,
};

/** 'event': something that happened (≤ now + maxAheadMs); 'due': an appointment (≤ now + maxDueAheadMs). */
export type DateKind = 'event' | 'due';

/** The bound an instant breaks, or null when it is plausible. */
export function dateBoundBreak(ms: number, kind: DateKind, now: number, b: DateBounds): 'before_min' | 'too_far_ahead' | null {
  if (ms < b.minMs) return 'before_min';
  if (ms > now + (kind === 'due' ? b.maxDueAheadMs : b.maxAheadMs)) return 'too_far_ahead';
  return null;
}

function describe(field: string, value: string, broke: 'before_min' | 'too_far_ahead', kind: DateKind, now: number, b: DateBounds): string {
  if (broke === 'before_min') return `${field} ${value} is before ${localDateOf(b.minMs)}, the earliest date the IOC accepts (IOC_DATE_MIN)`;
  const ahead = kind === 'due' ? `${Math.round(b.maxDueAheadMs / 86_400_000)} days` : `${Math.round(b.maxAheadMs / 1000)} s`;
  return `${field} ${value} is more than ${ahead} ahead of the server clock (${localDateOf(now)})`;
}

/** The error for one date-time value (a string in any form `parsePortalDate` reads), or null when it is plausible or not a date at all (the schema says so). */
export function implausibleDate(field: string, value: unknown, kind: DateKind, now: number, b: DateBounds): ItemError | null {
  const p = parsePortalDate(value);
  if (p === null || !p.ok) return null;
  const broke = dateBoundBreak(p.ms, kind, now, b);
  if (!broke) return null;
  return { field, reason: 'implausible_date', message: describe(field.slice(1) || 'date', String(value), broke, kind, now, b) };
}

/** A date field of an item, by JSON-pointer path, and whether it is an event or an appointment. */
export interface DateField {
  path: string;
  value: unknown;
  kind: DateKind;
}

/** Every implausible date among `fields`, in order. */
export function implausibleDates(fields: readonly DateField[], now: number, b: DateBounds): ItemError[] {
  const out: ItemError[] = [];
  for (const f of fields) {
    const e = implausibleDate(f.path, f.value, f.kind, now, b);
    if (e) out.push(e);
  }
  return out;
}

/** The plausible range of a period given by its first and last instant: it must start on or after the minimum and have begun by now. */
export function implausiblePeriod(field: string, period: string, startMs: number, now: number, b: DateBounds): ItemError | null {
  if (startMs < b.minMs)
    return {
      field,
      reason: 'implausible_date',
      message: `period ${period} starts before ${localDateOf(b.minMs)}, the earliest date the IOC accepts (IOC_DATE_MIN)`,
    };
  if (startMs > now + b.maxAheadMs) return { field, reason: 'implausible_date', message: `period ${period} has not begun yet (${localDateOf(now)})` };
  return null;
}
