import type { FastifyBaseLogger } from 'fastify';
import type { Store } from './store.ts';

const DAY = 86_400_000;

/** Deletes raw observations older than the retention period once; resolves to the number deleted. */
export async function applyRetention(store: Store, now: number, days: number): Promise<number> {
  return store.deleteObservationsBefore(now - days * DAY);
}

/**
 * IOC_RETENTION_DAYS: raw observations observed more than `days` ago are deleted at start and then
 * every `everyMs`, in small batches. The live state keeps the newest value of every series (and
 * checkpoints keep it across restarts); the rollups keep the aggregates.
 */
export function startRetention(opts: { store: Store; clock: () => number; days: number; everyMs: number; log: FastifyBaseLogger }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = running
      .then(() => applyRetention(opts.store, opts.clock(), opts.days))
      .then((n) => n > 0 && opts.log.info({ deleted: n, days: opts.days }, 'retention: old observations deleted'))
      .catch((e: unknown) => opts.log.error({ err: e }, 'retention failed'));
  };
  run();
  const timer = setInterval(run, opts.everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
