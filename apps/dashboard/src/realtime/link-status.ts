import type { Fanout } from '@cityioc/contracts';

/** No heartbeat for longer than this and the link counts as lost (heartbeats come every second). */
export const HEARTBEAT_TIMEOUT_MS = 5000;

/** 'degraded': live, but the server's pushes across nodes are cut (its heartbeat says `fanout: 'degraded'`). */
export type LinkStatus = 'connecting' | 'online' | 'degraded' | 'offline';

export interface LinkState {
  /** The socket is connected. */
  connected: boolean;
  /** Connected, subscribed, and the snapshots refetched since the last (re)connect. */
  synced: boolean;
  /** Has ever been synced since the page loaded. */
  everSynced: boolean;
  /** Local clock (ms) when the last heartbeat arrived, or when we last synced. */
  lastSignalAt: number | null;
  /** Local clock (ms) when the page started. */
  startedAt: number;
  /** The server refused the handshake (e.g. protocol_mismatch). */
  refused: string | null;
  /** The last heartbeat's word on the pushes across nodes ('ok' until one says otherwise). */
  fanout: Fanout;
}

export function initialLinkState(startedAt: number): LinkState {
  return { connected: false, synced: false, everSynced: false, lastSignalAt: null, startedAt, refused: null, fanout: 'ok' };
}

/**
 * What the wall shows about the link. 'offline' raises the banner and marks every value stale:
 * the socket is down, heartbeats stopped, or we reconnected but have not re-read the snapshots yet.
 * Before the first sync, a short grace period reads as 'connecting' so the banner does not flash.
 * 'degraded' is live (values stay fresh, no banner) but never reads as live-and-fine: the server
 * says that what other nodes push (alerts, directives) does not reach it until its Redis returns.
 */
export function linkStatus(s: LinkState, now: number, timeoutMs = HEARTBEAT_TIMEOUT_MS): LinkStatus {
  if (s.refused) return 'offline';
  if (s.connected && s.synced) {
    const last = s.lastSignalAt ?? s.startedAt;
    if (now - last > timeoutMs) return 'offline';
    return s.fanout === 'degraded' ? 'degraded' : 'online';
  }
  if (!s.everSynced && now - s.startedAt <= timeoutMs) return 'connecting';
  return 'offline';
}
