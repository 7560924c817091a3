/**
 * The soak's probes for its heartbeat gaps (issue 13 #9): what the server's event loop and the page's
 * own timers did around each watchdog action, so that a gap is attributed (server stall, checkpoint,
 * garbage collection, a starved page) from measurements rather than guessed.
 *
 * - Server: its Prometheus `/metrics` (open to loopback) read every second. prom-client resets its
 *   event-loop delay histogram at each read, so `nodejs_eventloop_lag_max_seconds` is the worst delay
 *   of the last second; the read's own time shows a stall the histogram cannot yet report;
 *   `ioc_checkpoint_age_seconds` falling marks a checkpoint, `nodejs_gc_duration_seconds_sum` the GC.
 * - Page: an init script whose 250 ms interval notes every turn that came more than 2 s late (the
 *   renderer itself starved, whatever the server did).
 */

export interface ServerProbeSample {
  /** Bench clock (ms) when the read answered. */
  t: number;
  /** The read's round trip (ms): a stalled server answers late. */
  scrapeMs: number;
  lagMaxMs: number;
  lagP99Ms: number;
  checkpointAgeS: number;
  gcSumS: number;
}

const metric = (text: string, name: string): number => {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== ' ' && line[name.length] !== '{')) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    found = true;
  }
  return found ? sum : NaN;
};

/** Reads the server's metrics every `everyMs` until stopped; `url` is read each time (a restarted server keeps its port). */
export function probeServer(url: () => string, everyMs = 1000) {
  const samples: ServerProbeSample[] = [];
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      const t0 = Date.now();
      try {
        const res = await fetch(`${url()}/metrics`, { signal: AbortSignal.timeout(60_000) });
        const text = await res.text();
        const t = Date.now();
        samples.push({
          t,
          scrapeMs: t - t0,
          lagMaxMs: +(metric(text, 'nodejs_eventloop_lag_max_seconds') * 1000).toFixed(1),
          lagP99Ms: +(metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1),
          checkpointAgeS: +metric(text, 'ioc_checkpoint_age_seconds').toFixed(1),
          gcSumS: +metric(text, 'nodejs_gc_duration_seconds_sum').toFixed(3),
        });
      } catch {
        // a restart in progress: nothing to read
      }
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - t0))));
    }
  };
  const done = loop();
  return {
    samples,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

/** The page's own timer: turns more than 2 s late, as [page clock ms at the late turn, lateness ms]. */
export const PAGE_STALL_PROBE = `(() => {
  const late = [];
  let last = Date.now();
  setInterval(() => {
    const now = Date.now();
    if (now - last > 2250) late.push([now, now - last - 250]);
    last = now;
  }, 250);
  window.__soakPageStalls = () => late;
})();`;

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export interface GapCause {
  at: string;
  /** The window looked at: the 25 s before the action (the watchdog acts after ≥ 10 s of silence). */
  serverLagMaxMs: number;
  serverScrapeMaxMs: number;
  checkpointInWindow: boolean;
  gcInWindowS: number;
  pageStallMaxMs: number;
}

/** For each watchdog action (ISO time first in its log line), what the probes saw in the 25 s before it. */
export function attributeGaps(watchdogLog: string[], server: ServerProbeSample[], pageStalls: [number, number][]): GapCause[] {
  return watchdogLog.map((line) => {
    const at = Date.parse(line.slice(0, line.indexOf(' ')));
    const inWin = server.filter((s) => s.t > at - 25_000 && s.t <= at + 1000);
    const before = server.filter((s) => s.t <= at - 25_000).at(-1);
    const ages = [before, ...inWin].filter((s) => s !== undefined).map((s) => s.checkpointAgeS);
    const gc = inWin.length > 0 ? inWin.at(-1)!.gcSumS - (before?.gcSumS ?? inWin[0]!.gcSumS) : 0;
    return {
      at: new Date(at).toISOString(),
      serverLagMaxMs: Math.max(0, ...inWin.map((s) => s.lagMaxMs)),
      serverScrapeMaxMs: Math.max(0, ...inWin.map((s) => s.scrapeMs)),
      checkpointInWindow: ages.some((a, i) => i > 0 && a < ages[i - 1]!),
      gcInWindowS: +gc.toFixed(3),
      pageStallMaxMs: Math.max(0, ...pageStalls.filter(([t]) => t > at - 25_000 && t <= at + 1000).map(([, l]) => l)),
    };
  });
}

/**
 * The server's per-second worst loop delays over the run: their p50/p99/max, and the reads that saw a
 * delay above 1 s, each attributed: a checkpoint finished since the read before (its age fell), the
 * GC time since the read before, and the time since the previous stall (a period shows there).
 */
export function lagSummary(server: ServerProbeSample[]) {
  const lag = server.map((s) => s.lagMaxMs).filter((x) => Number.isFinite(x));
  const scrape = server.map((s) => s.scrapeMs);
  const t0 = server[0]?.t ?? 0;
  const stalls = server.flatMap((s, i) => {
    if (!(s.lagMaxMs > 1000) || i === 0) return [];
    const prev = server[i - 1]!;
    return [
      {
        atS: Math.round((s.t - t0) / 1000),
        lagMaxMs: s.lagMaxMs,
        checkpoint: s.checkpointAgeS < prev.checkpointAgeS,
        gcS: +(s.gcSumS - prev.gcSumS).toFixed(3),
      },
    ];
  });
  return {
    reads: server.length,
    lagMaxPerSecondMs: { p50: pct(lag, 50), p99: pct(lag, 99), max: Math.max(0, ...lag) },
    secondsWithLagOver1s: lag.filter((x) => x > 1000).length,
    stallsWithCheckpoint: stalls.filter((x) => x.checkpoint).length,
    stallsWithGcOver500ms: stalls.filter((x) => x.gcS > 0.5).length,
    stalls,
    scrapeMs: { p50: pct(scrape, 50), p99: pct(scrape, 99), max: Math.max(0, ...scrape) },
  };
}
