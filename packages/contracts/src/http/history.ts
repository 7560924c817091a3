import { Type, type Static } from 'typebox';
import { RatioValueFields } from '../common.ts';

/** GET /api/v1/history: the raw series of one indicator at one station. */
export const HistoryQuerySchema = Type.Object(
  {
    indicator: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    station: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }),
    /** RFC 3339 */
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 2000 })),
  },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuerySchema>;

export const HistoryPointSchema = Type.Object({
  /** observedAt, epoch ms */
  t: Type.Number(),
  ...RatioValueFields,
});
export type HistoryPoint = Static<typeof HistoryPointSchema>;

export const HistoryResponseSchema = Type.Object({
  indicator: Type.String(),
  station: Type.String(),
  points: Type.Array(HistoryPointSchema),
  truncated: Type.Boolean(),
});
export type HistoryResponse = Static<typeof HistoryResponseSchema>;
