import type { AgencyIndex, ScopeFilter } from '@cityioc/domain';
import type { Principal } from '../access/principal.ts';

/** Who acts on a directive or reads a PAKN view, as the services name and scope them. */
export interface Operator {
  name: string;
  /** The unit they speak for (a service token's unit, else the person's name). */
  unit: string;
  /** Whether their scope covers a unit (an area or an agency): see `scopeCoversUnit`. */
  covers(unit: string): boolean;
}

/**
 * The caller's scope (`principal.scope`, the one scope filter) applied to a unit that may be an
 * area or an agency: an area at or under one of their units, an agency of their scope, or an
 * agency attributed to an area they cover.
 */
export function scopeCoversUnit(scope: ScopeFilter, unit: string, agencies: AgencyIndex): boolean {
  if (scope.unit(unit) || scope.agency(unit)) return true;
  const area = agencies.get(unit)?.adminUnitCode;
  return area !== undefined && area !== null && scope.area(area);
}

/** The caller as an acting operator (issuing, reporting, deciding): always named, scoped as their principal. */
export function actorOf(p: Principal, agencies: AgencyIndex): Operator {
  return { name: p.name, unit: p.unit ?? p.name, covers: (unit) => scopeCoversUnit(p.scope, unit, agencies) };
}

/** The caller as a reader's scope filter: null for the whole city (sees every unit), else their operator. */
export function operatorOf(p: Principal | null | undefined, agencies: AgencyIndex): Operator | null {
  return !p || p.scope.all ? null : actorOf(p, agencies);
}
