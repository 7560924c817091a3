import { DossierRatingSchema, type DossierRating, type ItemError } from '@cityioc/contracts';
import { type AgencyIndex, type CatalogueIndex, type DateBounds, type ProcedureCatalogue } from '@cityioc/domain';
import type { ItemCheck } from '../../pipeline/ingest.service.ts';
import { checkDatedItem, compileItemCheck } from '../../pipeline/item-validator.ts';

const checkShape = compileItemCheck<DossierRating>(DossierRatingSchema as object);

export interface RatingCheckContext {
  index: CatalogueIndex;
  agencies: AgencyIndex;
  procedures: ProcedureCatalogue;
  bounds: DateBounds;
  now: number;
}

/** One rating: the date's plausibility first, then the schema, then the unit, agency and procedure it names. */
export function checkRating(item: unknown, ctx: RatingCheckContext): ItemCheck<DossierRating> {
  const checked = checkDatedItem(item, checkShape, { id: 'ratingId', date: 'ratedAt' }, ctx);
  if (!checked.ok) return checked;
  const { id, value: r } = checked;
  const errors: ItemError[] = [];
  if (r.adminUnitCode !== undefined && !ctx.index.area(r.adminUnitCode))
    errors.push({ field: '/adminUnitCode', reason: 'unknown_area', message: `administrative unit '${r.adminUnitCode}' is not in the area catalogue` });
  if (r.agencyCode !== undefined) {
    const a = ctx.agencies.lookup(r.agencyCode, Date.parse(r.ratedAt));
    if (!a.ok) errors.push({ field: '/agencyCode', reason: a.reason, message: a.message });
  }
  if (r.procedureCode !== undefined && !ctx.procedures.has(r.procedureCode))
    errors.push({ field: '/procedureCode', reason: 'unknown_procedure', message: `procedure '${r.procedureCode}' is not in the procedure catalogue` });
  return errors.length > 0 ? { ok: false, id, errors } : { ok: true, id: r.ratingId, value: r };
}
