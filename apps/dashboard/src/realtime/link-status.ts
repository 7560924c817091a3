/** No heartbeat for longer than this and the link counts as lost (heartbeats come every second). */
export const HEARTBEAT_TIMEOUT_MS = 5000;

export type LinkStatus = 'connecting' | 'online' | 'offline';

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
}

export function initialLinkState(startedAt: number): LinkState {
  return { connected: false, synced: false, everSynced: false, lastSignalAt: null, startedAt, refused: null };
}

/**
 * What the wall shows about the link. 'offline' raises the banner and marks every value stale:
 * the socket is down, heartbeats stopped, or we reconnected but have not re-read the snapshots yet.
 * Before the first sync, a short grace period reads as 'connecting' so the banner does not flash.
 */
export function linkStatus(s: LinkState, now: number, timeoutMs = HEARTBEAT_TIMEOUT_MS): LinkStatus {
  if (s.refused) return 'offline';
  if (s.connected && s.synced) {
    const last = s.lastSignalAt ?? s.startedAt;
    return now - last > timeoutMs ? 'offline' : 'online';
  }
  if (!s.everSynced && now - s.startedAt <= timeoutMs) return 'connecting';
  return 'offline';
}
