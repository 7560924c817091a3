import type { Fanout } from '@cityioc/contracts';
import type { LiveService } from '../live/live.service.ts';
import type { Broadcaster } from './broadcaster.ts';

/** The timer functions the ticker uses (injected: tests pass fake ones). */
export interface TickerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Runs `fn` once the current turn of the event loop is over. */
  setImmediate(fn: () => void): unknown;
  clearImmediate(handle: unknown): void;
  /** A monotonic clock in ms. */
  now(): number;
}

const NODE_TIMERS: TickerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  setImmediate: (fn) => setImmediate(fn),
  clearImmediate: (h) => clearImmediate(h as NodeJS.Immediate),
  now: () => performance.now(),
};

export interface TickerOptions {
  live: LiveService;
  broadcaster: Broadcaster;
  clock: () => number;
  tickMs: number;
  heartbeatMs: number;
  /** The state of the pushes across nodes (the Redis link), read at every heartbeat; 'ok' when absent (one node). */
  fanout?: () => Fanout;
  /** Runs every tick (alert rules that fire with the clock alone: silent stations). */
  beforeTick?: (now: number) => void;
  /** Each push: how long it took, the deltas it emitted and the sockets they reached (metrics). */
  onPush?: (seconds: number, deltas: number, deliveries: number) => void;
  timers?: TickerTimers;
}

/**
 * Live delivery with adaptive coalescing. The live state says when it changes; the ticker then
 * pushes one delta per changed scope:
 *   - at once (after the current turn, so that a commit and the values derived from it go out
 *     together) when nothing was pushed during the last tick: a quiet city reaches the screen in
 *     milliseconds, not up to a tick later;
 *   - otherwise at the end of the tick that started with the last push: under load, at most one
 *     push per tick, each carrying everything that changed meanwhile (a burst of 100,000 events is
 *     a handful of deltas).
 * Deltas are the live state's (ordered versions per scope, the gap/epoch/resync protocol is
 * unchanged); only their timing adapts. Every heartbeat period it sends the server time, epoch and
 * live version, and whether the pushes across nodes get through (`fanout`). Returns a stop function.
 */
export function startTicker(opts: TickerOptions): () => void {
  const { live, broadcaster, clock, tickMs } = opts;
  const timers = opts.timers ?? NODE_TIMERS;
  let lastPush = -Infinity;
  let pending: { handle: unknown; immediate: boolean } | null = null;
  let stopped = false;

  const push = () => {
    pending = null;
    const t0 = timers.now();
    const deltas = live.state.drain();
    let deliveries = 0;
    if (deltas.length > 0) {
      lastPush = t0; // a push that found nothing to send does not make the server busy
      const serverTime = clock();
      for (const d of deltas) deliveries += broadcaster.delta({ ...d, epoch: live.epoch, serverTime });
    }
    opts.onPush?.((timers.now() - t0) / 1000, deltas.length, deliveries);
  };

  const changed = () => {
    if (stopped || pending) return;
    const wait = lastPush + tickMs - timers.now();
    pending =
      wait <= 0
        ? { handle: timers.setImmediate(push), immediate: true } // quiet: push as soon as this turn ends
        : { handle: timers.setTimeout(push, wait), immediate: false }; // busy: coalesce until the tick ends
  };
  live.onChange = changed;

  const clockTick = timers.setInterval(() => opts.beforeTick?.(clock()), tickMs);
  const beat = timers.setInterval(() => {
    broadcaster.heartbeat({ serverTime: clock(), epoch: live.epoch, seq: live.state.seq, tickMs, fanout: opts.fanout?.() ?? 'ok' });
  }, opts.heartbeatMs);
  // changes made before the ticker started (the start-up publications) go out now
  changed();
  return () => {
    stopped = true;
    if (live.onChange === changed) live.onChange = null;
    if (pending?.immediate) timers.clearImmediate(pending.handle);
    else if (pending) timers.clearTimeout(pending.handle);
    pending = null;
    timers.clearInterval(clockTick);
    timers.clearInterval(beat);
  };
}
