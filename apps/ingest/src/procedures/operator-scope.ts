import type { AgencyIndex, CatalogueIndex } from '@cityioc/domain';
import type { Operator } from '../alerts/alert.service.ts';

/**
 * Whether an operator's scopes (area codes) cover a unit: an area at or under one of them, or an
 * agency attributed to such an area. A1's roles replace this with scoped roles; until then the
 * city's operators cover every department.
 */
export function operatorCovers(op: Operator, unit: string, index: CatalogueIndex, agencies: AgencyIndex): boolean {
  const area = index.area(unit) ? unit : (agencies.get(unit)?.adminUnitCode ?? null);
  if (area === null) return false;
  const chain = index.ancestorsAndSelf(area);
  return op.scopes.some((s) => chain.includes(s));
}
