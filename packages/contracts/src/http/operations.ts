import { Type, type Static } from 'typebox';
import { LiteralUnion, Nullable, NullableNumber } from '../common.ts';
import { RoleSchema } from './access.ts';

/**
 * Answers of the operations and miscellaneous read routes:
 *   GET /healthz                  HealthResponse (the process answers)
 *   GET /readyz                   ReadyResponse, 200 ready / 503 starting or closing
 *   GET /api/v1/air-quality/:scope AirQualityResponse
 *   GET /api/v1/alerts/me         OperatorResponse
 */
export const HealthResponseSchema = Type.Object({ status: Type.Literal('ok') });

export const ReadyResponseSchema = Type.Object({
  /** 'unavailable': a configured backend (PostgreSQL, Redis) is unreachable; `reason` says which. */
  status: LiteralUnion(['ready', 'starting', 'unavailable']),
  reason: Type.Optional(Type.String()),
  /** Several nodes on PostgreSQL: whether this node holds the lock that makes it evaluate the alert rules. */
  alertEvaluator: Type.Optional(Type.Boolean()),
  /** 'sqlite' or 'postgres' */
  store: Type.String(),
  /** The store's identity (new when the store is created afresh). */
  epoch: Type.String(),
  /** The highest live-state version of this node (its change counter, see SnapshotSchema.version; not a log position). */
  seq: Type.Integer(),
  /** The observation log position this node's state holds everything up to (several nodes: equal once they caught up). */
  logSeq: Type.Optional(Type.Integer()),
});
export type ReadyResponse = Static<typeof ReadyResponseSchema>;

/** A VN_AQI value (Decision 1459/QĐ-TCMT) with its dominant pollutant and each pollutant's sub-index. */
export const AqiResultSchema = Type.Object({
  aqi: Type.Number(),
  dominant: Type.String(),
  subIndices: Type.Record(Type.String(), Type.Number()),
});

/** Per air station of a scope: the hourly (NowCast) and daily VN_AQI. */
export const AirQualityResponseSchema = Type.Object({
  serverTime: Type.Number(),
  stations: Type.Array(
    Type.Object({
      station: Type.String(),
      area: Type.String(),
      nowcast: Nullable(AqiResultSchema),
      daily: Nullable(AqiResultSchema),
      /** The hour the NowCast describes (epoch ms). */
      at: NullableNumber,
    }),
  ),
});

/** The operator (or administrator) who calls: the alert inbox's header. */
export const OperatorResponseSchema = Type.Object({
  name: Type.String(),
  /** The person's unit, or the units of their scope joined by ', '. */
  unit: Type.String(),
  /** Area codes of the caller's scope (a city code covers all its districts). */
  scopes: Type.Array(Type.String()),
  role: RoleSchema,
});
