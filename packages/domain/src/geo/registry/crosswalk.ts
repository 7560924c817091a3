import type { CrosswalkWeights, RegistryUnit } from '@cityioc/contracts';
import type { AreaRegistry } from './area-registry.ts';
import { addDays, validOn } from './dates.ts';

/** The share of an old unit's figures that belongs to one unit in force on the target date. */
export interface TargetShare {
  code: string;
  weights: CrosswalkWeights;
  /** True when the share rests on a split (a split unit, or an old unit spread over several of today's units). */
  estimated: boolean;
}

type Kind = keyof CrosswalkWeights;
const KINDS: readonly Kind[] = ['area', 'population'];

/**
 * Where the version of `code` in force on `asOf` went, in units in force on `target`, with area
 * and population weights (each kind sums to 1 unless the unit was abolished without successor).
 * Communes follow the crosswalk links step by step (merge → weight 1; split → derived weights).
 * A unit without links of its own (a district, the old province) goes through its communes: its
 * figure is spread over their successors in proportion to the communes' own figures where the
 * registry has them, else to the successors' figures times the share of each successor's links
 * that came from this unit. Only forward in time: a unit that starts after `target` maps to nothing.
 */
export function sharesAt(registry: AreaRegistry, code: string, asOf: string, target: string): TargetShare[] {
  const v = registry.areaAt(code, asOf);
  return v ? versionShares(registry, v, target, new Map()) : [];
}

function versionShares(registry: AreaRegistry, v: RegistryUnit, target: string, memo: Map<string, TargetShare[]>): TargetShare[] {
  const key = `${v.code}@${v.validFrom}`;
  const cached = memo.get(key);
  if (cached) return cached;
  let out: TargetShare[];
  if (validOn(v, target)) out = [{ code: v.code, weights: { area: 1, population: 1 }, estimated: false }];
  else if (v.validFrom > target || v.validTo === null) out = [];
  else {
    const links = registry.linksFrom(v);
    if (links.length > 0) {
      const acc = new Map<string, TargetShare>();
      for (const l of links) {
        const next = registry.versions(l.toCode).find((x) => `${x.code}@${x.validFrom}` === l.to);
        if (!next) continue;
        for (const s of versionShares(registry, next, target, memo)) {
          add(acc, s.code, { area: l.weights.area * s.weights.area, population: l.weights.population * s.weights.population }, l.estimated || s.estimated);
        }
      }
      out = finish(acc);
    } else {
      out = throughChildren(registry, v, target, memo);
    }
  }
  memo.set(key, out);
  return out;
}

function throughChildren(registry: AreaRegistry, v: RegistryUnit, target: string, memo: Map<string, TargetShare[]>): TargetShare[] {
  const lastDay = addDays(v.validTo!, -1);
  const children = registry.childrenAt(v.code, lastDay).map((c) => registry.areaAt(c, lastDay)!);
  if (children.length === 0) return [];
  const childShares = children.map((c) => ({ unit: c, shares: versionShares(registry, c, target, memo) }));
  const acc = new Map<string, TargetShare>();
  for (const kind of KINDS) {
    const figures = children.map((c) => (kind === 'area' ? c.areaKm2 : c.population));
    const exact = figures.every((f) => typeof f === 'number' && f > 0);
    const raw = new Map<string, number>();
    if (exact) {
      childShares.forEach(({ shares }, i) => {
        for (const s of shares) raw.set(s.code, (raw.get(s.code) ?? 0) + s.weights[kind] * figures[i]!);
      });
    } else {
      const mass = linkMassInto(registry, children[0]!.level, lastDay, target, kind, memo);
      const fromHere = new Map<string, number>();
      for (const { shares } of childShares) for (const s of shares) fromHere.set(s.code, (fromHere.get(s.code) ?? 0) + s.weights[kind]);
      // Population weights fall back to area weights when a target lacks its population figure.
      const targets = [...fromHere.keys()].map((t) => registry.areaAt(t, target));
      const useKind: Kind = kind === 'population' && targets.some((u) => !(typeof u?.population === 'number' && u.population > 0)) ? 'area' : kind;
      for (const [t, m] of fromHere) raw.set(t, figureOf(registry.areaAt(t, target), useKind) * (m / (mass.get(t) ?? m)));
    }
    const total = [...raw.values()].reduce((s, x) => s + x, 0);
    for (const [t, x] of raw) {
      const cur = acc.get(t) ?? { code: t, weights: { area: 0, population: 0 }, estimated: false };
      cur.weights[kind] = total > 0 ? x / total : 0;
      acc.set(t, cur);
    }
  }
  const anyEstimated = childShares.some(({ shares }) => shares.some((s) => s.estimated));
  const out = finish(acc);
  return out.map((s) => ({ ...s, estimated: anyEstimated || out.length > 1 }));
}

/** For each target unit, the total link weight it receives from all units of `level` in force on `day`. */
function linkMassInto(registry: AreaRegistry, level: RegistryUnit['level'], day: string, target: string, kind: Kind, memo: Map<string, TargetShare[]>) {
  const mass = new Map<string, number>();
  for (const row of registry.unitsValidAt(day, { level })) {
    const u = registry.areaAt(row.code, day)!;
    for (const s of versionShares(registry, u, target, memo)) mass.set(s.code, (mass.get(s.code) ?? 0) + s.weights[kind]);
  }
  return mass;
}

function figureOf(u: RegistryUnit | undefined, kind: Kind): number {
  const f = kind === 'population' ? u?.population : u?.areaKm2;
  return typeof f === 'number' && f > 0 ? f : 1;
}

function add(acc: Map<string, TargetShare>, code: string, w: CrosswalkWeights, estimated: boolean) {
  const cur = acc.get(code) ?? { code, weights: { area: 0, population: 0 }, estimated: false };
  cur.weights.area += w.area;
  cur.weights.population += w.population;
  cur.estimated ||= estimated;
  acc.set(code, cur);
}

function finish(acc: Map<string, TargetShare>): TargetShare[] {
  return [...acc.values()].sort((a, b) => a.code.localeCompare(b.code));
}
