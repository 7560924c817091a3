import { Type, type Static } from 'typebox';
import { ItemCountFields, LiteralUnion, NullableString, ReasonFields } from '../common.ts';
import { AreaCodeSchema } from '../catalogue/area.ts';
import { FeedIdSchema } from '../feeds/ids.ts';

/** Largest batch accepted by POST /api/v1/observations/batch. */
export const MAX_BATCH_ITEMS = 5000;

/**
 * One observation as an integrator sends it. Either `value` (sum, avg, last, max indicators)
 * or `numerator` + `denominator` (ratio indicators). `id` makes retries idempotent.
 */
export const ObservationInputSchema = Type.Object(
  {
    id: FeedIdSchema,
    indicator: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    area: AreaCodeSchema,
    agency: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9.]+$' })),
    station: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' })),
    /** RFC 3339 with an explicit offset, e.g. 2026-11-22T07:30:00+07:00 */
    observedAt: Type.String({ format: 'date-time' }),
    value: Type.Optional(Type.Number()),
    numerator: Type.Optional(Type.Number({ minimum: 0 })),
    denominator: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type ObservationInput = Static<typeof ObservationInputSchema>;

/** An observation as stored: validated, with the server's receipt time, source and log position. */
export interface Observation {
  /** Position in the durable log, assigned at append. */
  seq: number;
  id: string;
  indicator: string;
  area: string;
  agency: string | null;
  station: string | null;
  /** epoch milliseconds */
  observedAt: number;
  /** epoch milliseconds */
  receivedAt: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The feed source, taken from the API key that sent it. */
  source: string;
}
/** An observation that passed validation but has no log position yet. */
export type NewObservation = Omit<Observation, 'seq'>;

export const ItemErrorSchema = Type.Object({
  /** JSON pointer-ish path of the field inside the item, '' for the item itself. */
  field: Type.String(),
  ...ReasonFields,
  /** unit_not_valid_at: the codes of the units in force at the data's date that absorbed the unit. */
  successors: Type.Optional(Type.Array(Type.String())),
});
export type ItemError = Static<typeof ItemErrorSchema>;

export const ItemStatusSchema = LiteralUnion(['accepted', 'duplicate', 'rejected']);
export type ItemStatus = Static<typeof ItemStatusSchema>;

export const ItemResultSchema = Type.Object({
  index: Type.Integer(),
  id: NullableString,
  status: ItemStatusSchema,
  seq: Type.Optional(Type.Integer()),
  errors: Type.Optional(Type.Array(ItemErrorSchema)),
});
export type ItemResult = Static<typeof ItemResultSchema>;

export const IngestResponseSchema = Type.Object({
  ...ItemCountFields,
  results: Type.Array(ItemResultSchema),
});
export type IngestResponse = Static<typeof IngestResponseSchema>;

export const BatchRequestSchema = Type.Object(
  { observations: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH_ITEMS }) },
  { additionalProperties: false },
);
