import type { Cell } from '@cityioc/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { LinkState } from './link-status.ts';
import type { IocSocket } from './socket.ts';
import type { WatchdogDebug } from './watchdog.ts';

/** The live client's state, debug handle and options (live-client.ts). */
export interface LiveClientState extends LinkState {
  /** Server clock minus local clock, from the last heartbeat or delta. */
  serverOffsetMs: number;
  /** How many times we re-synced after a reconnect. */
  resyncs: number;
  /** Local clock (ms) of the last heartbeat; null before the first. */
  lastHeartbeatAt: number | null;
  /** The heartbeat period as observed (ms; 1 s until measured): the watchdog counts missed beats with it. */
  heartbeatMs: number;
}

/** What the wall exposes on window.__ioc for debugging and browser tests. */
export interface LiveDebug {
  versions: Record<string, number>;
  connected: boolean;
  /** The wall's MapLibre map once created (browser tests read its sources). */
  map?: unknown;
  /** The analyst explorer's map once created (browser tests read its view). */
  explorerMap?: unknown;
  /** The ECharts instances by their test id, while mounted (browser tests read their options). */
  charts?: Record<string, unknown>;
  /** What the wall's watchdog did (useWallWatchdog.ts). */
  watchdog?: WatchdogDebug;
}

export type CellsListener = (scope: string, cells: readonly Cell[]) => void;

export interface LiveClientOptions {
  socket: IocSocket;
  queryClient: QueryClient;
  scopes: readonly string[];
  /** Local clock; injected so tests can drive time. */
  clock?: () => number;
  /** Delay before retrying a failed subscribe/resync while still connected. */
  retryMs?: number;
  ackTimeoutMs?: number;
  debug?: LiveDebug;
  /**
   * The handshake was refused for want of a session (401-type): the app goes to the sign-in page
   * instead of retrying forever. Called on an `unauthorized` refusal, or when a failed connect is
   * followed by `sessionEnded()` answering true (a proxy or the engine refused before the middleware).
   */
  onUnauthorized?: () => void;
  /** Asks the server whether the session has ended (GET /auth/me → 401); at most once per `sessionCheckMs`. */
  sessionEnded?: () => Promise<boolean>;
  sessionCheckMs?: number;
}
