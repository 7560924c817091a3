import { MAX_PAKN_BATCH_ITEMS, type DossierEvent, type DossierRating, type PaknEvent } from '@cityioc/contracts';
import type { SimulatorConfig } from './config.ts';
import { DEMO_766_SPLITS } from './demo-766-catalogue.ts';
import { createPaknStream, ratingsFor } from './feedback-stream.ts';
import { createSender, type SendOutcome, type SenderOptions } from './sender.ts';

export interface FeedbackDemoOptions {
  now: () => number;
  signal: AbortSignal;
  fetch?: typeof fetch | undefined;
  log: (entry: { level: 'info' | 'warn' | 'error'; msg: string } & Record<string, unknown>) => void;
  sender?: Pick<SenderOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs'> | undefined;
}

export interface FeedbackDemo {
  /** Dossier events the simulator just sent: their returned dossiers may be rated. */
  observeDossiers(events: readonly DossierEvent[]): void;
  stop(): Promise<void>;
  stats(): Record<string, number>;
}

/**
 * The demo's citizen feedback through the public API, as a hotline system and the portal's
 * evaluation feed would send it: the illustrative split of the online groups' points
 * (PUT /api/v1/score766/splits), then PAKN events (POST /api/v1/pakn/events) and ratings of
 * returned dossiers (POST /api/v1/ratings), every `intervalMs`. Retries keep their ids; a refused
 * batch is logged and dropped, as for the dossier lane.
 */
export function startFeedbackDemo(cfg: Pick<SimulatorConfig, 'iocUrl' | 'apiKey' | 'seed' | 'dossierIntervalMs'>, o: FeedbackDemoOptions): FeedbackDemo {
  const base: SenderOptions = { baseUrl: cfg.iocUrl, apiKey: cfg.apiKey, now: o.now, signal: o.signal, ...(o.fetch ? { fetch: o.fetch } : {}), ...o.sender };
  const paknSender = createSender<PaknEvent>({ ...base, path: '/api/v1/pakn/events', itemsKey: 'events', maxItems: MAX_PAKN_BATCH_ITEMS });
  const ratingSender = createSender<DossierRating>({ ...base, path: '/api/v1/ratings', itemsKey: 'ratings', maxItems: MAX_PAKN_BATCH_ITEMS });
  const stream = createPaknStream({ seed: cfg.seed, startMs: o.now() });
  const outbox = { pakn: [] as PaknEvent[], ratings: [] as DossierRating[] };
  const counts = { paknAccepted: 0, paknRejected: 0, ratingsAccepted: 0, ratingsRejected: 0 };
  let stopped = false;
  let busy: Promise<void> | null = null;

  async function drain<T>(items: T[], send: (b: readonly T[]) => Promise<SendOutcome>, kind: 'pakn' | 'ratings'): Promise<void> {
    while (!stopped && items.length > 0) {
      const batch = items.splice(0, MAX_PAKN_BATCH_ITEMS);
      const out = await send(batch);
      if (out.kind === 'aborted') return void items.unshift(...batch);
      if (out.kind === 'stored') {
        counts[`${kind}Accepted`] += out.accepted;
        counts[`${kind}Rejected`] += out.rejected;
        if (out.rejectedItems[0]) o.log({ level: 'warn', msg: `${kind} items rejected by the IOC`, rejected: out.rejected, example: out.rejectedItems[0] });
      } else if (out.retryable) {
        items.unshift(...batch);
        return;
      } else o.log({ level: 'error', msg: `${kind} batch refused by the IOC, dropped`, status: out.status, error: out.error });
    }
  }

  const tick = () => {
    if (busy || stopped) return;
    outbox.pakn.push(...stream.take(o.now(), 50_000));
    busy = (async () => {
      await drain(outbox.pakn, (b) => paknSender.send(b), 'pakn');
      await drain(outbox.ratings, (b) => ratingSender.send(b), 'ratings');
    })().finally(() => (busy = null));
  };

  const ready = (async () => {
    try {
      const res = await (o.fetch ?? fetch)(new URL('/api/v1/score766/splits', cfg.iocUrl), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-api-key': cfg.apiKey },
        body: JSON.stringify({ items: DEMO_766_SPLITS }),
        signal: o.signal,
      });
      o.log({ level: res.ok ? 'info' : 'warn', msg: 'demo 766 split of the online groups loaded (illustrative)', status: res.status });
    } catch (e) {
      if (!stopped) o.log({ level: 'warn', msg: 'demo 766 split not loaded', error: (e as Error).message });
    }
    tick();
  })();
  const timer = setInterval(tick, cfg.dossierIntervalMs);

  return {
    observeDossiers(events) {
      outbox.ratings.push(...ratingsFor(events));
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await ready;
      await busy;
    },
    stats: () => ({ ...counts, ...stream.stats(), ratingsWaiting: outbox.ratings.length }),
  };
}
