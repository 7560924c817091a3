import type { Delta, Heartbeat } from './live.ts';
import type { AlertPush } from '../http/alerts.ts';
import type { DirectivePush } from '../http/directives.ts';
import type { WallPlaylist } from '../http/wall.ts';
import type { WallPinPush, WallScreensPush } from '../http/wall-pin.ts';

/** Bumped on any breaking change to the events below; checked at the Socket.IO handshake. */
export const PROTOCOL_VERSION = 1;

/** Sent by the client as `auth` in the Socket.IO handshake. */
export interface HandshakeAuth {
  protocol: number;
  /**
   * A bearer credential (an operator token of IOC_OPERATOR_TOKENS, or IOC_VIEWER_TOKEN). Browsers
   * leave it out: the handshake carries their session cookie.
   */
  token?: string;
  /**
   * A wall screen says which wall it belongs to (its `?wall=`, else 'main'; WALL_ID_PATTERN): the server counts each
   * wall's open screens for the leader's wall picker (GET /api/v1/wall/walls). Other pages leave it out. The
   * dashboard says it with `wallScreenV1` instead, which a page can take back when it leaves the wall.
   */
  wall?: string;
}

/** `connect_error` data when the handshake is refused. */
export interface HandshakeError {
  code: 'protocol_mismatch' | 'unauthorized';
  serverProtocol: number;
}

/**
 * The answer to subscribeV1: a client may follow only scopes inside its own (`forbidden` lists the
 * others; nothing of the request is joined then).
 */
/** `epoch` names what the versions belong to (the node and its boot, as in snapshots and deltas); absent from servers before issue 16. */
export type SubscribeAck =
  { ok: true; scopes: { scope: string; version: number }[]; epoch?: string } | { ok: false; error: string; unknown: string[]; forbidden?: string[] };

/** The answer to wallScreenV1: the wall this connection now counts as a screen of (null: none), or why not. */
export type WallScreenAck = { ok: true; wall: string | null } | { ok: false; error: string };

export interface ServerToClientEvents {
  deltaV1: (delta: Delta) => void;
  heartbeatV1: (hb: Heartbeat) => void;
  /** An alert raised or changed in a subscribed scope (added in protocol 1; older clients ignore it). */
  alertV1: (push: AlertPush) => void;
  /** A directive issued or changed, to the rooms of its responsible units, their ancestors and the city (added in protocol 1; older clients ignore it). */
  directiveV1: (push: DirectivePush) => void;
  /** The wall's playlist, stored anew by an administrator, to every socket (added in protocol 1; older clients ignore it). */
  wallPlaylistV1: (playlist: WallPlaylist) => void;
  /** A wall's briefing pin set, released or ended by its time, to every socket (added in protocol 1; older clients ignore it). */
  wallPinV1: (push: WallPinPush) => void;
  /** A wall's count of open screens changed, to every socket (added in protocol 1; older clients ignore it). */
  wallScreensV1: (push: WallScreensPush) => void;
}

export interface ClientToServerEvents {
  subscribeV1: (scopes: string[], ack: (res: SubscribeAck) => void) => void;
  unsubscribeV1: (scopes: string[]) => void;
  /**
   * This connection is now a screen of `wall` (WALL_ID_PATTERN), or of no wall (null): a page that shows the wall says
   * so when it mounts and again on every connect, and says null when it leaves the wall for another page of the app.
   * Replaces any wall named before (the handshake's `auth.wall` included). Added in protocol 1; the ack is optional.
   */
  wallScreenV1: (wall: string | null, ack?: (res: WallScreenAck) => void) => void;
}
