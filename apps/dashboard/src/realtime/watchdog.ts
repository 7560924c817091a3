/**
 * The wall's watchdog, as pure decisions (state × time → action); `useWallWatchdog` runs them.
 *
 * Link: the page expects a heartbeat every period. Socket.IO reconnects by itself when the socket
 * drops, but not when the socket stays open while nothing arrives (a half-open connection, a proxy
 * that stopped forwarding, a subscription the server lost). After `missedBeats` periods without a
 * heartbeat the watchdog re-subscribes (closes and reopens the socket, which re-subscribes and
 * re-reads the snapshots), every `retryMs` while the silence lasts; after `maxResubscribes` of them
 * it reloads the page as a last resort (the runner reloads only if the server answers, so a wall
 * never trades a stale screen for a browser error page). When the link is back after an outage the
 * wall was showing (offline banner), the recovery is noted with its time.
 *
 * Map: a lost WebGL context that the browser does not restore within `mapGraceMs` has the map
 * re-created.
 */

/** What the watchdog did since the page loaded (window.__ioc.watchdog, for browser tests and the soak bench). */
export interface WatchdogDebug {
  resubscribes: number;
  reloadsAsked: number;
  mapRecreations: number;
}

export interface WatchdogConfig {
  /** Heartbeats missed before the watchdog acts (× the heartbeat period). */
  missedBeats: number;
  /** Never act on a silence shorter than this, whatever the period (a server restart takes a few seconds). */
  minSilenceMs: number;
  /** Wait between two re-subscribes. */
  retryMs: number;
  /** Re-subscribes before a reload. */
  maxResubscribes: number;
  /** A silence longer than this counts as an outage the wall showed (the offline banner's threshold). */
  outageMs: number;
  /** How long a lost WebGL context may wait for the browser to restore it. */
  mapGraceMs: number;
}

export const WATCHDOG_DEFAULTS: WatchdogConfig = {
  missedBeats: 10,
  minSilenceMs: 5000,
  retryMs: 15_000,
  maxResubscribes: 3,
  outageMs: 5000,
  mapGraceMs: 3000,
};

/** What the watchdog sees of the link (from the live client). */
export interface LinkView {
  connected: boolean;
  synced: boolean;
  /** Local time of the last heartbeat or sync; null before the first. */
  lastSignalAt: number | null;
  /** Local time the page started. */
  startedAt: number;
  /** The heartbeat period the page observes (ms). */
  heartbeatMs: number;
  /** The server refused the handshake: nothing to recover (the banner says why). */
  refused: string | null;
}

export interface WatchdogState {
  /** Re-subscribes since the link was last healthy. */
  resubscribes: number;
  /** When the watchdog last acted (re-subscribe or reload), null: not since the link was healthy. */
  lastActionAt: number | null;
  /** Start of the current outage (the silence passed `outageMs`), null: none. */
  outageSince: number | null;
}

export const WATCHDOG_IDLE: WatchdogState = { resubscribes: 0, lastActionAt: null, outageSince: null };

export type WatchdogAction =
  | { kind: 'none' }
  | { kind: 'resubscribe'; attempt: number }
  | { kind: 'reload' }
  /** The link is healthy again after an outage that began at `since`. */
  | { kind: 'recovered'; since: number; at: number };

/** How long the watchdog tolerates silence at this heartbeat period. */
export function silenceLimitMs(heartbeatMs: number, cfg: WatchdogConfig = WATCHDOG_DEFAULTS): number {
  return Math.max(cfg.minSilenceMs, cfg.missedBeats * heartbeatMs);
}

/** One look at the link at `now`: the next state and what to do. */
export function watchdogStep(
  state: WatchdogState,
  link: LinkView,
  now: number,
  cfg: WatchdogConfig = WATCHDOG_DEFAULTS,
): { state: WatchdogState; action: WatchdogAction } {
  const silentFor = now - (link.lastSignalAt ?? link.startedAt);
  const healthy = link.connected && link.synced && silentFor <= Math.max(cfg.outageMs, 2 * link.heartbeatMs);
  if (healthy) {
    const action: WatchdogAction = state.outageSince !== null ? { kind: 'recovered', since: state.outageSince, at: now } : { kind: 'none' };
    return { state: WATCHDOG_IDLE, action };
  }
  if (link.refused) return { state, action: { kind: 'none' } };
  const outageSince = state.outageSince ?? (silentFor > cfg.outageMs ? now - silentFor + cfg.outageMs : null);
  const next = { ...state, outageSince };
  if (silentFor < silenceLimitMs(link.heartbeatMs, cfg)) return { state: next, action: { kind: 'none' } };
  if (state.lastActionAt !== null && now - state.lastActionAt < cfg.retryMs) return { state: next, action: { kind: 'none' } };
  if (state.resubscribes < cfg.maxResubscribes) {
    const attempt = state.resubscribes + 1;
    return { state: { ...next, resubscribes: attempt, lastActionAt: now }, action: { kind: 'resubscribe', attempt } };
  }
  return { state: { ...next, lastActionAt: now }, action: { kind: 'reload' } };
}

/** The map's WebGL context: lost at `lostAt` (null: fine). */
export interface MapContextState {
  lostAt: number | null;
}

/** 'recreate' once a lost context has not come back within the grace period. */
export function mapContextStep(state: MapContextState, now: number, cfg: WatchdogConfig = WATCHDOG_DEFAULTS): 'none' | 'recreate' {
  return state.lostAt !== null && now - state.lostAt >= cfg.mapGraceMs ? 'recreate' : 'none';
}
