import type { AreaRegistry, CatalogueIndex } from '@cityioc/domain';
import { localDateOf } from '@cityioc/domain';
import { httpError, type ErrorDetail } from '../plugins/errors.ts';

/** A unit of the registry that no longer exists today (an old district, a merged ward), as a scope or grant would name it. */
export interface RetiredUnit {
  /** "quận Ninh Kiều" */
  label: string;
  /** The first day it was no longer in force (null: not in force yet). */
  validTo: string | null;
  /** "31135 (phường Ninh Kiều)": the units of today that took it over. */
  successors: string[];
}
export type RetiredLookup = (code: string) => RetiredUnit | null;

/**
 * Which registry units cannot be a scope or a grant today: scopes and grants are matched against
 * today's area tree (the running catalogue), where a unit that ended on 1 July 2025 has no place,
 * so an account scoped to one would see nothing of today, and say so nowhere (an old district is
 * still a reporting unit of its old reports, but no person works for it any more). Departments are
 * not in the area registry and are never retired here.
 */
export function retiredUnits(registry: AreaRegistry, index: CatalogueIndex, clock: () => number): RetiredLookup {
  return (code) => {
    if (index.area(code)) return null;
    const versions = registry.versions(code);
    const last = versions[versions.length - 1];
    if (!last) return null;
    const today = localDateOf(clock());
    const check = registry.checkCodeAt(code, today);
    const successors = check.ok ? [] : check.reason === 'unit_not_valid_at' ? check.successors : [];
    return {
      label: `${last.type} ${last.name}`,
      validTo: check.ok || check.reason !== 'unit_not_valid_at' ? null : check.validTo,
      successors: successors.map((s) => {
        const u = registry.areaAt(s, today);
        return u ? `${s} (${u.type} ${u.name})` : s;
      }),
    };
  };
}

/** One detail per retired code of a list (`field` is the list's JSON pointer). */
export function retiredDetails(codes: readonly string[] | null, field: string, retired: RetiredLookup | undefined): ErrorDetail[] {
  if (!codes || !retired) return [];
  const out: ErrorDetail[] = [];
  codes.forEach((code, i) => {
    const r = retired(code);
    if (!r) return;
    const ended = r.validTo ? `ended on ${r.validTo}` : 'is not in force today';
    const instead = r.successors.length > 0 ? `: name the units of today that took it over: ${r.successors.join(', ')}` : ': name a unit in force today';
    out.push({ field: `${field}/${i}`, reason: 'unit_not_in_force', message: `unit '${code}' (${r.label}) ${ended}${instead}` });
  });
  return out;
}

/** 422 with every retired code named: the request is well formed, but such a scope or grant would match nothing. */
export function refuseRetired(details: ErrorDetail[], error: string): void {
  if (details.length > 0) throw httpError(422, error, details.map((d) => d.message).join('; '), details);
}
