import { countPeriods, periodBounds, periodKey, type SeriesKind } from '@cityioc/domain';
import { parseViDate } from '../format/vi-date.ts';

/**
 * Which period kinds the explorer offers for an indicator, and the custom date range of the hour
 * and day kinds. Monitoring indicators (water level, air quality, traffic, water quality) are kept
 * per hour and per day as well as per month (the rollups); dossier and reporting indicators are kept
 * per month at the finest (the server refuses an hour or a day for them: unsupported_period), so
 * the picker never offers what the API would refuse. Pure.
 */
export const MONTHLY_SERIES_KINDS: readonly SeriesKind[] = ['month', 'quarter', 'half', 'year'];
export const ALL_SERIES_KINDS: readonly SeriesKind[] = ['hour', 'day', ...MONTHLY_SERIES_KINDS];

/** The kinds an indicator of the catalogue supports (its `domain`: monitoring readings have hours and days). */
export function kindsForIndicator(indicator: { domain: string } | undefined): readonly SeriesKind[] {
  return indicator?.domain === 'monitoring' ? ALL_SERIES_KINDS : MONTHLY_SERIES_KINDS;
}

/**
 * The longest range the picker accepts, in periods of each kind: a chart stays readable and the
 * query stays well under the API's 5,000 points with 8 units compared to the previous range
 * (8 × 2 × 168 hours = 2,688; 8 × 2 × 92 days = 1,472).
 */
export const MAX_SPAN: Readonly<Record<SeriesKind, number>> = { hour: 168, day: 92, month: 60, quarter: 40, half: 20, year: 20 };
/** The same limit as a number of days, for the message of the date range (hours: 7 days). */
export const MAX_SPAN_DAYS: Readonly<Partial<Record<SeriesKind, number>>> = { hour: 7, day: 92 };

/** The kinds whose range is picked as dates (from–to, whole days) rather than as periods from a list. */
export function isDateRangeKind(kind: SeriesKind): kind is 'hour' | 'day' {
  return kind === 'hour' || kind === 'day';
}

// the vi-VN date of the range fields, shared with the other date fields
export { formatViDate, parseViDate } from '../format/vi-date.ts';

export type RangeError =
  | { code: 'fromInvalid' | 'toInvalid' }
  | { code: 'inverted' }
  | { code: 'future' }
  /** `max` periods of the kind, `days` the same as days. */
  | { code: 'tooLong'; max: number; days: number };

export type RangeCheck = { ok: true; from: string; to: string } | { ok: false; error: RangeError };

/**
 * A custom date range of the hour or day kind, as typed (vi-VN dates): both real dates, from ≤ to,
 * from not after today, at most MAX_SPAN periods. The range is whole days: hours from 00 of the
 * first day to 23 of the last, but never past the current hour or day (`now`), so the chart ends at
 * the latest data rather than in empty hours.
 */
export function checkDateRange(kind: 'hour' | 'day', fromText: string, toText: string, now: number): RangeCheck {
  const from = parseViDate(fromText);
  if (!from) return { ok: false, error: { code: 'fromInvalid' } };
  const to = parseViDate(toText);
  if (!to) return { ok: false, error: { code: 'toInvalid' } };
  if (from > to) return { ok: false, error: { code: 'inverted' } };
  const latest = periodKey(kind, now);
  const first = kind === 'hour' ? `${from}T00` : from;
  if (first > latest) return { ok: false, error: { code: 'future' } };
  const lastAsked = kind === 'hour' ? `${to}T23` : to;
  const last = lastAsked > latest ? latest : lastAsked;
  // the span asked (whole days), not the clamped one: the message speaks of the dates typed
  if (countPeriods(first, lastAsked) > MAX_SPAN[kind]) return { ok: false, error: { code: 'tooLong', max: MAX_SPAN[kind], days: MAX_SPAN_DAYS[kind]! } };
  return { ok: true, from: first, to: last };
}

/** True when a range of period keys of one kind is within the kind's limit (a URL may carry any). */
export function withinSpan(kind: SeriesKind, from: string, to: string): boolean {
  const n = countPeriods(from, to);
  return n > 0 && n <= MAX_SPAN[kind] && periodBounds(from, kind) !== null && periodBounds(to, kind) !== null;
}
