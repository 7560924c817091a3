import type { AreaLevel, AreaRegistryFile, RegistryUnit } from '@cityioc/contracts';
import { addDays, isIsoDate, overlaps, validOn } from './dates.ts';

/** Why a registry is refused at start; `rule` is machine-readable, `message` says which unit and why. */
export interface RegistryProblem {
  rule:
    | 'schema'
    | 'bad_date'
    | 'bad_interval'
    | 'version_overlap'
    | 'two_parents'
    | 'unknown_parent'
    | 'parent_not_valid'
    | 'parent_level'
    | 'unknown_source'
    | 'root_missing'
    | 'predecessor_not_valid'
    | 'predecessor_outlives'
    | 'duplicate_link'
    | 'whole_link_shared'
    | 'crosswalk_cycle'
    | 'split_underivable'
    | 'split_negative_part'
    | 'weights_sum';
  code?: string;
  message: string;
}

const LEVEL_RANK: Record<AreaLevel, number> = { province: 0, district: 1, commune: 2 };

/** `code@validFrom`: identifies one version of a unit. */
export function versionId(u: Pick<RegistryUnit, 'code' | 'validFrom'>): string {
  return `${u.code}@${u.validFrom}`;
}

export function groupVersions(units: readonly RegistryUnit[]): Map<string, RegistryUnit[]> {
  const byCode = new Map<string, RegistryUnit[]>();
  for (const u of units) {
    const list = byCode.get(u.code) ?? [];
    list.push(u);
    byCode.set(u.code, list);
  }
  for (const list of byCode.values()) list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  return byCode;
}

function versionAt(byCode: Map<string, RegistryUnit[]>, code: string, date: string): RegistryUnit | undefined {
  return byCode.get(code)?.find((v) => validOn(v, date));
}

/** Days of [from, to) not covered by the given versions; returns the first uncovered day, or null. */
function firstGap(versions: readonly RegistryUnit[], from: string, to: string | null): string | null {
  let cursor = from;
  for (const v of versions) {
    if (to !== null && cursor >= to) return null;
    if (v.validFrom > cursor) continue;
    if (v.validTo === null) return null;
    if (v.validTo > cursor) cursor = v.validTo;
  }
  return to !== null && cursor >= to ? null : cursor;
}

/**
 * Structural rules of a registry (the crosswalk's own rules, weights and cycles, are checked by
 * buildCrosswalk). Pure: returns every problem found, in file order.
 */
export function validateRegistryStructure(file: AreaRegistryFile): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const byCode = groupVersions(file.units);
  const sourceIds = new Set(file.sources.map((s) => s.id));

  for (const u of file.units) {
    for (const d of [u.validFrom, u.validTo]) {
      if (d !== null && !isIsoDate(d)) problems.push({ rule: 'bad_date', code: u.code, message: `unit ${u.code}: ${d} is not a calendar date` });
    }
    if (u.validTo !== null && u.validTo <= u.validFrom) {
      problems.push({ rule: 'bad_interval', code: u.code, message: `unit ${u.code}: validTo ${u.validTo} is not after validFrom ${u.validFrom}` });
    }
    for (const s of u.sources ?? []) {
      if (!sourceIds.has(s)) problems.push({ rule: 'unknown_source', code: u.code, message: `unit ${u.code}: source "${s}" is not in sources` });
    }
  }

  for (const [code, versions] of byCode) {
    for (let i = 0; i < versions.length; i++) {
      for (let j = i + 1; j < versions.length; j++) {
        const a = versions[i]!;
        const b = versions[j]!;
        if (!overlaps(a, b)) continue;
        const day = a.validFrom > b.validFrom ? a.validFrom : b.validFrom;
        if (a.parent !== b.parent) {
          problems.push({ rule: 'two_parents', code, message: `unit ${code} has two parents on ${day}: ${a.parent ?? 'none'} and ${b.parent ?? 'none'}` });
        } else {
          problems.push({
            rule: 'version_overlap',
            code,
            message: `unit ${code}: versions from ${a.validFrom} and from ${b.validFrom} overlap (both in force on ${day})`,
          });
        }
      }
    }
  }

  for (const u of file.units) {
    if (u.parent === null) continue;
    const parents = byCode.get(u.parent);
    if (!parents) {
      problems.push({ rule: 'unknown_parent', code: u.code, message: `unit ${u.code}: parent ${u.parent} is not in the registry` });
      continue;
    }
    const gap = firstGap(parents, u.validFrom, u.validTo);
    if (gap !== null) {
      problems.push({ rule: 'parent_not_valid', code: u.code, message: `unit ${u.code}: parent ${u.parent} does not exist on ${gap}, while ${u.code} does` });
    }
    for (const p of parents) {
      if (overlaps(p, u) && LEVEL_RANK[p.level] >= LEVEL_RANK[u.level]) {
        problems.push({ rule: 'parent_level', code: u.code, message: `unit ${u.code} (${u.level}): parent ${p.code} is a ${p.level}` });
        break;
      }
    }
  }

  if (!byCode.get(file.root)?.some((v) => v.validTo === null)) {
    problems.push({ rule: 'root_missing', code: file.root, message: `root ${file.root} has no version in force today` });
  }

  for (const s of file.units) {
    const seen = new Set<string>();
    for (const p of s.predecessors ?? []) {
      if (seen.has(p.code)) {
        problems.push({ rule: 'duplicate_link', code: s.code, message: `unit ${s.code}: predecessor ${p.code} is listed twice` });
        continue;
      }
      seen.add(p.code);
      const dayBefore = addDays(s.validFrom, -1);
      const pred = versionAt(byCode, p.code, dayBefore);
      if (!pred) {
        problems.push({
          rule: 'predecessor_not_valid',
          code: s.code,
          message: `unit ${s.code} (from ${s.validFrom}): predecessor ${p.code} did not exist on ${dayBefore}`,
        });
      } else if (pred.validTo !== s.validFrom) {
        problems.push({
          rule: 'predecessor_outlives',
          code: s.code,
          message: `unit ${s.code} (from ${s.validFrom}) absorbed ${p.code}, but ${p.code} stays in force until ${pred.validTo ?? 'today'}`,
        });
      }
    }
  }
  return problems;
}
