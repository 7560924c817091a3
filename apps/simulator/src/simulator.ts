import { MAX_BATCH_ITEMS, MAX_DOSSIER_BATCH_ITEMS, type DossierEvent, type ObservationInput } from '@cityioc/contracts';
import { bandOf, CAN_THO_STATIONS } from '@cityioc/domain';
import { initAir, stepAir, type AirState } from './air.ts';
import { monitoringBackfill } from './monitoring-backfill.ts';
import { DEFAULT_CONFIG, type SimulatorConfig } from './config.ts';
import { createDossierStream, type DossierStream } from './dossier-stream.ts';
import { createRng } from './rng.ts';
import { createSender, waitForReady, type Sender, type SenderOptions } from './sender.ts';
import { riverTime, tideObservations, type TideClock } from './tide.ts';
import { localMonthKey, previousMonth, toLocalRfc3339 } from './time.ts';
import { startConnectorSources, type ConnectorSources } from './connector-sources.ts';
import { uploadReportingDemo } from './reporting-demo.ts';
import { uploadDemoProcedures } from './demo-procedures.ts';
import { DEMO_REGISTRY } from './geography.ts';
import { citizenReportHistory, CITIZEN_REPORTS } from './history.ts';
import { startFeedbackDemo, type FeedbackDemo } from './feedback-demo.ts';

export type LogEntry = { level: 'info' | 'warn' | 'error'; msg: string } & Record<string, unknown>;

export interface SimulatorOptions extends Partial<SimulatorConfig> {
  /** Wall clock; the generators get every time from here. */
  now?: () => number;
  fetch?: typeof fetch;
  /** One JSON line per call by default. */
  log?: (entry: LogEntry) => void;
  /** Summary line period. */
  logIntervalMs?: number;
  /** Observations kept while the IOC is unreachable; the oldest are dropped beyond this. (Dossier events wait in the stream instead.) */
  maxOutbox?: number;
  sender?: Pick<SenderOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs'>;
  /** Observations per request (default: the endpoint's limit, MAX_BATCH_ITEMS). */
  observationBatchSize?: number;
}

export type SimulatorExit = 'stopped' | 'not_ready';

export interface SimulatorHandle {
  /**
   * Stops the timers and the waits (readiness, backoff), lets the requests in flight finish (each
   * bounded by the sender's timeout) and sends nothing more; resolves when everything has settled,
   * so every request the IOC received has been answered and counted by then.
   */
  stop(): Promise<void>;
  /** Settles when the simulator ends: 'not_ready' if the IOC never answered /readyz. */
  readonly finished: Promise<SimulatorExit>;
}

interface Counts {
  batches: number;
  items: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  retries: number;
  failures: number;
  dropped: number;
}
const zeroCounts = (): Counts => ({
  batches: 0,
  items: 0,
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  retries: 0,
  failures: 0,
  dropped: 0,
});

type LaneName = 'observations' | 'dossierEvents';

/** One delivery path: an endpoint, its outbox and its counts. */
interface Lane<T> {
  name: LaneName;
  sender: Sender<T>;
  batchSize: number;
  /** Items waiting; the oldest are dropped beyond `maxOutbox`. */
  outbox: T[];
  maxOutbox: number;
  /** Tops up an empty outbox: the dossier stream keeps its own backlog, as plans. */
  refill?: () => T[];
  flushing: Promise<void> | null;
  window: Counts;
  totals: Counts;
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Runs the Cần Thơ demo feeds against the public ingest API: waits for /readyz, then posts
 * water levels and air quality every `monitoringIntervalMs`, and every `dossierIntervalMs` the
 * dossier events that have come due (after the back-fill of the month so far). Observations and
 * dossier events go through separate lanes, so a long back-fill never holds up the tide. Usable
 * in-process or from main.ts.
 */
export function startSimulator(options: SimulatorOptions = {}): SimulatorHandle {
  const cfg: SimulatorConfig = { ...DEFAULT_CONFIG, ...withoutUndefined(options) };
  const now = options.now ?? Date.now;
  const log = options.log ?? ((e: LogEntry) => console.log(JSON.stringify({ time: toLocalRfc3339(now()), ...e })));
  const logIntervalMs = options.logIntervalMs ?? 60_000;

  const controller = new AbortController();
  const timers: ReturnType<typeof setInterval>[] = [];
  let stopped = false;
  let resolveStop!: () => void;
  const stopRequested = new Promise<void>((r) => (resolveStop = r));
  const lastWarn = new Map<string, number>();

  const senderBase: SenderOptions = {
    baseUrl: cfg.iocUrl,
    apiKey: cfg.apiKey,
    now,
    signal: controller.signal,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...options.sender,
    onRetry: (r) =>
      throttled(r.status === 429 ? 'rate-limited' : 'retry', {
        level: 'warn',
        msg: r.status === 429 ? 'rate limited by the IOC, waiting' : 'IOC error, retrying with the same ids',
        status: r.status,
        error: r.error,
        attempt: r.attempt,
        waitMs: r.delayMs,
      }),
  };

  function lane<T>(name: LaneName, sender: Sender<T>, batchSize: number, maxOutbox: number, refill?: () => T[]): Lane<T> {
    return { name, sender, batchSize, outbox: [], maxOutbox, ...(refill ? { refill } : {}), flushing: null, window: zeroCounts(), totals: zeroCounts() };
  }

  const observations = lane<ObservationInput>(
    'observations',
    createSender(senderBase),
    options.observationBatchSize ?? MAX_BATCH_ITEMS,
    options.maxOutbox ?? 20_000,
  );
  const dossierEvents = lane<DossierEvent>(
    'dossierEvents',
    createSender<DossierEvent>({ ...senderBase, path: '/api/v1/dossiers/events', itemsKey: 'events', maxItems: MAX_DOSSIER_BATCH_ITEMS }),
    MAX_DOSSIER_BATCH_ITEMS,
    Infinity,
    () => {
      const batch = dossiers.take(now(), MAX_DOSSIER_BATCH_ITEMS);
      feedback?.observeDossiers(batch);
      return batch;
    },
  );
  let feedback: FeedbackDemo | null = null;

  const rng = createRng(cfg.seed);
  let lastT = 0;
  let tideClock: TideClock;
  let air: AirState;
  let dossiers: DossierStream;
  const latest = new Map<string, number>();
  let sources: ConnectorSources | null = null;

  /** Logs a warning or error at most once per 10 s per kind, so an outage does not flood the log. */
  function throttled(kind: string, entry: LogEntry) {
    const t = now();
    if (t - (lastWarn.get(kind) ?? -Infinity) < 10_000) return;
    lastWarn.set(kind, t);
    log(entry);
  }

  function count<T>(l: Lane<T>, k: keyof Counts, n: number) {
    l.window[k] += n;
    l.totals[k] += n;
  }

  /** Strictly increasing tick times, so observation ids never repeat even if the wall clock steps back. */
  function tickTime(): number {
    lastT = Math.max(now(), lastT + 1);
    return lastT;
  }

  function trim<T>(l: Lane<T>) {
    if (l.outbox.length > l.maxOutbox) count(l, 'dropped', l.outbox.splice(0, l.outbox.length - l.maxOutbox).length);
  }

  /** Queues observations; `past`: older than the live readings already queued (not the station's current value). */
  function enqueue(items: ObservationInput[], past = false) {
    if (items.length === 0) return;
    if (!past) for (const o of items) if (o.value !== undefined && o.station) latest.set(`${o.station}|${o.indicator}`, o.value);
    observations.outbox.push(...items);
    trim(observations);
    kick(observations);
  }

  function kick<T>(l: Lane<T>) {
    if (l.flushing || stopped) return;
    l.flushing = flush(l).finally(() => (l.flushing = null));
  }

  async function flush<T>(l: Lane<T>) {
    while (!stopped) {
      if (l.outbox.length === 0 && l.refill) l.outbox.push(...l.refill());
      if (l.outbox.length === 0) return;
      const batch = l.outbox.splice(0, l.batchSize);
      const out = await l.sender.send(batch);
      if (out.kind === 'aborted') {
        l.outbox.unshift(...batch);
        return;
      }
      count(l, 'batches', 1);
      if (out.kind === 'stored') {
        count(l, 'items', batch.length);
        count(l, 'accepted', out.accepted);
        count(l, 'duplicates', out.duplicates);
        count(l, 'rejected', out.rejected);
        count(l, 'retries', out.attempts - 1);
        if (l.totals.batches === 1)
          log({ level: 'info', msg: 'first batch stored', lane: l.name, accepted: out.accepted, duplicates: out.duplicates, status: out.status });
        const first = out.rejectedItems[0];
        if (first) {
          throttled(`rejected-${l.name}`, {
            level: 'warn',
            msg: 'items rejected by the IOC (not retried)',
            lane: l.name,
            rejected: out.rejected,
            example: { id: first.id, errors: first.errors },
          });
        }
      } else if (out.retryable) {
        // Keep the batch: the next tick sends the same ids again.
        count(l, 'retries', out.attempts - 1);
        count(l, 'failures', 1);
        l.outbox.unshift(...batch);
        trim(l);
        throttled('unreachable', { level: 'warn', msg: 'IOC unreachable, will retry', lane: l.name, error: out.error, outbox: l.outbox.length });
        return;
      } else {
        count(l, 'failures', 1);
        count(l, 'dropped', batch.length);
        throttled(`fatal-${l.name}-${out.status}`, {
          level: 'error',
          msg: out.status === 401 ? 'API key refused: check IOC_DEMO_KEY' : 'batch refused by the IOC, dropped',
          lane: l.name,
          status: out.status,
          error: out.error,
        });
      }
    }
  }

  function monitoringTick() {
    const t = tickTime();
    const a = stepAir(air, t, rng);
    air = a.state;
    enqueue([...tideObservations(t, tideClock), ...a.observations]);
  }

  function summary(): LogEntry {
    const t = now();
    const levels: Record<string, string> = {};
    const aqi: Record<string, number> = {};
    for (const st of CAN_THO_STATIONS) {
      const wl = latest.get(`${st.id}|water_level`);
      if (wl !== undefined) {
        const band = bandOf(wl, st.bands?.water_level ?? []);
        levels[st.id] = `${wl} cm${band && Number.isFinite(band.from) ? ` ${band.label.vi}` : ''}`;
      }
      const q = latest.get(`${st.id}|aqi`);
      if (q !== undefined) aqi[st.id] = q;
    }
    const entry: LogEntry = {
      level: 'info',
      msg: 'simulator',
      lastMinute: { observations: observations.window, dossierEvents: dossierEvents.window },
      outbox: observations.outbox.length,
      riverHours: Math.round((riverTime(t, tideClock) / 3_600_000) * 10) / 10,
      waterLevel: levels,
      aqi,
      dossiers: { month: localMonthKey(t), ...dossiers.stats() },
      ...(feedback ? { feedback: feedback.stats() } : {}),
    };
    observations.window = zeroCounts();
    dossierEvents.window = zeroCounts();
    return entry;
  }

  const finished = (async (): Promise<SimulatorExit> => {
    log({ level: 'info', msg: 'waiting for the IOC', url: new URL('/readyz', cfg.iocUrl).toString() });
    const ready = await waitForReady(cfg.iocUrl, {
      timeoutMs: cfg.readyTimeoutMs,
      signal: controller.signal,
      now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    if (stopped) return 'stopped';
    if (!ready) {
      log({ level: 'error', msg: 'the IOC did not become ready', url: cfg.iocUrl, waitedMs: cfg.readyTimeoutMs });
      return 'not_ready';
    }

    // the demo's procedure catalogue (illustrative), so dossiers without an appointment date get a legal due date
    try {
      const up = await uploadDemoProcedures({
        iocUrl: cfg.iocUrl,
        apiKey: cfg.apiKey,
        now: now(),
        signal: controller.signal,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      const b = (up.body ?? {}) as { stored?: number; unchanged?: number; rejected?: number; message?: string };
      log({
        level: up.status === 200 ? 'info' : 'warn',
        msg: 'demo procedure catalogue loaded',
        status: up.status,
        stored: b.stored,
        unchanged: b.unchanged,
        rejected: b.rejected,
        error: b.message,
      });
    } catch (err) {
      if (stopped) return 'stopped';
      log({ level: 'warn', msg: 'demo procedure catalogue not loaded', error: (err as Error).message });
    }

    if (cfg.reportingDemo) {
      // the published Cần Thơ figures, as the departments' own files, through the public import
      try {
        const up = await uploadReportingDemo({
          iocUrl: cfg.iocUrl,
          apiKey: cfg.apiKey,
          signal: controller.signal,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        log({
          level: up.every((u) => u.status === 200) ? 'info' : 'warn',
          msg: 'reporting demo files imported',
          files: up.map((u) => `${u.file}: ${u.status}`),
        });
      } catch (err) {
        if (stopped) return 'stopped';
        log({ level: 'warn', msg: 'reporting demo import failed', error: (err as Error).message });
      }
    }

    const t0 = now();
    tideClock = { originMs: t0, speed: cfg.tideSpeed, offsetMs: cfg.tideOffsetH * 3_600_000, seed: cfg.seed };
    air = initAir(t0, rng);
    dossiers = createDossierStream({
      startMs: t0,
      seed: cfg.seed,
      rng,
      speed: cfg.dossierSpeed,
      alwaysOpen: cfg.dossierAlwaysOpen,
      backfill: cfg.dossierBackfill,
    });
    lastT = t0 - 1;
    // citizens' feedback (PAKN, ratings of returned dossiers) and the illustrative 766 split: its own module and random stream
    feedback = startFeedbackDemo(cfg, { now, signal: controller.signal, log, fetch: options.fetch, sender: options.sender });
    log({
      level: 'info',
      msg: 'simulating',
      url: cfg.iocUrl,
      tideSpeed: cfg.tideSpeed,
      dossierSpeed: cfg.dossierSpeed,
      dossierAlwaysOpen: cfg.dossierAlwaysOpen,
      dossierBackfill: dossiers.stats().backfillDossiers,
      seed: cfg.seed,
    });
    // the last hours of air (oldest first, the NowCast at once) and water levels (after the first live readings: history, not news)
    const backfill = monitoringBackfill(t0, cfg.monitoringBackfillHours, tideClock, rng);
    // months of citizen reports on the units of their date (old codes before the reorganisation): the crosswalk's material
    const to = previousMonth(localMonthKey(t0));
    const history = cfg.history && cfg.historyFrom <= to ? citizenReportHistory({ registry: DEMO_REGISTRY, from: cfg.historyFrom, to, seed: cfg.seed }) : [];
    // the back-fills are queued once, on top of what may wait while the IOC is away
    observations.maxOutbox += backfill.before.length + backfill.after.length + history.length;
    enqueue(backfill.before);
    log({
      level: 'info',
      msg: 'monitoring back-fill queued',
      hours: cfg.monitoringBackfillHours,
      air: backfill.before.length,
      waterLevel: backfill.after.length,
    });
    enqueue(history);
    if (cfg.history)
      log({ level: 'info', msg: 'history back-fill queued', indicator: CITIZEN_REPORTS, from: cfg.historyFrom, to, observations: history.length });
    monitoringTick();
    enqueue(backfill.after, true);
    kick(dossierEvents);
    // their own random stream, so the tide, air and dossier runs stay the same with or without them
    sources = startConnectorSources(cfg, { now, rng: createRng(cfg.seed ^ 0x5eed), log: throttled, ...(options.fetch ? { fetch: options.fetch } : {}) });
    timers.push(
      setInterval(monitoringTick, cfg.monitoringIntervalMs),
      setInterval(() => kick(dossierEvents), cfg.dossierIntervalMs),
      setInterval(() => log(summary()), logIntervalMs),
    );
    await stopRequested;
    return 'stopped';
  })();

  async function settled() {
    await finished;
    await observations.flushing;
    await dossierEvents.flushing;
  }

  return {
    finished,
    async stop() {
      if (!stopped) {
        stopped = true;
        for (const t of timers) clearInterval(t);
        await sources?.stop();
        controller.abort();
        await feedback?.stop();
        resolveStop();
        const exit = await finished;
        await settled();
        if (exit === 'stopped')
          log({
            level: 'info',
            msg: 'stopped',
            totals: { observations: observations.totals, dossierEvents: dossierEvents.totals },
            unsent: observations.outbox.length + dossierEvents.outbox.length,
          });
      }
      await settled();
    },
  };
}
