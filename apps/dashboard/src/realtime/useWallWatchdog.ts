import { useEffect } from 'react';
import { runtimeConfig } from '../config.ts';
import type { LiveClient } from './live-client.ts';
import { noteRecovery } from './recovery-notes.ts';
import { WATCHDOG_DEFAULTS, WATCHDOG_IDLE, watchdogStep, type WatchdogConfig, type WatchdogDebug, type WatchdogState } from './watchdog.ts';

/** Set just before a watchdog reload: the start of the outage, so the reloaded wall notes its recovery. */
const RELOAD_MARK = 'ioc.watchdog.reloadedOutageSince';

/** window.__ioc.watchdog: what the watchdog did since the page loaded. */
export function watchdogDebug(): WatchdogDebug {
  window.__ioc.watchdog ??= { resubscribes: 0, reloadsAsked: 0, mapRecreations: 0 };
  return window.__ioc.watchdog;
}

function readReloadMark(): number | null {
  try {
    const v = sessionStorage.getItem(RELOAD_MARK);
    return v === null ? null : Number(v) || null;
  } catch {
    return null;
  }
}

/** The server answers (readiness): only then is a reload better than the stale screen. */
async function serverAnswers(): Promise<boolean> {
  try {
    const r = await fetch(new URL('/readyz', runtimeConfig().apiBaseUrl || window.location.origin), { cache: 'no-store' });
    return r.ok;
  } catch {
    return false;
  }
}

/**
 * Runs the wall's watchdog (watchdog.ts) once a second on the live client's state: re-subscribes,
 * reloads as a last resort, and notes a recovery with its time (recovery-notes.ts).
 */
export function useWallWatchdog(client: LiveClient, cfg: WatchdogConfig = WATCHDOG_DEFAULTS): void {
  useEffect(() => {
    const reloadedFrom = readReloadMark();
    let state: WatchdogState = reloadedFrom !== null ? { ...WATCHDOG_IDLE, outageSince: reloadedFrom } : WATCHDOG_IDLE;
    let reloading = false;
    const debug = watchdogDebug();
    const timer = setInterval(() => {
      const s = client.getState();
      const now = Date.now();
      const step = watchdogStep(
        state,
        {
          connected: s.connected,
          synced: s.synced,
          lastSignalAt: s.lastHeartbeatAt,
          startedAt: s.startedAt,
          heartbeatMs: s.heartbeatMs,
          refused: s.refused,
        },
        now,
        cfg,
      );
      state = step.state;
      const action = step.action;
      if (action.kind === 'resubscribe') {
        debug.resubscribes++;
        console.warn(`[watchdog] no heartbeat for ${Math.round((now - (s.lastHeartbeatAt ?? s.startedAt)) / 1000)} s: re-subscribing (${action.attempt})`);
        client.reconnect();
      } else if (action.kind === 'reload' && !reloading) {
        debug.reloadsAsked++;
        reloading = true;
        void serverAnswers().then((ok) => {
          reloading = false;
          if (!ok) return;
          console.warn(`[watchdog] no heartbeat since ${state.outageSince === null ? '?' : new Date(state.outageSince).toISOString()}: reloading the page`);
          try {
            sessionStorage.setItem(RELOAD_MARK, String(state.outageSince ?? now));
          } catch {
            // private mode: the reloaded wall just does not say it recovered
          }
          window.location.reload();
        });
      } else if (action.kind === 'recovered') {
        try {
          sessionStorage.removeItem(RELOAD_MARK);
        } catch {
          // nothing to clear
        }
        noteRecovery('link', action.at);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [client, cfg]);
}
