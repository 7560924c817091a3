import { DAY_MS, dayNumberOf, dayStartMs, parseLocalDate, VN_UTC_OFFSET_MS } from './local-time.ts';

/**
 * Periods on the city's calendar (Asia/Ho_Chi_Minh, fixed UTC+7), the one module every part of
 * the product names, bounds, shifts and labels periods with: dossier indicators (by reception
 * date), Decree 09 reports (their cut-off windows are built on it in reporting/period.ts), history
 * rollups and the analyst's series, and the dashboard.
 *
 * Keys, as the APIs and URLs carry them:
 *   hour '2026-11-22T07'   day '2026-11-22'   month '2026-11'   quarter '2026-Q4'   half '2026-H2'
 *   nine_months '2026-9M' (January–September)   year '2026'   range '2026-03-10..2026-04-15' (whole days, inclusive)
 * Pure: no clock; instants are epoch ms.
 */
export type MonthlyKind = 'month' | 'quarter' | 'half' | 'nine_months' | 'year';
/** The kinds that tile time, so that a run of them is a series without gaps or overlaps. */
export type SeriesKind = 'hour' | 'day' | 'month' | 'quarter' | 'half' | 'year';
export type PeriodKind = 'hour' | 'day' | MonthlyKind | 'range';

export const PERIOD_KINDS: readonly PeriodKind[] = ['hour', 'day', 'month', 'quarter', 'half', 'nine_months', 'year', 'range'];
export const SERIES_KINDS: readonly SeriesKind[] = ['hour', 'day', 'month', 'quarter', 'half', 'year'];
export const MONTHLY_KINDS: readonly MonthlyKind[] = ['month', 'quarter', 'half', 'nine_months', 'year'];

export type Period =
  /** index: month 1–12, quarter 1–4, half 1–2; 1 for nine months and a year. */
  | { kind: MonthlyKind; year: number; index: number }
  /** A local day number (days since 1970-01-01 local). */
  | { kind: 'day'; day: number }
  /** A local hour number (hours since 1970-01-01T00 local). */
  | { kind: 'hour'; hour: number }
  /** Local day numbers, both inclusive, from ≤ to. */
  | { kind: 'range'; from: number; to: number };

export type PeriodCheck = { ok: true; period: Period } | { ok: false; reason: 'malformed' | 'nonexistent' | 'inverted' | 'unsupported'; message: string };

export interface Bounds {
  /** First instant, epoch ms. */
  start: number;
  /** First instant after the period, epoch ms. */
  end: number;
}

export const MIN_PERIOD_YEAR = 1000;
export const MAX_PERIOD_YEAR = 9999;
const HOUR_MS = 3_600_000;
const PER_YEAR: Record<MonthlyKind, number> = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 };
const SPAN: Record<MonthlyKind, number> = { month: 1, quarter: 3, half: 6, nine_months: 9, year: 12 };
const EXAMPLES: Record<PeriodKind, string> = {
  hour: '2026-11-22T07',
  day: '2026-11-22',
  month: '2026-11',
  quarter: '2026-Q4',
  half: '2026-H2',
  nine_months: '2026-9M',
  year: '2026',
  range: '2026-03-10..2026-04-15',
};

export function isPeriodKind(x: unknown): x is PeriodKind {
  return typeof x === 'string' && (PERIOD_KINDS as readonly string[]).includes(x);
}

export function isSeriesKind(x: unknown): x is SeriesKind {
  return typeof x === 'string' && (SERIES_KINDS as readonly string[]).includes(x);
}

/** An example key of a kind, for error messages. */
export function periodExample(kind: PeriodKind): string {
  return EXAMPLES[kind];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fail = (reason: 'malformed' | 'nonexistent' | 'inverted' | 'unsupported', message: string): PeriodCheck => ({ ok: false, reason, message });

function dayOf(y: string, m: string, d: string): number | null {
  return parseLocalDate(`${y}-${m}-${d}`);
}

function yearOk(year: number): boolean {
  return year >= MIN_PERIOD_YEAR && year <= MAX_PERIOD_YEAR;
}

/**
 * Checks a key: which period it names, or why it names none — 'malformed' (not the shape of any
 * key), 'nonexistent' ('2023-13', '2024-Q5', '2025-02-30', a year outside 1000–9999), 'inverted'
 * (a range that ends before it starts) or 'unsupported' (a real period of a kind `accept` leaves out).
 */
export function checkPeriod(key: string, accept: readonly PeriodKind[] = PERIOD_KINDS): PeriodCheck {
  const p = parseAny(key);
  if (!p.ok || accept.includes(p.period.kind)) return p;
  return fail('unsupported', `'${key}' is a ${p.period.kind} period; this accepts ${accept.map((k) => EXAMPLES[k]).join(', ')}`);
}

function parseAny(key: string): PeriodCheck {
  if (typeof key !== 'string') return fail('malformed', 'a period key is a string');
  let m = /^(\d{4})(?:-(\d{2})|-Q(\d)|-H(\d)|-(9M))?$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    if (!yearOk(year)) return fail('nonexistent', `year ${m[1]} is outside ${MIN_PERIOD_YEAR}–${MAX_PERIOD_YEAR}`);
    const monthly = (kind: MonthlyKind, index: number, label: string): PeriodCheck =>
      index >= 1 && index <= PER_YEAR[kind] ? { ok: true, period: { kind, year, index } } : fail('nonexistent', `${label} does not exist`);
    if (m[2] !== undefined) return monthly('month', Number(m[2]), `month ${m[2]}`);
    if (m[3] !== undefined) return monthly('quarter', Number(m[3]), `quarter Q${m[3]}`);
    if (m[4] !== undefined) return monthly('half', Number(m[4]), `half H${m[4]}`);
    if (m[5] !== undefined) return { ok: true, period: { kind: 'nine_months', year, index: 1 } };
    return { ok: true, period: { kind: 'year', year, index: 1 } };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}))?$/.exec(key);
  if (m) {
    if (!yearOk(Number(m[1]))) return fail('nonexistent', `year ${m[1]} is outside ${MIN_PERIOD_YEAR}–${MAX_PERIOD_YEAR}`);
    const day = dayOf(m[1]!, m[2]!, m[3]!);
    if (day === null) return fail('nonexistent', `${m[1]}-${m[2]}-${m[3]} is not a calendar date`);
    if (m[4] === undefined) return { ok: true, period: { kind: 'day', day } };
    const h = Number(m[4]);
    if (h > 23) return fail('nonexistent', `hour ${m[4]} does not exist`);
    return { ok: true, period: { kind: 'hour', hour: day * 24 + h } };
  }
  m = /^((\d{4})-(\d{2})-(\d{2}))\.\.((\d{4})-(\d{2})-(\d{2}))$/.exec(key);
  if (m) {
    const from = dayOf(m[2]!, m[3]!, m[4]!);
    const to = dayOf(m[6]!, m[7]!, m[8]!);
    if (from === null || !yearOk(Number(m[2]))) return fail('nonexistent', `${m[1]} is not a calendar date`);
    if (to === null || !yearOk(Number(m[6]))) return fail('nonexistent', `${m[5]} is not a calendar date`);
    if (to < from) return fail('inverted', `the range ends (${m[5]}) before it starts (${m[1]})`);
    return { ok: true, period: { kind: 'range', from, to } };
  }
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return fail('malformed', `'${shown}' is not a period key (${MONTHLY_KINDS.map((k) => EXAMPLES[k]).join(', ')}, a day, an hour or a range)`);
}

/** The period a key names; null for anything else. */
export function parsePeriod(key: string): Period | null {
  const c = parseAny(key);
  return c.ok ? c.period : null;
}

export function periodKindOf(key: string): PeriodKind | null {
  return parsePeriod(key)?.kind ?? null;
}

function ymdOfDayNumber(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function dayKey(day: number): string {
  const { y, m, d } = ymdOfDayNumber(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The key of a period. */
export function formatPeriod(p: Period): string {
  switch (p.kind) {
    case 'year':
      return pad(p.year, 4);
    case 'nine_months':
      return `${pad(p.year, 4)}-9M`;
    case 'half':
      return `${pad(p.year, 4)}-H${p.index}`;
    case 'quarter':
      return `${pad(p.year, 4)}-Q${p.index}`;
    case 'month':
      return `${pad(p.year, 4)}-${pad(p.index)}`;
    case 'day':
      return dayKey(p.day);
    case 'hour':
      return `${dayKey(Math.floor(p.hour / 24))}T${pad(((p.hour % 24) + 24) % 24)}`;
    case 'range':
      return `${dayKey(p.from)}..${dayKey(p.to)}`;
  }
}

/** Local year and month (1–12) of an instant. */
export function localYearMonth(t: number): { year: number; month: number } {
  const d = new Date(t + VN_UTC_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** The instant local midnight on the 1st of a month begins (months past 12 or below 1 roll over). */
export function monthStartMs(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) - VN_UTC_OFFSET_MS;
}

/** First and last calendar month (1–12) of a period of a monthly kind. */
export function monthsOf(p: { kind: MonthlyKind; index: number }): { firstMonth: number; lastMonth: number } {
  const firstMonth = p.kind === 'nine_months' || p.kind === 'year' ? 1 : (p.index - 1) * SPAN[p.kind] + 1;
  return { firstMonth, lastMonth: firstMonth + SPAN[p.kind] - 1 };
}

/** The period of `kind` holding an instant. */
export function periodAt(kind: SeriesKind, t: number): Period {
  switch (kind) {
    case 'hour':
      return { kind, hour: Math.floor((t + VN_UTC_OFFSET_MS) / HOUR_MS) };
    case 'day':
      return { kind, day: dayNumberOf(t) };
    default: {
      const { year, month } = localYearMonth(t);
      return { kind, year, index: Math.floor((month - 1) / SPAN[kind]) + 1 };
    }
  }
}

/** The key of the period of `kind` holding an instant: '2026-11-22T07', '2026-11-22', '2026-11', '2026-Q4', '2026-H2', '2026'. */
export function periodKey(kind: SeriesKind, t: number): string {
  return formatPeriod(periodAt(kind, t));
}

/** The keys of the periods of the given kinds that hold an instant. */
export function periodKeysOf(t: number, kinds: readonly SeriesKind[]): string[] {
  return kinds.map((k) => periodKey(k, t));
}

/** The period of a monthly series kind that holds a month: ('quarter', 2026, 11) → '2026-Q4'. */
export function periodOfMonth(kind: Exclude<SeriesKind, 'hour' | 'day'>, year: number, month: number): string {
  return formatPeriod({ kind, year, index: Math.floor((month - 1) / SPAN[kind]) + 1 });
}

/** Start and end instants of a period. */
export function boundsOf(p: Period): Bounds {
  switch (p.kind) {
    case 'day':
      return { start: dayStartMs(p.day), end: dayStartMs(p.day + 1) };
    case 'hour': {
      const start = p.hour * HOUR_MS - VN_UTC_OFFSET_MS;
      return { start, end: start + HOUR_MS };
    }
    case 'range':
      return { start: dayStartMs(p.from), end: dayStartMs(p.to + 1) };
    default: {
      const { firstMonth, lastMonth } = monthsOf(p);
      return { start: monthStartMs(p.year, firstMonth), end: monthStartMs(p.year, lastMonth + 1) };
    }
  }
}

/** Bounds of a key, with its kind; null when the key names no period (or not one of `kind`). */
export function periodBounds(key: string, kind?: PeriodKind): (Bounds & { kind: PeriodKind }) | null {
  const p = parsePeriod(key);
  if (!p || (kind !== undefined && p.kind !== kind)) return null;
  return { kind: p.kind, ...boundsOf(p) };
}

/** Position of a non-range period among all periods of its kind (consecutive periods differ by 1). */
function ordinal(p: Period): number {
  switch (p.kind) {
    case 'day':
      return p.day;
    case 'hour':
      return p.hour;
    case 'range':
      return Number.NaN;
    default:
      return p.year * PER_YEAR[p.kind] + p.index - 1;
  }
}

function fromOrdinal(kind: Exclude<PeriodKind, 'range'>, n: number): Period | null {
  let p: Period;
  if (kind === 'day') p = { kind, day: n };
  else if (kind === 'hour') p = { kind, hour: n };
  else p = { kind, year: Math.floor(n / PER_YEAR[kind]), index: (((n % PER_YEAR[kind]) + PER_YEAR[kind]) % PER_YEAR[kind]) + 1 };
  const start = boundsOf(p).start;
  return yearOk(localYearMonth(start).year) ? p : null;
}

/**
 * The period `steps` periods of the same kind away: ('2026-01', -1) → '2025-12'; a range moves by
 * its own length ('2026-03-01..2026-03-10', -1) → '2026-02-19..2026-02-28'. Null for a bad key or
 * a year outside 1000–9999.
 */
export function shiftPeriod(key: string, steps: number): string | null {
  const p = parsePeriod(key);
  if (!p || !Number.isInteger(steps)) return null;
  if (p.kind === 'range') {
    const len = p.to - p.from + 1;
    const q: Period = { kind: 'range', from: p.from + steps * len, to: p.to + steps * len };
    return yearOk(ymdOfDayNumber(q.from).y) && yearOk(ymdOfDayNumber(q.to).y) ? formatPeriod(q) : null;
  }
  const q = fromOrdinal(p.kind, ordinal(p) + steps);
  return q ? formatPeriod(q) : null;
}

export const previousPeriod = (key: string): string | null => shiftPeriod(key, -1);
export const nextPeriod = (key: string): string | null => shiftPeriod(key, 1);

/** The same day one year earlier; 29 February becomes 28 February. */
function dayYearEarlier(day: number): number {
  const { y, m, d } = ymdOfDayNumber(day);
  const back = Date.UTC(y - 1, m - 1, d) / DAY_MS;
  return ymdOfDayNumber(back).m === m ? back : back - 1;
}

/** The same period one year earlier: '2026-Q2' → '2025-Q2', '2024-02-29' → '2023-02-28'. */
export function samePeriodLastYear(key: string): string | null {
  const p = parsePeriod(key);
  if (!p) return null;
  let q: Period;
  if (p.kind === 'day') q = { kind: 'day', day: dayYearEarlier(p.day) };
  else if (p.kind === 'hour') q = { kind: 'hour', hour: dayYearEarlier(Math.floor(p.hour / 24)) * 24 + (p.hour % 24) };
  else if (p.kind === 'range') q = { kind: 'range', from: dayYearEarlier(p.from), to: dayYearEarlier(p.to) };
  else q = { ...p, year: p.year - 1 };
  return yearOk(localYearMonth(boundsOf(q).start).year) ? formatPeriod(q) : null;
}

/**
 * Order of two periods of any kinds: the one that ends first, and at the same end the shorter one
 * ('2024-03' < '2024-Q1' < '2024-H1'); negative when a comes first, NaN when either key is bad.
 */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return Number.NaN;
  const ba = boundsOf(pa);
  const bb = boundsOf(pb);
  return ba.end - bb.end || bb.start - ba.start;
}

/** How many periods from `from` to `to` inclusive (0 or less when inverted; 0 for bad keys, ranges or mixed kinds). */
export function countPeriods(from: string, to: string): number {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (!a || !b || a.kind !== b.kind || a.kind === 'range') return 0;
  return ordinal(b) - ordinal(a) + 1;
}

/** The keys from `from` to `to` inclusive, in order (empty when inverted or invalid). */
export function listPeriods(from: string, to: string): string[] {
  const a = parsePeriod(from);
  const n = countPeriods(from, to);
  if (!a || a.kind === 'range' || n <= 0) return [];
  const first = ordinal(a);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(formatPeriod(fromOrdinal(a.kind, first + i)!));
  return out;
}

/** The position of the period of `kind` holding `t` among the periods starting with the one holding `start`. */
export function periodIndex(kind: SeriesKind, start: number, t: number): number {
  if (kind === 'hour') return Math.floor((t - start) / HOUR_MS);
  if (kind === 'day') return dayNumberOf(t) - dayNumberOf(start);
  return ordinal(periodAt(kind, t)) - ordinal(periodAt(kind, start));
}

/** The period of `kind` holding the first instant of `key`: ('2026-11', 'quarter') → '2026-Q4'; ('2026', 'month') → '2026-01'. */
export function convertPeriod(key: string, kind: SeriesKind): string | null {
  const b = periodBounds(key);
  return b ? periodKey(kind, b.start) : null;
}

/** The periods of a monthly kind in a year, in order. */
export function periodsOfYear(kind: MonthlyKind, year: number): string[] {
  return Array.from({ length: PER_YEAR[kind] }, (_, i) => formatPeriod({ kind, year, index: i + 1 }));
}

/**
 * The months ('YYYY-MM') a period covers whole, in order, when it is made of whole months: any
 * monthly kind, or a range from the 1st of a month to the last day of a month. Null otherwise
 * (hours, days, ranges that cut a month): for data kept per month, such a period cannot be answered.
 */
export function wholeMonthsOf(key: string): string[] | null {
  const p = parsePeriod(key);
  if (!p || p.kind === 'hour' || p.kind === 'day') return null;
  const { start, end } = boundsOf(p);
  if (p.kind === 'range' && (periodBounds(periodKey('month', start))!.start !== start || periodBounds(periodKey('month', end - 1))!.end !== end)) return null;
  return listPeriods(periodKey('month', start), periodKey('month', end - 1));
}
