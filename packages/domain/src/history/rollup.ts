import type { AggregationKind, NewObservation } from '@cityioc/contracts';
import { DAY_MS, VN_UTC_OFFSET_MS } from '../calendar/local-time.ts';
import { localYearMonth, monthStartMs, type SeriesKind } from '../calendar/period.ts';

/**
 * History rollups: per (indicator, area at every level of the tree, time bucket) a mergeable
 * partial aggregate, so any aggregation kind can be answered for any period without reading the
 * raw log. Buckets are hours, days and months on the Asia/Ho_Chi_Minh calendar (fixed UTC+7);
 * quarters, halves and years are merged from months. Period keys, bounds and shifts of a series
 * come from calendar/period.ts. Pure: no clock, no I/O.
 */
export type RollupGrain = 'hour' | 'day' | 'month';
export const ROLLUP_GRAINS: readonly RollupGrain[] = ['hour', 'day', 'month'];

/** The grain a series of `kind` is read from (period keys and bounds: calendar/period.ts). */
export function grainOf(kind: SeriesKind): RollupGrain {
  return kind === 'hour' ? 'hour' : kind === 'day' ? 'day' : 'month';
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

/** The first instant of the bucket of `grain` holding `t`. */
export function bucketStart(grain: RollupGrain, t: number): number {
  switch (grain) {
    case 'hour':
      // UTC+7 is a whole number of hours: local hours start on UTC hours.
      return Math.floor(t / HOUR_MS) * HOUR_MS;
    case 'day':
      return Math.floor((t + VN_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - VN_UTC_OFFSET_MS;
    case 'month': {
      const { year, month } = localYearMonth(t);
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

// Numeric keys for the rows of one batch: per (indicator, area of the chain) a slot, and per bucket
// its hour number (every bucket starts on a UTC hour: UTC+7 is whole hours) and the grain.
const KEY_HOURS = 2 ** 31; // hour numbers in [-2^30, 2^30): ± 122,000 years around 1970
const KEY_SLOT = KEY_HOURS * 4; // 2^33 per slot; slots < 2^20 keep keys below 2^53
const MAX_SLOTS = 2 ** 20;

interface Chain {
  /** The chain as areaChain returned it. */
  chain: readonly string[];
  /** The areas of the chain (the area itself when it has none). */
  areas: readonly string[];
  /** Per area of the chain, the slot of (indicator, that area) × KEY_SLOT. */
  base: number[];
}

/**
 * The rollup rows a batch of newly stored observations adds: one per (grain, indicator, area of
 * the chain, bucket), already merged inside the batch so the store writes each key once. The chain
 * is the tree on the observation's own date (CatalogueIndex.areaChainAt): a 2024 reading of an old
 * commune rolls up to its old district and the city, a 2026 reading of a commune to the city.
 * Keys are numbers (no string built per observation), and the slots of a chain are worked out once
 * per (indicator, chain).
 */
export function rollupDeltas(
  batch: readonly Pick<NewObservation, 'id' | 'indicator' | 'area' | 'observedAt' | 'value' | 'numerator' | 'denominator'>[],
  areaChain: (area: string, observedAt: number) => readonly string[],
): RollupRow[] {
  const out = new Map<number, RollupRow>();
  /** indicator → observation area → its chains' slots */
  const chains = new Map<string, Map<string, Chain[]>>();
  /** indicator → area → slot: an area reached from several observation areas (a parent) is one series */
  const slots = new Map<string, Map<string, number>>();
  let nextSlot = 0;
  // Batches are mostly time-ordered: remember the last month's bounds instead of a Date per item.
  let monthFrom = 0;
  let monthTo = -1;
  for (const o of batch) {
    const t = o.observedAt;
    const chain = areaChain(o.area, t);
    let byArea = chains.get(o.indicator);
    if (!byArea) chains.set(o.indicator, (byArea = new Map()));
    let known = byArea.get(o.area);
    if (!known) byArea.set(o.area, (known = []));
    // an area has one chain per validity interval of the tree (usually one in a batch); the index
    // hands out the same array for a whole interval, so the identity check is the common case
    let slot = known.find((c) => c.chain === chain) ?? known.find((c) => sameAreas(c.chain, chain));
    if (!slot) {
      const areas = chain.length > 0 ? chain : [o.area];
      let own = slots.get(o.indicator);
      if (!own) slots.set(o.indicator, (own = new Map()));
      const base = areas.map((a) => {
        let n = own.get(a);
        if (n === undefined) {
          if (nextSlot >= MAX_SLOTS) throw new RangeError(`rollupDeltas: more than ${MAX_SLOTS} series in one batch`);
          own.set(a, (n = nextSlot++));
        }
        return n * KEY_SLOT;
      });
      slot = { chain, areas, base };
      known.push(slot);
    }
    if (t < monthFrom || t >= monthTo) {
      monthFrom = bucketStart('month', t);
      const { year, month } = localYearMonth(monthFrom);
      monthTo = monthStartMs(year, month + 1);
    }
    for (let g = 0; g < 3; g++) {
      const bucket = g === 0 ? Math.floor(t / HOUR_MS) * HOUR_MS : g === 1 ? bucketStart('day', t) : monthFrom;
      const k = (bucket / HOUR_MS + KEY_HOURS / 2) * 4 + g;
      const { areas, base } = slot;
      for (let a = 0; a < areas.length; a++) {
        const key = base[a]! + k;
        let row = out.get(key);
        if (!row) {
          // the fields of emptyPartial(), written out: one object shape, no spread per row
          row = {
            grain: ROLLUP_GRAINS[g]!,
            indicator: o.indicator,
            area: areas[a]!,
            bucket,
            n: 0,
            sum: 0,
            min: null,
            max: null,
            num: 0,
            den: 0,
            lastValue: null,
            lastAt: -Infinity,
            lastId: '',
          };
          out.set(key, row);
        }
        addObservation(row, o);
      }
    }
  }
  return [...out.values()];
}

function sameAreas(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
