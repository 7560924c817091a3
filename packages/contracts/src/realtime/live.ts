import { Type, type Static } from 'typebox';
import { NullableString, RatioValueFields } from '../common.ts';

/**
 * One aggregated value in a scope's live view: an area's aggregate for an indicator
 * (station = null) or one station's latest reading.
 */
export const CellSchema = Type.Object({
  /** `${area}|${station ?? ''}|${indicator}` */
  key: Type.String(),
  area: Type.String(),
  station: NullableString,
  indicator: Type.String(),
  /** The aggregate; for ratio indicators numerator/denominator as a fraction (0..1), null when the denominator is 0. */
  ...RatioValueFields,
  /** Leaf series that contribute to this cell. */
  count: Type.Integer(),
  /** Newest observation time among the contributing leaves (epoch ms). */
  observedAt: Type.Number(),
  /** Id of the observation that last changed the cell. */
  eventId: Type.String(),
});
export type Cell = Static<typeof CellSchema>;

/** Every live message says which live state it comes from and the server's clock (epoch ms). */
const LiveStampFields = {
  /**
   * The node and boot the versions belong to (the store's id + a boot id): it differs between two
   * nodes of one store and after every restart, so a client that reconnects to another node, or
   * to a restarted one, sees it change and re-reads its snapshots.
   */
  epoch: Type.String(),
  serverTime: Type.Number(),
};

export const SnapshotSchema = Type.Object({
  scope: Type.String(),
  /**
   * The scope's version: the value of the serving node's change counter at the last change of one
   * of its cells (observations and derived values both advance it). Not a log position: it only
   * compares with versions of the same epoch.
   */
  version: Type.Integer(),
  ...LiveStampFields,
  tickMs: Type.Integer(),
  cells: Type.Array(CellSchema),
});
export type Snapshot = Static<typeof SnapshotSchema>;

/** Cells changed in `scope` between two versions, coalesced over one tick; values are absolute. */
export const DeltaSchema = Type.Object({
  scope: Type.String(),
  fromVersion: Type.Integer(),
  toVersion: Type.Integer(),
  ...LiveStampFields,
  changes: Type.Array(CellSchema),
});
export type Delta = Static<typeof DeltaSchema>;

export const FanoutSchema = Type.Union([Type.Literal('ok'), Type.Literal('degraded')]);
export type Fanout = Static<typeof FanoutSchema>;

export const HeartbeatSchema = Type.Object({
  ...LiveStampFields,
  /** The last log position applied to live state. */
  seq: Type.Integer(),
  tickMs: Type.Integer(),
  /**
   * The pushes that cross nodes (alerts, directives, wall pins and playlists, through Redis:
   * IOC_REDIS_URL): 'ok', or 'degraded' while this node's Redis link is down — its own values stay
   * live (every node follows the shared log), but what other nodes push does not reach its clients
   * until Redis returns; clients re-read what they hold when it turns 'ok' again. A node without
   * Redis has nothing to span: 'ok'.
   */
  fanout: FanoutSchema,
});
export type Heartbeat = Static<typeof HeartbeatSchema>;

export function cellKey(area: string, station: string | null, indicator: string): string {
  return `${area}|${station ?? ''}|${indicator}`;
}
