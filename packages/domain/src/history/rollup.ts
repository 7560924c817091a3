import type { AggregationKind, NewObservation } from '@cityioc/contracts';
import { DAY_MS, VN_UTC_OFFSET_MS } from '../calendar/local-time.ts';

/**
 * History rollups: per (indicator, area at every level of the tree, time bucket) a mergeable
 * partial aggregate, so any aggregation kind can be answered for any period without reading the
 * raw log. Buckets are hours, days and months on the Asia/Ho_Chi_Minh calendar (fixed UTC+7);
 * quarters, halves and years are merged from months. Pure: no clock, no I/O.
 */
export type RollupGrain = 'hour' | 'day' | 'month';
export const ROLLUP_GRAINS: readonly RollupGrain[] = ['hour', 'day', 'month'];

/** The period kinds a history query may ask for. */
export type SeriesKind = 'hour' | 'day' | 'month' | 'quarter' | 'half' | 'year';
export const SERIES_KINDS: readonly SeriesKind[] = ['hour', 'day', 'month', 'quarter', 'half', 'year'];

export function isSeriesKind(x: unknown): x is SeriesKind {
  return typeof x === 'string' && (SERIES_KINDS as readonly string[]).includes(x);
}

/** Mergeable partial aggregate. min/max/last are null while no value was seen. */
export interface RollupPartial {
  /** observations */
  n: number;
  /** Σ value over observations that have a value */
  sum: number;
  min: number | null;
  max: number | null;
  num: number;
  den: number;
  lastValue: number | null;
  /** epoch ms of the newest observation (ties: the greater id); -Infinity when empty */
  lastAt: number;
  lastId: string;
}

export interface RollupRow extends RollupPartial {
  grain: RollupGrain;
  indicator: string;
  area: string;
  /** epoch ms of the bucket's first instant */
  bucket: number;
}

const HOUR_MS = 3_600_000;

export function emptyPartial(): RollupPartial {
  return { n: 0, sum: 0, min: null, max: null, num: 0, den: 0, lastValue: null, lastAt: -Infinity, lastId: '' };
}

function localYm(t: number): { year: number; month: number } {
  const d = new Date(t + VN_UTC_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** The instant local midnight on the 1st of a month begins (months past 12 roll over). */
export function monthStartMs(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) - VN_UTC_OFFSET_MS;
}

/** The first instant of the bucket of `grain` holding `t`. */
export function bucketStart(grain: RollupGrain, t: number): number {
  switch (grain) {
    case 'hour':
      // UTC+7 is a whole number of hours: local hours start on UTC hours.
      return Math.floor(t / HOUR_MS) * HOUR_MS;
    case 'day':
      return Math.floor((t + VN_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - VN_UTC_OFFSET_MS;
    case 'month': {
      const { year, month } = localYm(t);
      return monthStartMs(year, month);
    }
  }
}

function newer(aAt: number, aId: string, bAt: number, bId: string): boolean {
  return aAt > bAt || (aAt === bAt && aId > bId);
}

/** Adds one observation to a partial (in place). */
export function addObservation(p: RollupPartial, o: Pick<NewObservation, 'id' | 'observedAt' | 'value' | 'numerator' | 'denominator'>): void {
  p.n++;
  if (o.value !== null) {
    p.sum += o.value;
    if (p.min === null || o.value < p.min) p.min = o.value;
    if (p.max === null || o.value > p.max) p.max = o.value;
  }
  if (o.numerator !== null) p.num += o.numerator;
  if (o.denominator !== null) p.den += o.denominator;
  if (newer(o.observedAt, o.id, p.lastAt, p.lastId)) {
    p.lastAt = o.observedAt;
    p.lastId = o.id;
    p.lastValue = o.value;
  }
}

/** Merges b into a (in place); order-independent, so partials merge in any grouping. */
export function mergePartial(a: RollupPartial, b: RollupPartial): RollupPartial {
  a.n += b.n;
  a.sum += b.sum;
  if (b.min !== null && (a.min === null || b.min < a.min)) a.min = b.min;
  if (b.max !== null && (a.max === null || b.max > a.max)) a.max = b.max;
  a.num += b.num;
  a.den += b.den;
  if (newer(b.lastAt, b.lastId, a.lastAt, a.lastId)) {
    a.lastAt = b.lastAt;
    a.lastId = b.lastId;
    a.lastValue = b.lastValue;
  }
  return a;
}

/**
 * The rollup rows a batch of newly stored observations adds: one per (grain, indicator, area of
 * the chain, bucket), already merged inside the batch so the store writes each key once.
 */
export function rollupDeltas(
  batch: readonly Pick<NewObservation, 'id' | 'indicator' | 'area' | 'observedAt' | 'value' | 'numerator' | 'denominator'>[],
  areaChain: (area: string) => readonly string[],
): RollupRow[] {
  const out = new Map<string, RollupRow>();
  // Batches are mostly time-ordered: remember the last month's bounds instead of a Date per item.
  let monthFrom = 0;
  let monthTo = -1;
  for (const o of batch) {
    const chain = areaChain(o.area);
    const areas = chain.length > 0 ? chain : [o.area];
    if (o.observedAt < monthFrom || o.observedAt >= monthTo) {
      monthFrom = bucketStart('month', o.observedAt);
      const { year, month } = localYm(monthFrom);
      monthTo = monthStartMs(year, month + 1);
    }
    for (const grain of ROLLUP_GRAINS) {
      const bucket = grain === 'month' ? monthFrom : bucketStart(grain, o.observedAt);
      for (const area of areas) {
        const key = `${grain}|${o.indicator}|${area}|${bucket}`;
        let row = out.get(key);
        if (!row) out.set(key, (row = { grain, indicator: o.indicator, area, bucket, ...emptyPartial() }));
        addObservation(row, o);
      }
    }
  }
  return [...out.values()];
}

/** The value of a partial under an indicator's aggregation. */
export function partialValue(kind: AggregationKind, p: RollupPartial): number | null {
  if (p.n === 0) return null;
  switch (kind) {
    case 'sum':
      return round(p.sum);
    case 'avg':
      return round(p.sum / p.n);
    case 'ratio':
      return p.den > 0 ? p.num / p.den : null;
    case 'max':
      return p.max;
    case 'last':
      return p.lastValue;
  }
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

// ── period keys of every series kind ────────────────────────────────────────────────────────

const KEY_RE: Record<SeriesKind, RegExp> = {
  hour: /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3])$/,
  day: /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  half: /^(\d{4})-H([12])$/,
  year: /^(\d{4})$/,
};
const MONTHS_PER: Record<'month' | 'quarter' | 'half' | 'year', number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** The grain a series of `kind` is read from. */
export function grainOf(kind: SeriesKind): RollupGrain {
  return kind === 'hour' ? 'hour' : kind === 'day' ? 'day' : 'month';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The key of the period of `kind` holding `t`: '2026-11-22T07', '2026-11-22', '2026-11', '2026-Q4', '2026-H2', '2026'. */
export function seriesKey(kind: SeriesKind, t: number): string {
  const d = new Date(t + VN_UTC_OFFSET_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  switch (kind) {
    case 'hour':
      return `${year}-${pad(month)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}`;
    case 'day':
      return `${year}-${pad(month)}-${pad(d.getUTCDate())}`;
    case 'month':
      return `${year}-${pad(month)}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'half':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'year':
      return String(year);
  }
}

/** Bounds [start, end) of a period key of `kind`; null when malformed or not a real date. */
export function seriesBounds(kind: SeriesKind, key: string): { start: number; end: number } | null {
  const m = KEY_RE[kind].exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (kind === 'hour' || kind === 'day') {
    const month = Number(m[2]);
    const day = Number(m[3]);
    const utc = Date.UTC(year, month - 1, day);
    const check = new Date(utc);
    if (check.getUTCMonth() !== month - 1) return null;
    const dayStart = utc - VN_UTC_OFFSET_MS;
    if (kind === 'day') return { start: dayStart, end: dayStart + DAY_MS };
    const start = dayStart + Number(m[4]) * HOUR_MS;
    return { start, end: start + HOUR_MS };
  }
  const index = kind === 'year' ? 1 : Number(m[2]);
  const per = MONTHS_PER[kind];
  const first = (index - 1) * per + 1;
  return { start: monthStartMs(year, first), end: monthStartMs(year, first + per) };
}

/** The key `steps` periods away. */
export function shiftSeriesKey(kind: SeriesKind, key: string, steps: number): string | null {
  const b = seriesBounds(kind, key);
  if (!b) return null;
  if (kind === 'hour') return seriesKey(kind, b.start + steps * HOUR_MS);
  if (kind === 'day') return seriesKey(kind, b.start + steps * DAY_MS);
  const { year, month } = localYm(b.start);
  return seriesKey(kind, monthStartMs(year, month + steps * MONTHS_PER[kind]));
}

/** Number of periods from `from` to `to` inclusive (0 or less when inverted), without listing them. */
export function countPeriods(kind: SeriesKind, from: string, to: string): number {
  const a = seriesBounds(kind, from);
  const b = seriesBounds(kind, to);
  if (!a || !b) return 0;
  if (kind === 'hour') return Math.round((b.start - a.start) / HOUR_MS) + 1;
  if (kind === 'day') return Math.round((b.start - a.start) / DAY_MS) + 1;
  const ma = localYm(a.start);
  const mb = localYm(b.start);
  return Math.floor((mb.year * 12 + mb.month - (ma.year * 12 + ma.month)) / MONTHS_PER[kind]) + 1;
}

/** The keys from `from` to `to` inclusive. */
export function listPeriods(kind: SeriesKind, from: string, to: string): string[] {
  const n = countPeriods(kind, from, to);
  const out: string[] = [];
  if (n <= 0) return out;
  if (kind === 'hour' || kind === 'day') {
    const start = seriesBounds(kind, from)!.start;
    const step = kind === 'hour' ? HOUR_MS : DAY_MS;
    for (let i = 0; i < n; i++) out.push(seriesKey(kind, start + i * step));
    return out;
  }
  for (let i = 0; i < n; i++) out.push(shiftSeriesKey(kind, from, i)!);
  return out;
}

/**
 * The position of a bucket's period among the periods starting at `start` (the first instant of
 * the range): plain arithmetic for hours and days, the calendar for months and longer.
 */
export function periodIndex(kind: SeriesKind, start: number, bucket: number): number {
  if (kind === 'hour') return Math.floor((bucket - start) / HOUR_MS);
  if (kind === 'day') return Math.floor((bucket - start) / DAY_MS);
  const a = localYm(start);
  const b = localYm(bucket);
  const per = MONTHS_PER[kind];
  return Math.floor((b.year * 12 + b.month - (a.year * 12 + a.month)) / per);
}
