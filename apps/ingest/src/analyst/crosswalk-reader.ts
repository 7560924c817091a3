import {
  emptyPartial,
  layerStartAt,
  localDateOf,
  localTimeMs,
  mergePartial,
  sharesAt,
  type AreaRegistry,
  type RollupGrain,
  type RollupPartial,
  type RollupRow,
} from '@cityioc/domain';
import type { AggregationKind } from '@cityioc/contracts';

/** One old unit version feeding a unit of today, with its (population) weight. */
export interface Contributor {
  code: string;
  weight: number;
  estimated: boolean;
  /** Its children in force on the layer's date: its own figures are its row minus theirs. */
  children: string[];
}

/** A bucket's re-aggregated partial and whether it rests on a split. */
export interface WeightedPartial {
  partial: RollupPartial;
  estimated: boolean;
}

/**
 * History "as today's units" from the rollups: a bucket on or after a unit of today came into force
 * is that unit's own row; an earlier bucket is re-formed from the units in force then (old communes,
 * districts, the former provinces) through the crosswalk. Each old unit counts only its own figures
 * (its row minus its children's rows: rollups repeat a figure at every level of the tree), split by
 * its population weight (area where the population is unknown): counts, sums, numerators and
 * denominators, so a ratio stays Σnum/Σden. Maxima, minima and last values are taken over the
 * contributors (never split). A bucket resting on a split weight is estimated.
 */
export class CrosswalkReader {
  /** layer start → today's code → contributors */
  private readonly plans = new Map<string, Map<string, Contributor[]>>();

  constructor(
    private readonly registry: AreaRegistry,
    /** The date of today's tree (the live catalogue's). */
    private readonly today: string,
  ) {}

  /** Which old unit versions feed each unit of today, on the layer of `date` (cached per layer). */
  contributors(date: string): Map<string, Contributor[]> {
    const layer = layerStartAt(this.registry, date);
    const cached = this.plans.get(layer);
    if (cached) return cached;
    // a share of an old unit counts for the unit of today it went to and for that unit's ancestors (the city)
    const byTarget = new Map<string, Map<string, Contributor>>();
    for (const u of this.registry.unitsValidAt(layer)) {
      const children = this.registry.childrenAt(u.code, layer);
      for (const s of sharesAt(this.registry, u.code, layer, this.today)) {
        const weight = s.weights.population;
        if (!(weight > 0)) continue;
        for (const target of this.registry.ancestorsAt(s.code, this.today)) {
          const list = byTarget.get(target) ?? new Map<string, Contributor>();
          const c = list.get(u.code) ?? { code: u.code, weight: 0, estimated: false, children };
          c.weight += weight;
          c.estimated ||= s.estimated;
          list.set(u.code, c);
          byTarget.set(target, list);
        }
      }
    }
    const plan = new Map([...byTarget].map(([t, m]) => [t, [...m.values()]]));
    this.plans.set(layer, plan);
    return plan;
  }

  /** The local dates where the registry's layers change between `from` and `to` (epoch ms), as [start, end) pieces in ms. */
  segments(from: number, to: number): { from: number; to: number; date: string }[] {
    const out: { from: number; to: number; date: string }[] = [];
    let start = from;
    while (start < to) {
      const date = localDateOf(start);
      // the next day any unit starts or ends after `date`
      let next = Infinity;
      for (const u of this.registry.file.units) {
        if (u.validFrom > date) next = Math.min(next, localTimeMs(u.validFrom, 0));
        if (u.validTo !== null && u.validTo > date) next = Math.min(next, localTimeMs(u.validTo, 0));
      }
      const end = Math.min(to, next);
      out.push({ from: start, to: end, date });
      start = end;
    }
    return out;
  }

  /**
   * The re-aggregated buckets of `area` (a unit of today) in [from, to) before it came into force:
   * per segment of one layer, its contributors' rows read once (`read` caches them across areas).
   */
  async oldBuckets(
    area: string,
    grain: RollupGrain,
    indicator: string,
    aggregation: AggregationKind,
    from: number,
    to: number,
    read: (code: string, from: number, to: number) => Promise<RollupRow[]>,
  ): Promise<Map<number, WeightedPartial>> {
    const out = new Map<number, WeightedPartial>();
    for (const seg of this.segments(from, to)) {
      const contributors = this.contributors(seg.date).get(area) ?? [];
      for (const c of contributors) {
        const own = await this.ownRows(c, seg.from, seg.to, read);
        for (const [bucket, p] of own) {
          if (p.n <= 0 && p.den === 0 && p.num === 0) continue;
          const cur = out.get(bucket) ?? { partial: emptyPartial(), estimated: false };
          addWeighted(cur.partial, p, c.weight, aggregation);
          cur.estimated ||= c.estimated && c.weight < 1 - 1e-9;
          out.set(bucket, cur);
        }
      }
    }
    return out;
  }

  /** A unit's own figures per bucket: its row minus its children's rows (additive fields), its row's extremes. */
  private async ownRows(c: Contributor, from: number, to: number, read: (code: string, from: number, to: number) => Promise<RollupRow[]>) {
    const own = new Map<number, RollupPartial>();
    for (const r of await read(c.code, from, to)) own.set(r.bucket, mergePartial(emptyPartial(), r));
    for (const child of c.children)
      for (const r of await read(child, from, to)) {
        const p = own.get(r.bucket);
        if (!p) continue;
        p.n -= r.n;
        p.sum -= r.sum;
        p.num -= r.num;
        p.den -= r.den;
      }
    return own;
  }
}

/** Adds `w` × an own partial: additive fields scaled, extremes and the last value taken as they are. */
function addWeighted(acc: RollupPartial, p: RollupPartial, w: number, aggregation: AggregationKind): void {
  const n = Math.max(0, p.n);
  acc.n += n * w;
  acc.sum += p.sum * w;
  acc.num += p.num * w;
  acc.den += p.den * w;
  if (n > 0 || aggregation === 'ratio') {
    if (p.min !== null && (acc.min === null || p.min < acc.min)) acc.min = p.min;
    if (p.max !== null && (acc.max === null || p.max > acc.max)) acc.max = p.max;
    if (p.lastAt > acc.lastAt || (p.lastAt === acc.lastAt && p.lastId > acc.lastId)) {
      acc.lastAt = p.lastAt;
      acc.lastId = p.lastId;
      acc.lastValue = p.lastValue;
    }
  }
}
