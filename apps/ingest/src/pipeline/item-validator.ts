import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { ObservationInputSchema, type ItemError, type ObservationInput } from '@cityioc/contracts';

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
