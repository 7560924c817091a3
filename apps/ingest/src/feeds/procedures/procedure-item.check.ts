import { ProcedureItemSchema, type ItemError, type ProcedureItem } from '@cityioc/contracts';
import {
  implausibleDates,
  localTimeMs,
  onlineLevelOf,
  procedureItemErrors,
  type AgencyIndex,
  type CatalogueIndex,
  type DateBounds,
  type DateField,
} from '@cityioc/domain';
import { compileItemCheck } from '../../pipeline/item-validator.ts';
import type { CheckedItem } from '../../procedures/reference-batch.ts';
import { isPortalProcedure, procedureFromPortal } from './procedure-portal.ts';

const checkShape = compileItemCheck<ProcedureItem>(ProcedureItemSchema as object);

export interface ProcedureCheckContext {
  agencies: AgencyIndex;
  index: CatalogueIndex;
  bounds: DateBounds;
  now: number;
}

/**
 * Catalogue dates are older than any feed's: a procedure may have been published years before the
 * IOC's first event. Before 2000 (the national TTHC inventory began with Đề án 30, QĐ 30/QĐ-TTg of
 * 10/01/2007) a date is a typing error.
 */
export const CATALOGUE_DATE_MIN = '2000-01-01';

function datesOf(item: Record<string, unknown>): DateField[] {
  const pub = typeof item.publication === 'object' && item.publication !== null ? (item.publication as Record<string, unknown>) : {};
  const d = (path: string, value: unknown, kind: 'event' | 'due'): DateField => ({ path, value, kind });
  // the publication's own dates first: a portal item's validFrom defaults to its decision date
  return [
    d('/publication/decidedOn', pub.decidedOn, 'event'),
    d('/publication/publicOn', pub.publicOn, 'event'),
    d('/publication/legalBasisEffectiveOn', pub.legalBasisEffectiveOn, 'due'),
    d('/validFrom', item.validFrom, 'due'),
  ];
}

/** The item with its fields in one order (absent ones left out), so that a resent item is recognised as unchanged whatever its key order. */
export function canonicalProcedure(p: ProcedureItem): ProcedureItem {
  const opt = <K extends keyof ProcedureItem>(k: K, v: ProcedureItem[K] | undefined) => (v === undefined ? {} : { [k]: v });
  const sorted = <T extends string>(xs: readonly T[] | undefined) => (xs === undefined ? undefined : [...xs].sort());
  return {
    code: p.code,
    name: p.name.en === undefined ? { vi: p.name.vi } : { vi: p.name.vi, en: p.name.en },
    legalTime: { value: p.legalTime.value, unit: p.legalTime.unit },
    feeBearing: p.feeBearing,
    onlineService: onlineLevelOf(p),
    validFrom: p.validFrom,
    ...opt('source', p.source),
    ...opt('illustrative', p.illustrative),
    ...opt('onlineLevels', sorted(p.onlineLevels)),
    ...opt('agencies', sorted(p.agencies)),
    ...opt('units', sorted(p.units)),
    ...opt('levels', sorted(p.levels)),
    ...opt(
      'publication',
      p.publication && {
        decision: p.publication.decision,
        decidedOn: p.publication.decidedOn,
        ...(p.publication.legalBasisEffectiveOn !== undefined ? { legalBasisEffectiveOn: p.publication.legalBasisEffectiveOn } : {}),
        ...(p.publication.publicOn !== undefined ? { publicOn: p.publication.publicOn } : {}),
      },
    ),
    ...opt('missingComponents', sorted(p.missingComponents)),
    ...opt('paperResult', p.paperResult),
    ...opt('applicants', sorted(p.applicants)),
    ...opt('certifiedCopy', p.certifiedCopy),
    ...opt('portalId', p.portalId),
    ...opt('state', p.state),
  };
}

/** The catalogue's references: agencies in the agency catalogue, units in the area catalogue. */
function referenceErrors(p: ProcedureItem, ctx: ProcedureCheckContext): ItemError[] {
  const errors: ItemError[] = [];
  (p.agencies ?? []).forEach((a, i) => {
    if (!ctx.agencies.get(a)) errors.push({ field: `/agencies/${i}`, reason: 'unknown_agency', message: `agency '${a}' is not in the agency catalogue` });
  });
  (p.units ?? []).forEach((u, i) => {
    if (!ctx.index.area(u)) errors.push({ field: `/units/${i}`, reason: 'unknown_area', message: `administrative unit '${u}' is not in the area catalogue` });
  });
  return errors;
}

/**
 * One catalogue item, in our names or the portal's: dates first (their reason wins), then the
 * portal mapping, the schema, the domain's rules, and the agencies and units it names.
 */
export function checkProcedureItem(item: unknown, ctx: ProcedureCheckContext): CheckedItem<ProcedureItem> {
  const raw = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : null;
  const claimed = raw ? (raw.code ?? raw.MaTTHC) : undefined;
  const key = typeof claimed === 'string' ? claimed : null;
  let candidate: unknown = item;
  if (raw && isPortalProcedure(raw)) {
    const mapped = procedureFromPortal(raw);
    if (!mapped.ok) return { ok: false, key, errors: mapped.errors };
    candidate = mapped.item;
  }
  if (typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate)) {
    const bounds = { ...ctx.bounds, minMs: localTimeMs(CATALOGUE_DATE_MIN, 0) };
    const implausible = implausibleDates(datesOf(candidate as Record<string, unknown>), ctx.now, bounds);
    if (implausible.length > 0) return { ok: false, key, errors: implausible };
  }
  const shape = checkShape(candidate);
  if (!shape.ok) return { ok: false, key, errors: shape.errors };
  const errors = [...procedureItemErrors(shape.value), ...referenceErrors(shape.value, ctx)];
  return errors.length > 0
    ? { ok: false, key, errors }
    : { ok: true, key: shape.value.code, validFrom: shape.value.validFrom, value: canonicalProcedure(shape.value) };
}
