import type { LiveService } from '../live/live.service.ts';
import type { Broadcaster } from './broadcaster.ts';

/**
 * Coalesces live changes: every tick, one delta per changed scope; every heartbeat period,
 * the server time, epoch and live version. Returns a stop function.
 */
export function startTicker(opts: {
  live: LiveService;
  broadcaster: Broadcaster;
  clock: () => number;
  tickMs: number;
  heartbeatMs: number;
  /** Runs first in every tick (derived values that change with the clock). */
  beforeTick?: (now: number) => void;
}): () => void {
  const { live, broadcaster, clock } = opts;
  const tick = setInterval(() => {
    opts.beforeTick?.(clock());
    const deltas = live.state.drain();
    if (deltas.length === 0) return;
    const serverTime = clock();
    for (const d of deltas) broadcaster.delta({ ...d, epoch: live.epoch, serverTime });
  }, opts.tickMs);
  const beat = setInterval(() => {
    broadcaster.heartbeat({ serverTime: clock(), epoch: live.epoch, seq: live.state.seq, tickMs: opts.tickMs });
  }, opts.heartbeatMs);
  tick.unref();
  beat.unref();
  return () => {
    clearInterval(tick);
    clearInterval(beat);
  };
}
