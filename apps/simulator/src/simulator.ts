import { MAX_BATCH_ITEMS, type ObservationInput } from '@cityioc/contracts';
import { bandOf, CAN_THO_STATIONS } from '@cityioc/domain';
import { initAir, stepAir, type AirState } from './air.ts';
import { DEFAULT_CONFIG, type SimulatorConfig } from './config.ts';
import { DOSSIER_DISTRICTS, dossierObservations, initDossiers, stepDossiers, type DossierState } from './dossiers.ts';
import { createRng } from './rng.ts';
import { createSender, waitForReady, type SenderOptions } from './sender.ts';
import { tideObservations, tideTime, type TideClock } from './tide.ts';
import { toLocalRfc3339 } from './time.ts';

export type LogEntry = { level: 'info' | 'warn' | 'error'; msg: string } & Record<string, unknown>;

export interface SimulatorOptions extends Partial<SimulatorConfig> {
  /** Wall clock; the generators get every time from here. */
  now?: () => number;
  fetch?: typeof fetch;
  /** One JSON line per call by default. */
  log?: (entry: LogEntry) => void;
  /** Summary line period. */
  logIntervalMs?: number;
  /** Unchanged district counters are re-sent this often so they never go stale. */
  dossierHeartbeatMs?: number;
  /** Observations kept while the IOC is unreachable; the oldest are dropped beyond this. */
  maxOutbox?: number;
  sender?: Pick<SenderOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs'>;
}

export type SimulatorExit = 'stopped' | 'not_ready';

export interface SimulatorHandle {
  /** Stops the timers, aborts waits and in-flight requests, and resolves when everything has settled. */
  stop(): Promise<void>;
  /** Settles when the simulator ends: 'not_ready' if the IOC never answered /readyz. */
  readonly finished: Promise<SimulatorExit>;
}

interface Counts {
  batches: number;
  observations: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  retries: number;
  failures: number;
  dropped: number;
}
const zeroCounts = (): Counts => ({
  batches: 0,
  observations: 0,
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  retries: 0,
  failures: 0,
  dropped: 0,
});

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Runs the Cần Thơ demo feeds against the public ingest API: waits for /readyz, then posts
 * water levels and air quality every `monitoringIntervalMs` and the dossier counters every
 * `dossierIntervalMs`, one batch per tick. Usable in-process or from main.ts.
 */
export function startSimulator(options: SimulatorOptions = {}): SimulatorHandle {
  const cfg: SimulatorConfig = { ...DEFAULT_CONFIG, ...withoutUndefined(options) };
  const now = options.now ?? Date.now;
  const log = options.log ?? ((e: LogEntry) => console.log(JSON.stringify({ time: toLocalRfc3339(now()), ...e })));
  const logIntervalMs = options.logIntervalMs ?? 60_000;
  const heartbeatMs = options.dossierHeartbeatMs ?? 60_000;
  const maxOutbox = options.maxOutbox ?? 20_000;

  const controller = new AbortController();
  const timers: ReturnType<typeof setInterval>[] = [];
  let stopped = false;
  let resolveStop!: () => void;
  const stopRequested = new Promise<void>((r) => (resolveStop = r));

  const outbox: ObservationInput[] = [];
  let flushing: Promise<void> | null = null;
  let window = zeroCounts();
  const totals = zeroCounts();
  const lastWarn = new Map<string, number>();

  const sender = createSender({
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
  });

  const rng = createRng(cfg.seed);
  let lastT = 0;
  let tideClock: TideClock;
  let air: AirState;
  let dossiers: DossierState;
  const lastDossierEmit = new Map<string, number>();
  const latest = new Map<string, number>();

  /** Logs a warning or error at most once per 10 s per kind, so an outage does not flood the log. */
  function throttled(kind: string, entry: LogEntry) {
    const t = now();
    if (t - (lastWarn.get(kind) ?? -Infinity) < 10_000) return;
    lastWarn.set(kind, t);
    log(entry);
  }

  function count(k: keyof Counts, n: number) {
    window[k] += n;
    totals[k] += n;
  }

  /** Strictly increasing tick times, so ids never repeat even if the wall clock steps back. */
  function tickTime(): number {
    lastT = Math.max(now(), lastT + 1);
    return lastT;
  }

  function enqueue(items: ObservationInput[]) {
    if (items.length === 0) return;
    for (const o of items) if (o.value !== undefined && o.station) latest.set(`${o.station}|${o.indicator}`, o.value);
    outbox.push(...items);
    if (outbox.length > maxOutbox) count('dropped', outbox.splice(0, outbox.length - maxOutbox).length);
    kick();
  }

  function kick() {
    if (flushing || stopped) return;
    flushing = flush().finally(() => (flushing = null));
  }

  async function flush() {
    while (outbox.length > 0 && !stopped) {
      const batch = outbox.splice(0, MAX_BATCH_ITEMS);
      const out = await sender.send(batch);
      if (out.kind === 'aborted') {
        outbox.unshift(...batch);
        return;
      }
      count('batches', 1);
      if (out.kind === 'stored') {
        count('observations', batch.length);
        count('accepted', out.accepted);
        count('duplicates', out.duplicates);
        count('rejected', out.rejected);
        count('retries', out.attempts - 1);
        if (totals.batches === 1) log({ level: 'info', msg: 'first batch stored', accepted: out.accepted, status: out.status });
        const first = out.rejectedItems[0];
        if (first) {
          throttled('rejected', {
            level: 'warn',
            msg: 'items rejected by the IOC (not retried)',
            rejected: out.rejected,
            example: { id: first.id, errors: first.errors },
          });
        }
      } else if (out.retryable) {
        // Keep the batch: the next tick sends the same ids again.
        count('retries', out.attempts - 1);
        count('failures', 1);
        outbox.unshift(...batch);
        if (outbox.length > maxOutbox) count('dropped', outbox.splice(0, outbox.length - maxOutbox).length);
        throttled('unreachable', { level: 'warn', msg: 'IOC unreachable, will retry', error: out.error, outbox: outbox.length });
        return;
      } else {
        count('failures', 1);
        count('dropped', batch.length);
        throttled(`fatal-${out.status}`, {
          level: 'error',
          msg: out.status === 401 ? 'API key refused: check IOC_DEMO_KEY' : 'batch refused by the IOC, dropped',
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
    enqueue([...tideObservations(t, tideClock, rng), ...a.observations]);
  }

  function dossierTick(all = false) {
    const t = tickTime();
    const r = stepDossiers(dossiers, t, { speed: cfg.dossierSpeed, alwaysOpen: cfg.dossierAlwaysOpen }, rng);
    dossiers = r.state;
    const due = DOSSIER_DISTRICTS.map((d) => d.code).filter(
      (code) => all || r.changed.includes(code) || t - (lastDossierEmit.get(code) ?? -Infinity) >= heartbeatMs,
    );
    for (const code of due) lastDossierEmit.set(code, t);
    enqueue(dossierObservations(dossiers, t, due));
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
    const city = Object.values(dossiers.districts).reduce((s, c) => ({ received: s.received + c.received, overdue: s.overdue + c.pendingOverdue }), {
      received: 0,
      overdue: 0,
    });
    const entry: LogEntry = {
      level: 'info',
      msg: 'simulator',
      lastMinute: window,
      outbox: outbox.length,
      tideTime: toLocalRfc3339(tideTime(t, tideClock)),
      waterLevel: levels,
      aqi,
      dossiers: { month: dossiers.monthKey, ...city },
    };
    window = zeroCounts();
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

    const t0 = now();
    tideClock = { originMs: t0, speed: cfg.tideSpeed, offsetMs: cfg.tideOffsetH * 3_600_000 };
    air = initAir(t0, rng);
    dossiers = initDossiers(t0);
    lastT = t0 - 1;
    log({
      level: 'info',
      msg: 'simulating',
      url: cfg.iocUrl,
      tideSpeed: cfg.tideSpeed,
      dossierSpeed: cfg.dossierSpeed,
      dossierAlwaysOpen: cfg.dossierAlwaysOpen,
      seed: cfg.seed,
    });
    monitoringTick();
    dossierTick(true);
    timers.push(
      setInterval(monitoringTick, cfg.monitoringIntervalMs),
      setInterval(() => dossierTick(), cfg.dossierIntervalMs),
      setInterval(() => log(summary()), logIntervalMs),
    );
    await stopRequested;
    return 'stopped';
  })();

  return {
    finished,
    async stop() {
      if (!stopped) {
        stopped = true;
        for (const t of timers) clearInterval(t);
        controller.abort();
        resolveStop();
        const exit = await finished;
        await flushing;
        if (exit === 'stopped') log({ level: 'info', msg: 'stopped', totals, unsent: outbox.length });
      }
      await finished;
      await flushing;
    },
  };
}
