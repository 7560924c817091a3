import type { AgencyIndex, CatalogueIndex } from '@cityioc/domain';
import type { Principal } from '../access/principal.ts';

/** Who acts on a directive or reads a PAKN view, as the services name and scope them. */
export interface Operator {
  name: string;
  /** The unit they speak for (a service token's unit, else the person's name). */
  unit: string;
  /** Area and agency codes of their scope. */
  scopes: readonly string[];
}

/** The caller as an acting operator (issuing, reporting, deciding): always named, scoped as their principal. */
export function actorOf(p: Principal): Operator {
  return { name: p.name, unit: p.unit ?? p.name, scopes: [...p.scopes.units, ...p.scopes.agencies] };
}

/** The caller as a reader's scope filter: null for the whole city (sees every unit), else their operator. */
export function operatorOf(p: Principal | null | undefined): Operator | null {
  return !p || p.scope.all ? null : actorOf(p);
}

/**
 * Whether an operator's scopes cover a unit: an agency of their scope, an area at or under one of
 * them, or an agency attributed to such an area.
 */
export function operatorCovers(op: Operator, unit: string, index: CatalogueIndex, agencies: AgencyIndex): boolean {
  if (op.scopes.includes(unit)) return true;
  const area = index.area(unit) ? unit : (agencies.get(unit)?.adminUnitCode ?? null);
  if (area === null) return false;
  const chain = index.ancestorsAndSelf(area);
  return op.scopes.some((s) => chain.includes(s));
}
