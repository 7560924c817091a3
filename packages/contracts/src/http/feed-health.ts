import { Type, type Static } from 'typebox';
import { ItemCountFields, LiteralUnion, Nullable, NullableNumber, ReasonFields } from '../common.ts';

/** live: seen within 2× cadence; stale: silent longer; never: nothing received since start. */
export const FeedStatusSchema = LiteralUnion(['live', 'stale', 'never']);
export type FeedStatus = Static<typeof FeedStatusSchema>;

export const FeedErrorSchema = Type.Object({
  /** epoch ms */
  at: Type.Number(),
  ...ReasonFields,
});
export type FeedError = Static<typeof FeedErrorSchema>;

/** The health of one feed (a connector and the source it stores under). */
export const FeedHealthSchema = Type.Object({
  id: Type.String(),
  /** 'mqtt', 'ngsi-ld', 'ngsi-v2' … */
  kind: Type.String(),
  /** the stored `source` of its observations */
  source: Type.String(),
  /** connectors with a connection (MQTT) say whether it is up; push-only feeds say null */
  connected: Nullable(Type.Boolean()),
  /** epoch ms of the last message or notification, null if none yet */
  lastSeen: NullableNumber,
  /** messages per minute over the last 60 s */
  ratePerMin: Type.Number(),
  /** observations stored / already stored (duplicates) / refused, since start */
  ...ItemCountFields,
  /** malformed messages and transport errors, since start */
  errors: Type.Integer(),
  /** the latest reasons, newest first (at most 10) */
  lastErrors: Type.Array(FeedErrorSchema),
  cadenceSec: Type.Integer(),
  status: FeedStatusSchema,
});
export type FeedHealth = Static<typeof FeedHealthSchema>;

export const FeedHealthResponseSchema = Type.Object({
  /** server clock, epoch ms */
  now: Type.Number(),
  feeds: Type.Array(FeedHealthSchema),
});
export type FeedHealthResponse = Static<typeof FeedHealthResponseSchema>;
