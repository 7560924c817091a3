import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { linkStatus, type LinkStatus } from './link-status.ts';
import type { LiveClient, LiveClientState } from './live-client.ts';

const ClientContext = createContext<LiveClient | null>(null);
const ClockContext = createContext<{ now: number; status: LinkStatus } | null>(null);

/**
 * Starts the live client and publishes, once per server-clock second, the corrected time and the
 * link status. Everything that shows freshness reads both from here, so the whole wall turns
 * stale (or live again) in the same frame.
 */
export function RealtimeProvider({ client, live = true, children }: { client: LiveClient; live?: boolean; children: ReactNode }) {
  useEffect(() => {
    if (!live) return;
    client.start();
    return () => client.stop();
  }, [client, live]);

  const state = useSyncExternalStore(client.subscribe, client.getState);
  const [localNow, setLocalNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setLocalNow(Date.now());
      // Wake just after the next server-clock second so the clock never skips or repeats one.
      const delay = 1000 - (client.serverNow() % 1000) + 15;
      timer = setTimeout(tick, delay);
    };
    tick();
    return () => clearTimeout(timer);
  }, [client]);

  const status = linkStatus(state, Math.max(localNow, Date.now()));
  const now = Math.floor((localNow + state.serverOffsetMs) / 1000) * 1000;
  const value = useMemo(() => ({ now, status }), [now, status]);

  useEffect(() => {
    client.debugInfo.connected = status === 'online' || status === 'degraded';
  }, [client, status]);

  return (
    <ClientContext.Provider value={client}>
      <ClockContext.Provider value={value}>{children}</ClockContext.Provider>
    </ClientContext.Provider>
  );
}

/**
 * A stopped clock and a link that reads as live, for the panel gallery (gallery/): its panels draw
 * fixtures at a fixed instant. The client is never started; it only answers serverNow() and onCells().
 */
export function FixedClockProvider({ client, now, children }: { client: LiveClient; now: number; children: ReactNode }) {
  const value = useMemo(() => ({ now, status: 'online' as const }), [now]);
  return (
    <ClientContext.Provider value={client}>
      <ClockContext.Provider value={value}>{children}</ClockContext.Provider>
    </ClientContext.Provider>
  );
}

export function useLiveClient(): LiveClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useLiveClient outside RealtimeProvider');
  return c;
}

export function useLiveState(): LiveClientState {
  const c = useLiveClient();
  return useSyncExternalStore(c.subscribe, c.getState);
}

/** Server-corrected now (whole seconds) and the link status, refreshed every second. */
export function useClock(): { now: number; status: LinkStatus; offline: boolean } {
  const v = useContext(ClockContext);
  if (!v) throw new Error('useClock outside RealtimeProvider');
  return { ...v, offline: v.status === 'offline' };
}
