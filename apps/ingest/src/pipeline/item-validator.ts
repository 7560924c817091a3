import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { ObservationInputSchema, type ItemError, type ObservationInput } from '@cityioc/contracts';
import { implausibleDate, type DateBounds } from '@cityioc/domain';

/**
 * One compiled validator for observation items, shared by the single, batch and NDJSON routes.
 * Strict: no type coercion, no silent removal of unknown fields, every error reported.
 */
const ajv = new Ajv({ allErrors: true, coerceTypes: false, removeAdditional: false, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const check = ajv.compile<ObservationInput>(ObservationInputSchema as object);

/** Compiles another item schema with the same strict settings. */
export function compileItemCheck<T>(schema: object): (item: unknown) => { ok: true; value: T } | { ok: false; errors: ItemError[] } {
  const validate = ajv.compile<T>(schema);
  return (item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return { ok: false, errors: [{ field: '', reason: 'type', message: 'an item must be a JSON object' }] };
    return validate(item) ? { ok: true, value: item } : { ok: false, errors: (validate.errors ?? []).map(toItemError) };
  };
}

const REASON: Record<string, string> = {
  required: 'required',
  type: 'type',
  format: 'format',
  pattern: 'pattern',
  additionalProperties: 'unknown_field',
  minimum: 'range',
  maximum: 'range',
  minLength: 'length',
  maxLength: 'length',
};

function toItemError(e: ErrorObject): ItemError {
  const reason = REASON[e.keyword] ?? e.keyword;
  if (e.keyword === 'required') {
    // nested objects keep their path (/supplements/0/requestedAt), not just the property name
    const f = (e.params as { missingProperty: string }).missingProperty;
    return { field: `${e.instancePath}/${f}`, reason, message: `${f} is required` };
  }
  if (e.keyword === 'additionalProperties') {
    const f = (e.params as { additionalProperty: string }).additionalProperty;
    return { field: `${e.instancePath}/${f}`, reason, message: `${f} is not a known field${e.instancePath ? ` of ${e.instancePath.slice(1)}` : ''}` };
  }
  const field = e.instancePath;
  return { field, reason, message: `${field.slice(1) || 'item'} ${e.message ?? 'is invalid'}` };
}

export function checkItem(item: unknown): { ok: true; value: ObservationInput } | { ok: false; errors: ItemError[] } {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return { ok: false, errors: [{ field: '', reason: 'type', message: 'an observation must be a JSON object' }] };
  if (check(item)) return { ok: true, value: item };
  return { ok: false, errors: (check.errors ?? []).map(toItemError) };
}

/**
 * The first steps of a dated feed item's check (PAKN events, ratings): its id read from the raw item
 * (so a refused item is still named), the date's plausibility, then the schema. Either the refusal,
 * or the typed value with the errors list the caller's own rules add to.
 */
export function checkDatedItem<T>(
  item: unknown,
  checkShape: (item: unknown) => { ok: true; value: T } | { ok: false; errors: ItemError[] },
  fields: { id: string; date: string },
  ctx: { now: number; bounds: DateBounds },
): { ok: false; id: string | null; errors: ItemError[] } | { ok: true; id: string | null; value: T } {
  const raw = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  const id = typeof raw[fields.id] === 'string' ? (raw[fields.id] as string) : null;
  const early = implausibleDate(`/${fields.date}`, raw[fields.date], 'event', ctx.now, ctx.bounds);
  if (early) return { ok: false, id, errors: [early] };
  const shape = checkShape(item);
  return shape.ok ? { ok: true, id, value: shape.value } : { ok: false, id, errors: shape.errors };
}
