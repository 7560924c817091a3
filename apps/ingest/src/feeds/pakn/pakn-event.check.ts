import { PAKN_PERSONAL_FIELDS, PaknEventSchema, type ItemError, type PaknEvent } from '@cityioc/contracts';
import {
  foldPaknFacts,
  insertPaknFact,
  paknEventFieldErrors,
  paknTransitionError,
  toPaknFact,
  type AgencyIndex,
  type CatalogueIndex,
  type DateBounds,
  type PaknFact,
  type PaknRecord,
  type ProcedureCatalogue,
} from '@cityioc/domain';
import type { ItemCheck } from '../../pipeline/ingest.service.ts';
import { checkDatedItem, compileItemCheck } from '../../pipeline/item-validator.ts';

const checkShape = compileItemCheck<PaknEvent>(PaknEventSchema as object);
const PERSONAL: ReadonlySet<string> = new Set(PAKN_PERSONAL_FIELDS);

export interface PaknCheckContext {
  index: CatalogueIndex;
  agencies: AgencyIndex;
  procedures: ProcedureCatalogue;
  bounds: DateBounds;
  now: number;
  /** The facts already stored of a PAKN (the service's), for the transition checks. */
  known: (paknId: string) => readonly PaknFact[];
  /** The feed key's grant (feeds/grant-check.ts): the event judged with the PAKN as known so far; absent when it limits nothing. */
  admit?: ((event: PaknEvent, pakn: PaknRecord | null) => ItemError | null) | null;
}

/** The citizen's personal data and the PAKN's content never get past the door: dropped before any check. */
export function dropPersonalData(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!PERSONAL.has(k)) out[k] = v;
  return out;
}

/**
 * A checker of one batch of PAKN events: personal data dropped, the date's plausibility first,
 * then the schema, the fields each step needs, the unit, agency and procedure it names (in their
 * catalogues), and the transition against what is known of the PAKN — stored events and the
 * earlier events of the same batch — so an impossible step is refused whatever order they came in.
 * A limited feed key's grant (`admit`) is judged with the PAKN as known so far, before the batch's
 * record takes the event: a refused event leaves no trace for the next ones.
 */
export function paknEventChecker(ctx: PaknCheckContext): (item: unknown) => ItemCheck<PaknEvent> {
  const batch = new Map<string, readonly PaknFact[]>();
  return (input) => {
    const item = dropPersonalData(input);
    const checked = checkDatedItem(item, checkShape, { id: 'eventId', date: 'at' }, ctx);
    if (!checked.ok) return checked;
    const { id, value: e } = checked;
    const errors: ItemError[] = paknEventFieldErrors(e);
    const atMs = Date.parse(e.at);
    if (e.adminUnitCode !== undefined && !ctx.index.area(e.adminUnitCode))
      errors.push({ field: '/adminUnitCode', reason: 'unknown_area', message: `administrative unit '${e.adminUnitCode}' is not in the area catalogue` });
    const agency = e.agencyCode === undefined ? undefined : ctx.agencies.lookup(e.agencyCode, atMs);
    if (agency && !agency.ok) errors.push({ field: '/agencyCode', reason: agency.reason, message: agency.message });
    if (e.procedureCode !== undefined && !ctx.procedures.has(e.procedureCode))
      errors.push({ field: '/procedureCode', reason: 'unknown_procedure', message: `procedure '${e.procedureCode}' is not in the procedure catalogue` });
    if (errors.length > 0) return { ok: false, id, errors };
    // the unit of a PAKN named only by its agency is the agency's, stored with the event
    const event: PaknEvent = e.adminUnitCode === undefined && agency?.ok ? { ...e, adminUnitCode: agency.agency.adminUnitCode } : e;
    const fact = toPaknFact(event);
    const facts = batch.get(e.paknId) ?? ctx.known(e.paknId);
    const record = foldPaknFacts(facts);
    // before the batch's own record of the PAKN takes the event: a refused event changes nothing
    const outside = ctx.admit?.(event, record);
    if (outside) return { ok: false, id, errors: [outside] };
    const transition = paknTransitionError(record, fact);
    if (transition) return { ok: false, id, errors: [transition] };
    batch.set(e.paknId, insertPaknFact(facts, fact));
    return { ok: true, id: e.eventId, value: event };
  };
}
