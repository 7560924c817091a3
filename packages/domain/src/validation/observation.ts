import type { ItemError, NewObservation, ObservationInput } from '@cityioc/contracts';
import { localDateOf } from '../calendar/local-time.ts';
import type { CatalogueIndex } from '../catalogue/catalogue-index.ts';
import type { CodeCheck } from '../geo/registry/area-registry.ts';

/**
 * The error of a unit code checked against the data's own date (every feed uses it): unknown →
 * unknown_area; no longer (or not yet) in force → unit_not_valid_at, naming the units in force at
 * that date that absorbed it (`successors`).
 */
export function areaCodeError(field: string, code: string, date: string, check: CodeCheck, what = 'area'): ItemError | null {
  if (check.ok) return null;
  if (check.reason === 'unknown_area') return { field, reason: 'unknown_area', message: `${what} '${code}' is not in the area registry` };
  const ended = check.validTo !== null && check.validTo <= date;
  const message = ended
    ? `${what} '${code}' is not in force on ${date}: it ended on ${check.validTo}${check.successors.length ? `; its successors are ${check.successors.join(', ')}` : ''}`
    : `${what} '${code}' is not in force on ${date}: it starts on ${check.validFrom}`;
  return { field, reason: 'unit_not_valid_at', message, successors: check.successors };
}

/** Observations dated further than this into the future are refused (clock skew allowance). */
export const MAX_FUTURE_MS = 5 * 60_000;

export interface ValidationContext {
  index: CatalogueIndex;
  /** Server clock, epoch ms. */
  now: number;
  /** Source id of the API key that sent the item. */
  source: string;
  /** How far ahead of `now` observedAt may be (IOC_MAX_FUTURE_SEC; default MAX_FUTURE_MS). */
  maxAheadMs?: number;
  /** The earliest plausible observedAt (IOC_DATE_MIN, epoch ms); none when absent. */
  minMs?: number;
}

/**
 * Reference checks for an item whose shape failed the schema: so that one answer names every
 * problem, unknown indicator/area/station codes are reported beside the schema errors.
 */
export function referenceErrors(item: Record<string, unknown>, index: CatalogueIndex): ItemError[] {
  const out: ItemError[] = [];
  if (typeof item.indicator === 'string' && !index.indicator(item.indicator))
    out.push({ field: '/indicator', reason: 'unknown_indicator', message: `indicator '${item.indicator}' is not in the catalogue` });
  if (typeof item.area === 'string' && !index.knowsArea(item.area))
    out.push({ field: '/area', reason: 'unknown_area', message: `area '${item.area}' is not in the area registry` });
  if (typeof item.station === 'string' && !index.station(item.station))
    out.push({ field: '/station', reason: 'unknown_station', message: `station '${item.station}' is not in the catalogue` });
  return out;
}

export type ValidationResult = { ok: true; observation: NewObservation } | { ok: false; errors: ItemError[] };

/**
 * The rules a schema cannot express: the indicator, area and station exist and agree,
 * the value has the shape the indicator's aggregation needs, and is within range.
 * `input` has already passed the JSON schema.
 */
export function validateObservation(input: ObservationInput, ctx: ValidationContext): ValidationResult {
  const errors: ItemError[] = [];
  const err = (field: string, reason: string, message: string) => errors.push({ field, reason, message });

  // an implausible date comes first and alone: whatever else the item says is about another time
  const observedAt = Date.parse(input.observedAt);
  if (Number.isNaN(observedAt)) err('/observedAt', 'format', 'observedAt is not a valid date-time');
  else if (ctx.minMs !== undefined && observedAt < ctx.minMs)
    return {
      ok: false,
      errors: [
        {
          field: '/observedAt',
          reason: 'implausible_date',
          message: `observedAt ${input.observedAt} is before the earliest date the IOC accepts (IOC_DATE_MIN)`,
        },
      ],
    };
  else if (observedAt > ctx.now + (ctx.maxAheadMs ?? MAX_FUTURE_MS))
    return {
      ok: false,
      errors: [
        {
          field: '/observedAt',
          reason: 'in_future',
          message: `observedAt is more than ${(ctx.maxAheadMs ?? MAX_FUTURE_MS) / 1000} s ahead of the server clock`,
        },
      ],
    };

  const indicator = ctx.index.indicator(input.indicator);
  if (!indicator) err('/indicator', 'unknown_indicator', `indicator '${input.indicator}' is not in the catalogue`);
  else if (indicator.derivedFrom)
    err('/indicator', 'derived_indicator', `'${indicator.id}' is computed by the IOC from the ${indicator.derivedFrom} feed; send those events instead`);
  // the unit is checked against the reading's own (local) date: old codes before a reform, today's after it
  const date = Number.isNaN(observedAt) ? null : localDateOf(observedAt);
  const areaError = date === null ? null : areaCodeError('/area', input.area, date, ctx.index.checkCodeAt(input.area, date));
  if (areaError) errors.push(areaError);
  if (input.station !== undefined) {
    const st = ctx.index.station(input.station);
    if (!st) err('/station', 'unknown_station', `station '${input.station}' is not in the catalogue`);
    else {
      const home = date === null ? st.area : (ctx.index.stationAreaAt(st.id, date) ?? st.area);
      if (!areaError && home !== input.area)
        err('/area', 'station_area_mismatch', `station '${st.id}' is in area ${home}${date ? ` on ${date}` : ''}, not ${input.area}`);
      if (indicator && !st.indicators.includes(indicator.id))
        err('/indicator', 'not_measured_by_station', `station '${st.id}' does not measure '${indicator.id}'`);
    }
  }

  if (indicator) {
    if (indicator.aggregation === 'ratio') {
      if (input.value !== undefined) err('/value', 'value_kind', `'${indicator.id}' is a ratio: send numerator and denominator, not value`);
      if (input.numerator === undefined) err('/numerator', 'required', `'${indicator.id}' is a ratio: numerator is required`);
      if (input.denominator === undefined) err('/denominator', 'required', `'${indicator.id}' is a ratio: denominator is required`);
      if (input.numerator !== undefined && input.denominator !== undefined && input.numerator > input.denominator)
        err('/numerator', 'range', `numerator ${input.numerator} exceeds denominator ${input.denominator}`);
    } else {
      if (input.numerator !== undefined || input.denominator !== undefined)
        err('/numerator', 'value_kind', `'${indicator.id}' aggregates by ${indicator.aggregation}: send value, not a ratio`);
      if (input.value === undefined) err('/value', 'required', `'${indicator.id}' needs a value`);
      else {
        if (indicator.min !== undefined && input.value < indicator.min)
          err('/value', 'range', `value ${input.value} is below the minimum ${indicator.min} ${indicator.unit}`);
        if (indicator.max !== undefined && input.value > indicator.max)
          err('/value', 'range', `value ${input.value} is above the maximum ${indicator.max} ${indicator.unit}`);
      }
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    observation: {
      id: input.id,
      indicator: input.indicator,
      area: input.area,
      agency: input.agency ?? null,
      station: input.station ?? null,
      observedAt,
      receivedAt: ctx.now,
      value: input.value ?? null,
      numerator: input.numerator ?? null,
      denominator: input.denominator ?? null,
      source: ctx.source,
    },
  };
}
