import type { AreaRegistryFile, CrosswalkWeights, PredecessorRef, RegistryUnit } from '@cityioc/contracts';
import { addDays, validOn } from './dates.ts';
import { groupVersions, versionId, type RegistryProblem } from './registry-validate.ts';

/** One old → new link with its weights (each kind sums to 1 over the old version's links). */
export interface CrosswalkLink {
  from: string;
  to: string;
  fromCode: string;
  toCode: string;
  whole: boolean;
  weights: CrosswalkWeights;
  /** The weights rest on an estimate (every part of a split is estimated). */
  estimated: boolean;
  basis: string;
}

type Kind = keyof CrosswalkWeights;
const KINDS: readonly Kind[] = ['area', 'population'];
const FIGURE: Record<Kind, (u: RegistryUnit) => number | null | undefined> = {
  area: (u) => u.areaKm2,
  population: (u) => u.population,
};
const EPS = 1e-6;

interface RawLink {
  from: RegistryUnit;
  to: RegistryUnit;
  ref: PredecessorRef;
}

/**
 * Resolves every predecessor reference to a version, gives whole links weight 1, and derives the
 * weights of split units from the published figures: the part of a split unit that went into a
 * successor is the successor's total minus its whole predecessors (or the published part, when a
 * resolution gives it). Checks that each old version's weights sum to 1 per kind and that the
 * links have no cycle. Problems already reported by the structure check (unknown predecessors) are
 * skipped here.
 */
export function buildCrosswalkLinks(file: AreaRegistryFile): { links: CrosswalkLink[]; problems: RegistryProblem[] } {
  const byCode = groupVersions(file.units);
  const problems: RegistryProblem[] = [];
  const raw: RawLink[] = [];
  for (const to of file.units) {
    const dayBefore = addDays(to.validFrom, -1);
    for (const ref of to.predecessors ?? []) {
      const from = byCode.get(ref.code)?.find((v) => validOn(v, dayBefore));
      if (from) raw.push({ from, to, ref });
    }
  }
  const outgoing = new Map<string, RawLink[]>();
  for (const l of raw) {
    const key = versionId(l.from);
    const list = outgoing.get(key) ?? [];
    list.push(l);
    outgoing.set(key, list);
  }

  const links: CrosswalkLink[] = [];
  for (const [key, list] of outgoing) {
    const code = list[0]!.from.code;
    const wholes = list.filter((l) => l.ref.whole);
    if (wholes.length > 0 && list.length > 1) {
      problems.push({
        rule: 'whole_link_shared',
        code,
        message: `unit ${key} is absorbed whole by ${wholes.map((l) => l.to.code).join(', ')} but also linked to ${list
          .filter((l) => l !== wholes[0])
          .map((l) => l.to.code)
          .join(', ')}`,
      });
      continue;
    }
    if (wholes.length === 1) {
      const l = wholes[0]!;
      links.push({
        from: key,
        to: versionId(l.to),
        fromCode: code,
        toCode: l.to.code,
        whole: true,
        weights: l.ref.weights ?? { area: 1, population: 1 },
        estimated: l.ref.estimated ?? false,
        basis: l.ref.basis ?? 'whole unit',
      });
      continue;
    }
    const split = splitWeights(list, byCode, problems);
    if (split) links.push(...split);
  }

  for (const [key, list] of groupRegistryLinks(links, (l) => l.from)) {
    for (const kind of KINDS) {
      const sum = list.reduce((s, l) => s + l.weights[kind], 0);
      if (Math.abs(sum - 1) > EPS) {
        problems.push({
          rule: 'weights_sum',
          code: list[0]!.fromCode,
          message: `unit ${key}: ${kind} weights sum to ${round(sum)}, not 1 (${list.map((l) => `${l.toCode}: ${round(l.weights[kind])}`).join(', ')})`,
        });
      }
    }
  }
  const cycle = findCycle(links);
  if (cycle) problems.push({ rule: 'crosswalk_cycle', code: cycle[0]!.split('@')[0], message: `crosswalk cycle: ${cycle.join(' → ')}` });
  return { links, problems };
}

function splitWeights(list: RawLink[], byCode: Map<string, RegistryUnit[]>, problems: RegistryProblem[]): CrosswalkLink[] | null {
  const from = list[0]!.from;
  const key = versionId(from);
  const explicit = list.filter((l) => l.ref.weights);
  if (explicit.length === list.length) {
    return list.map((l) => toLink(l, l.ref.weights!, l.ref.estimated ?? true, l.ref.basis ?? 'weights given in the registry'));
  }
  if (explicit.length > 0) {
    problems.push({ rule: 'split_underivable', code: from.code, message: `unit ${key}: weights are given for some parts only; give all or none` });
    return null;
  }
  const parts = new Map<RawLink, CrosswalkWeights>(list.map((l) => [l, { area: 0, population: 0 }]));
  for (const kind of KINDS) {
    const known = new Map<RawLink, number>();
    const missing: string[] = [];
    for (const l of list) {
      const part = partFigure(l, kind, byCode);
      if (typeof part === 'number') known.set(l, part);
      else missing.push(`${l.to.code}: ${part.why}`);
    }
    // One part unknown and the old unit's own total known: that part is the remainder.
    const total = FIGURE[kind](from);
    if (missing.length === 1 && typeof total === 'number') {
      const rest = list.find((l) => !known.has(l))!;
      known.set(rest, total - [...known.values()].reduce((s, x) => s + x, 0));
      missing.length = 0;
    }
    if (missing.length > 0) {
      problems.push({ rule: 'split_underivable', code: from.code, message: `unit ${key}: cannot derive ${kind} weights of the split (${missing.join('; ')})` });
      return null;
    }
    const negative = [...known].find(([, v]) => !(v > 0));
    if (negative) {
      problems.push({
        rule: 'split_negative_part',
        code: from.code,
        message: `unit ${key}: the ${kind} part that went to ${negative[0].to.code} comes out as ${round(negative[1])}; the figures contradict each other`,
      });
      return null;
    }
    const sum = [...known.values()].reduce((s, x) => s + x, 0);
    for (const [l, v] of known) parts.get(l)![kind] = v / sum;
  }
  return list.map((l) => toLink(l, parts.get(l)!, true, l.ref.basis ?? 'derived: successor total minus its whole predecessors, or the published part'));
}

/** The figure of the part of `l.from` that went to `l.to`, or why it cannot be known. */
function partFigure(l: RawLink, kind: Kind, byCode: Map<string, RegistryUnit[]>): number | { why: string } {
  const published = kind === 'area' ? l.ref.published?.areaKm2 : l.ref.published?.population;
  if (typeof published === 'number') return published;
  const total = FIGURE[kind](l.to);
  if (typeof total !== 'number') return { why: `${kind} of ${l.to.code} unknown` };
  const dayBefore = addDays(l.to.validFrom, -1);
  let rest = total;
  for (const p of l.to.predecessors ?? []) {
    if (p.code === l.from.code) continue;
    if (!p.whole) {
      const other = kind === 'area' ? p.published?.areaKm2 : p.published?.population;
      if (typeof other !== 'number') return { why: `${l.to.code} has another split predecessor ${p.code}` };
      rest -= other;
      continue;
    }
    const v = byCode.get(p.code)?.find((x) => validOn(x, dayBefore));
    const fig = v ? FIGURE[kind](v) : undefined;
    if (typeof fig !== 'number') return { why: `${kind} of predecessor ${p.code} unknown` };
    rest -= fig;
  }
  return rest;
}

function toLink(l: RawLink, weights: CrosswalkWeights, estimated: boolean, basis: string): CrosswalkLink {
  return { from: versionId(l.from), to: versionId(l.to), fromCode: l.from.code, toCode: l.to.code, whole: l.ref.whole, weights, estimated, basis };
}

/** A cycle in the links (as version ids), or null. The date rules already make one impossible in a loaded file; kept as a guard. */
export function findCycle(links: readonly CrosswalkLink[]): string[] | null {
  const next = groupRegistryLinks(links, (l) => l.from);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (v: string): string[] | null => {
    if (state.get(v) === 'done') return null;
    if (state.get(v) === 'open') return [...path.slice(path.indexOf(v)), v];
    state.set(v, 'open');
    path.push(v);
    for (const l of next.get(v) ?? []) {
      const c = visit(l.to);
      if (c) return c;
    }
    path.pop();
    state.set(v, 'done');
    return null;
  };
  for (const v of next.keys()) {
    const c = visit(v);
    if (c) return c;
  }
  return null;
}

export function groupRegistryLinks<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k) ?? [];
    list.push(x);
    m.set(k, list);
  }
  return m;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
