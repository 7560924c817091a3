/**
 * The `soak` bench (issue 13 #9): pnpm bench --soak [--soak-minutes=N] (not part of the default run).
 * The wall in Debian's Chromium against the compiled server, fed by the Cần Thơ demo simulator at high
 * speed, over the equivalent of 24 hours of the demo's events: the demo's clocks (monitoring interval,
 * tide) run 24 h / N min times faster (N = 8 by default: 180×, a simulated hour every 20 s; the dossier
 * stream at most 10× — `--soak-dossier-speedup` — as the server on a shared 2-core machine falls behind
 * at 180×), after a warm-up of 6 simulated hours at that speed (the water-level chart's buffer, six hours of the wall clock,
 * is seeded full before the wall opens: seedWaterLevelWindow),
 * the scenes rotate every 5 s (the shortest dwell), and the run goes through one socket disconnection
 * (the page's WebSocket closed under it from the page, a third of the way; the page's sockets are not routed through
 * Playwright, whose relay of every frame through this process starved the wall of heartbeats under load) and one server restart (SIGKILL and a new
 * process on the same port and data, two thirds of the way).
 *
 * Every simulated hour, after a forced garbage collection (CDP HeapProfiler.collectGarbage), it
 * samples the JS heap in use, DOM nodes and event listeners (CDP Performance.getMetrics) and the WebGL
 * contexts alive (an init script counts every context a canvas hands out that is not lost), and
 * reports each one's least-squares slope per simulated hour over hours 1–24 with its standard
 * error, beside the spread of five samples within the first hour (the noise): growth counts as beyond
 * noise when the slope is more than two standard errors above zero AND its 24-hour total exceeds the
 * first-hour spread.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { CAN_THO_STATIONS } from '@cityioc/domain';
import { MAX_POINTS, stepFor } from '../apps/dashboard/src/panels/water-level/water-level.buffer.ts';
import { startSimulator, type LogEntry } from '../apps/simulator/src/index.ts';
import { launchChromium } from '../test-support/browser.ts';
import { freePort, PROCESS_TOKENS, startServerProcess, tempDataDir, type ServerProcess } from '../test-support/server-process.ts';
import { byConstructor, compareSnapshots, takeHeapSnapshot, type ConstructorCount } from './heap-snapshot.ts';
import { attributeGaps, lagSummary, PAGE_STALL_PROBE, probeServer } from './soak-probe.ts';

export interface SoakBenchDeps {
  root: string;
  results: Record<string, unknown>;
  /** Real minutes for the 24 simulated hours. */
  minutes: number;
  /** Real minutes at the same speed before the first sample (not counted): the wall's bounded buffers fill. Default: the
   *  real time of WARMUP_SIM_HOURS at the run's speed. */
  warmupMinutes?: number;
  /** The dossier stream's speed-up over the demo, at most (the server on a shared 2-core machine falls behind at 180×). */
  dossierSpeedupCap?: number;
  /** Simulated hours after whose sample a heap snapshot of the page is taken (files in the OS temp dir); the first two are compared by constructor. */
  heapAt?: number[];
}

const DEMO_KEY = 'demo-simulator-key';
const SIM_HOURS = 24;
/** The normal demo (apps/simulator/src/config.ts): monitoring every 2 s, dossiers every 5 s, tide 30×, dossiers 60×. */
const DEMO = { monitoringIntervalMs: 2000, dossierIntervalMs: 5000, tideSpeed: 30, dossierSpeed: 60 };
const SCENE_SECONDS = 5;
/** The warm-up, in simulated hours: the wall's largest buffer (the water-level chart's 6 h, at most 4,000 points a station) fills first. */
const WARMUP_SIM_HOURS = 6;
/** The wall's default dwell (SCENE_SECONDS of the dashboard), for the share of a day's rotations covered. */
const DEFAULT_SCENE_SECONDS = 45;

export interface SoakSample {
  simHour: number;
  realS: number;
  heapUsedMB: number;
  domNodes: number;
  listeners: number;
  webglAlive: number;
}

/** Counts WebGL contexts as the page creates them; `alive` = not lost (a removed map loses its context). */
const WEBGL_COUNTER = `(() => {
  const made = [];
  const orig = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = orig.call(this, type, ...rest);
    if (ctx && /webgl/.test(String(type)) && !made.some((r) => r.deref() === ctx)) made.push(new WeakRef(ctx));
    return ctx;
  };
  window.__soakWebgl = () => made.filter((r) => { const c = r.deref(); return c && !c.isContextLost(); }).length;
})();`;

/**
 * Keeps the page's open WebSockets (a subclass the page's Socket.IO client constructs) so that the bench can close
 * them under it, as a network drop would: the client sees its transport close and reconnects.
 */
const SOCKET_KEEPER = `(() => {
  const Native = window.WebSocket;
  const open = new Set();
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      open.add(this);
      this.addEventListener('close', () => open.delete(this));
    }
  };
  window.__soakDropSockets = () => {
    const n = open.size;
    for (const ws of open) ws.close(4000, 'soak: network drop');
    return n;
  };
})();`;

/** One sample; its simulated hour is the time it was taken (a GC on a busy page can run late). */
async function sample(cdp: CDPSession, page: Page, t0: number, hourMs: number): Promise<SoakSample> {
  const simHour = (Date.now() - t0) / hourMs;
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? NaN;
  const webglAlive = (await page.evaluate('window.__soakWebgl ? window.__soakWebgl() : -1')) as number;
  return {
    simHour: +simHour.toFixed(3),
    realS: +((Date.now() - t0) / 1000).toFixed(1),
    heapUsedMB: +(m('JSHeapUsedSize') / 1048576).toFixed(2),
    domNodes: m('Nodes'),
    listeners: m('JSEventListeners'),
    webglAlive,
  };
}

export interface Trend {
  /** Least-squares slope per simulated hour. */
  slopePerHour: number;
  /** Its standard error. */
  stdError: number;
  /** slope × 24: the growth over the day. */
  over24h: number;
  /** Max − min of the samples within the first simulated hour. */
  firstHourSpread: number;
  beyondNoise: boolean;
}

/** Least squares y = a + b·x; the slope's standard error from the residuals. */
export function trend(xs: number[], ys: number[], firstHourSpread: number): Trend {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  const a = my - b * mx;
  const sse = ys.reduce((s, y, i) => s + (y - a - b * xs[i]!) ** 2, 0);
  const se = n > 2 && sxx > 0 ? Math.sqrt(sse / (n - 2) / sxx) : Infinity;
  const over24h = b * SIM_HOURS;
  return {
    slopePerHour: +b.toPrecision(4),
    stdError: +se.toPrecision(3),
    over24h: +over24h.toPrecision(4),
    firstHourSpread: +firstHourSpread.toPrecision(4),
    beyondNoise: b > 2 * se && over24h > firstHourSpread,
  };
}

/** The water-level chart's window (apps/dashboard useWaterLevelSeries WINDOW_MS): six hours of the wall clock. */
const WL_WINDOW_MS = 6 * 3_600_000;

/**
 * The water-level chart's buffer holds the last six hours *of the wall clock* (readings are stamped with real time, the
 * demo only runs its tide faster), at most MAX_POINTS a station: in a soak of less than six real hours it would fill
 * all along, a bounded buffer read as growth. So before the wall opens each gauge gets six hours of readings, one per
 * step of the buffer, ending now, below BĐ I (no alert): the buffer starts at its cap and stays there.
 */
async function seedWaterLevelWindow(url: string): Promise<void> {
  const step = stepFor(WL_WINDOW_MS);
  const now = Date.now();
  const lines: string[] = [];
  for (const st of CAN_THO_STATIONS.filter((s) => s.indicators.includes('water_level'))) {
    for (let i = MAX_POINTS; i >= 1; i--) {
      const t = now - i * step;
      const value = Math.round(150 + 15 * Math.sin((t / 3_600_000) * (Math.PI / 6)));
      lines.push(
        JSON.stringify({
          id: `soak-seed-${st.id}-${t}`,
          indicator: 'water_level',
          area: st.area,
          station: st.id,
          observedAt: new Date(t).toISOString(),
          value,
        }),
      );
    }
  }
  const r = await fetch(`${url}/api/v1/observations/ndjson`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', 'x-api-key': DEMO_KEY },
    body: lines.join('\n'),
  });
  if (r.status !== 200) throw new Error(`seeding the water-level window: ${r.status} ${(await r.text()).slice(0, 300)}`);
}

export async function benchSoak({
  root,
  results,
  minutes,
  warmupMinutes = (minutes * WARMUP_SIM_HOURS) / SIM_HOURS,
  dossierSpeedupCap = 10,
  heapAt = [],
}: SoakBenchDeps) {
  const speed = (SIM_HOURS * 60) / minutes;
  const dossierSpeedup = Math.min(speed, dossierSpeedupCap);
  const hourMs = 3_600_000 / speed;
  const data = tempDataDir();
  const port = await freePort();
  const env = { IOC_DASHBOARD_DIR: `${root}/apps/dashboard/dist`, IOC_DEMO: 'true', IOC_RATE_LIMIT_PER_MINUTE: '100000000' };
  const start = () => startServerProcess({ dataDir: data.dir, port, env });
  let server: ServerProcess = await start();
  const browser = await launchChromium();
  const simLog: LogEntry[] = [];
  const sim = startSimulator({
    iocUrl: server.url,
    apiKey: DEMO_KEY,
    monitoringIntervalMs: Math.max(10, Math.round(DEMO.monitoringIntervalMs / speed)),
    dossierIntervalMs: Math.max(10, Math.round(DEMO.dossierIntervalMs / dossierSpeedup)),
    tideSpeed: DEMO.tideSpeed * speed,
    dossierSpeed: DEMO.dossierSpeed * dossierSpeedup,
    dossierBackfill: false,
    history: false,
    ngsiLd: false,
    logIntervalMs: hourMs,
    log: (e) => simLog.push(e),
  });
  const samples: SoakSample[] = [];
  // the server's event loop, read every second through the run (soak-probe.ts)
  const probe = probeServer(() => server.url);
  const events = { disconnections: 0, restarts: 0, sockets: 0, failedStarts: [] as string[] };
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // the watchdog's own words (re-subscribes, reloads) and the page loads, which a reload resets window.__ioc of
    const watchdogLog: string[] = [];
    let loads = 0;
    page.on('console', (m) => {
      if (m.text().startsWith('[watchdog]')) watchdogLog.push(`${new Date().toISOString()} ${m.text()}`);
    });
    page.on('load', () => loads++);
    await page.addInitScript(WEBGL_COUNTER);
    await page.addInitScript(PAGE_STALL_PROBE);
    // the page's sockets are left alone (a routed WebSocket relays every frame through this process: under load, that
    // relay, not the server, starved the wall of heartbeats), and an init script keeps them so that the bench can drop one
    await page.addInitScript(SOCKET_KEEPER);
    page.on('websocket', (ws) => {
      if (ws.url().includes('/socket.io/')) events.sockets++;
    });
    await seedWaterLevelWindow(server.url);
    const device = await fetch(`${server.url}/api/v1/admin/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PROCESS_TOKENS.admin}` },
      body: JSON.stringify({ name: 'soak wall', scopes: { units: ['92'], agencies: [] } }),
    });
    const { link } = (await device.json()) as { link: string };
    await page.goto(`${server.url}${link}`);
    await page.goto(`${server.url}/?kiosk&sceneSeconds=${SCENE_SECONDS}`);
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 120_000 });
    const cdp = await context.newCDPSession(page);
    const heapSnapshots: { hour: number; file: string; counts: Map<string, ConstructorCount> }[] = [];
    await cdp.send('Performance.enable');
    const scenes = new Set<string>();
    let rotations = 0;
    let lastScene: string | null = null;
    const sceneWatch = setInterval(() => {
      void page
        .getAttribute('[data-testid="wall"]', 'data-scene')
        .then((s) => {
          if (s && s !== lastScene) {
            if (lastScene !== null) rotations++;
            lastScene = s;
            scenes.add(s);
          }
        })
        .catch(() => undefined);
    }, 1000);

    const until = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));
    console.log(
      `soak: a ${warmupMinutes} min warm-up, then 24 simulated hours in ${minutes} real minutes (${speed.toFixed(0)}× the demo, dossiers ` +
        `${dossierSpeedup}×), a sample every ${(hourMs / 1000).toFixed(0)} s`,
    );
    await until(Date.now() + warmupMinutes * 60_000);
    const t0 = Date.now();
    const at = (h: number) => t0 + h * hourMs;
    // five samples across the first hour: the noise
    for (let i = 0; i < 5; i++) {
      await until(at(i / 5));
      const s = await sample(cdp, page, t0, hourMs);
      samples.push(s);
      console.log(`  first hour (at ${s.simHour.toFixed(2)}): heap ${s.heapUsedMB} MB, DOM ${s.domNodes}, listeners ${s.listeners}, WebGL ${s.webglAlive}`);
    }
    for (let h = 1; h <= SIM_HOURS; h++) {
      if (h === 8) {
        // the page's socket closed under it (as a network drop): Socket.IO reconnects and re-syncs
        events.disconnections += (await page.evaluate('window.__soakDropSockets()')) as number;
      }
      if (h === 16) {
        await server.stop('SIGKILL');
        // a start whose restore outlasts Fastify's 10 s ready timeout on a loaded machine exits: try again, and say so
        for (let attempt = 1; ; attempt++) {
          try {
            server = await start();
            break;
          } catch (e) {
            events.failedStarts.push(
              String(e)
                .split('\n')
                .find((l) => l.includes('FST_') || l.includes('Error')) ?? String(e).slice(0, 200),
            );
            if (attempt === 3) throw e;
          }
        }
        events.restarts++;
      }
      await until(at(h));
      const s = await sample(cdp, page, t0, hourMs);
      samples.push(s);
      if (heapAt.includes(h)) {
        const file = join(tmpdir(), `soak-heap-h${h}-${process.pid}.heapsnapshot`);
        heapSnapshots.push({ hour: h, file, counts: byConstructor(await takeHeapSnapshot(cdp, file)) });
        console.log(`  heap snapshot at hour ${h}: ${file}`);
      }
      console.log(
        `  h${String(h).padStart(2)} (at ${s.simHour.toFixed(2)}): heap ${s.heapUsedMB} MB, DOM ${s.domNodes}, listeners ${s.listeners}, WebGL ${s.webglAlive} (real ${s.realS} s)`,
      );
    }
    clearInterval(sceneWatch);
    const watchdog = await page.evaluate(() => (window as unknown as { __ioc?: { watchdog?: unknown } }).__ioc?.watchdog ?? null);
    const linkOnline = await page.isHidden('[data-testid="offline-banner"]');
    const pageStalls = (await page.evaluate('window.__soakPageStalls ? window.__soakPageStalls() : []')) as [number, number][];
    await probe.stop();
    const gapCauses = attributeGaps(watchdogLog, probe.samples, pageStalls);
    const serverLag = lagSummary(probe.samples);
    const [snapA, snapB] = heapSnapshots;
    const heapGrowth =
      snapA && snapB ? { from: snapA.hour, to: snapB.hour, files: [snapA.file, snapB.file], top: compareSnapshots(snapA.counts, snapB.counts) } : null;

    const first = samples.filter((s) => s.simHour < 1);
    const day = samples.filter((s) => s.simHour >= 1);
    const spread = (k: keyof SoakSample) => Math.max(...first.map((s) => s[k])) - Math.min(...first.map((s) => s[k]));
    const fit = (k: 'heapUsedMB' | 'domNodes' | 'listeners' | 'webglAlive') =>
      trend(
        day.map((s) => s.simHour),
        day.map((s) => s[k]),
        spread(k),
      );
    const trends = { heapUsedMB: fit('heapUsedMB'), domNodes: fit('domNodes'), listeners: fit('listeners'), webglAlive: fit('webglAlive') };
    // hours 12–24 alone: a bounded buffer still filling shows as a slope that flattens in the second half
    const late = day.filter((s) => s.simHour >= 12);
    const heapSecondHalf = trend(
      late.map((s) => s.simHour),
      late.map((s) => s.heapUsedMB),
      spread('heapUsedMB'),
    );
    type Lanes = { observations: { accepted: number; dropped: number }; dossierEvents: { accepted: number } };
    const simSummaries = simLog.filter((e) => e.msg === 'simulator') as (LogEntry & { lastMinute?: Lanes })[];
    const accepted = simSummaries.reduce((n, e) => n + (e.lastMinute?.observations.accepted ?? 0), 0);
    const dossierEvents = simSummaries.reduce((n, e) => n + (e.lastMinute?.dossierEvents.accepted ?? 0), 0);
    const dropped = simSummaries.reduce((n, e) => n + (e.lastMinute?.observations.dropped ?? 0), 0);
    const warnings = simLog.filter((e) => e.level !== 'info').length;
    // a demo day: 25 observations (4 water levels, 3 air stations × 7) every 2 s
    const demoDayObservations = ((SIM_HOURS * 3600) / (DEMO.monitoringIntervalMs / 1000)) * 25;
    const day24Rotations = (SIM_HOURS * 3600) / DEFAULT_SCENE_SECONDS;
    results.soak = {
      realMinutes: +((Date.now() - t0) / 60_000).toFixed(2),
      speedup: +speed.toFixed(1),
      sceneSeconds: SCENE_SECONDS,
      sceneRotations: rotations,
      scenesSeen: [...scenes],
      shareOfADaysRotationsAt45s: +(rotations / day24Rotations).toFixed(3),
      observationsAccepted: accepted,
      observationsShareOfADemoDay: +(accepted / demoDayObservations).toFixed(3),
      observationsDropped: dropped,
      dossierEventsAccepted: dossierEvents,
      dossierSpeedup,
      simulatorWarnings: warnings,
      heapSecondHalf,
      events,
      watchdog,
      watchdogLog,
      gapCauses,
      serverLag,
      heapGrowth,
      serverSamples: probe.samples,
      pageStalls,
      pageStallsOver2s: pageStalls.length,
      pageStallMaxMs: Math.max(0, ...pageStalls.map(([, l]) => l)),
      pageLoads: loads,
      linkOnlineAtEnd: linkOnline,
      pageErrors,
      trends,
      samples,
    };
    for (const [k, t] of Object.entries(trends)) {
      console.log(
        `soak ${k}: slope ${t.slopePerHour}/h ± ${t.stdError} (SE), ${t.over24h} over 24 h vs a first-hour spread of ${t.firstHourSpread}: ${t.beyondNoise ? 'GROWTH BEYOND NOISE' : 'no growth beyond noise'}`,
      );
    }
    console.log(
      `soak heap over hours 12–24 only: slope ${heapSecondHalf.slopePerHour}/h ± ${heapSecondHalf.stdError}: ${heapSecondHalf.beyondNoise ? 'growth beyond noise' : 'no growth beyond noise'}`,
    );
    console.log(
      `soak: ${rotations} scene rotations (${(100 * (rotations / day24Rotations)).toFixed(1)} % of a day's at ${DEFAULT_SCENE_SECONDS} s), ` +
        `${accepted} observations accepted (${(100 * (accepted / demoDayObservations)).toFixed(0)} % of a demo day's, ${dropped} dropped), ` +
        `${dossierEvents} dossier events, ${warnings} simulator warnings, ` +
        `${events.disconnections} disconnection, ${events.restarts} restart, ${events.sockets} sockets opened, ${loads} page loads, ` +
        `${watchdogLog.length} watchdog actions, link online at the end: ${linkOnline}, page errors: ${pageErrors.length}`,
    );
    console.log(
      `soak server loop: worst delay per second p50 ${serverLag.lagMaxPerSecondMs.p50} ms, p99 ${serverLag.lagMaxPerSecondMs.p99} ms, ` +
        `max ${serverLag.lagMaxPerSecondMs.max} ms, ${serverLag.secondsWithLagOver1s} s above 1 s; metrics read p99 ${serverLag.scrapeMs.p99} ms, ` +
        `max ${serverLag.scrapeMs.max} ms; page timer late > 2 s: ${pageStalls.length} times`,
    );
    console.log(
      `soak server stalls > 1 s: ${serverLag.stalls.length}, with a checkpoint finished in the same second ${serverLag.stallsWithCheckpoint}, ` +
        `with > 0.5 s of GC ${serverLag.stallsWithGcOver500ms}; at ${serverLag.stalls.map((x) => `${x.atS} s (${Math.round(x.lagMaxMs)} ms${x.checkpoint ? ', checkpoint' : ''}${x.gcS > 0.5 ? `, GC ${x.gcS} s` : ''})`).join(', ')}`,
    );
    if (heapGrowth) {
      console.log(`soak heap by constructor, hour ${heapGrowth.from} → ${heapGrowth.to} (self size; count):`);
      for (const r of heapGrowth.top)
        console.log(
          `  ${(r.deltaBytes / 1024).toFixed(1).padStart(9)} KiB ${String(r.deltaCount).padStart(7)}  ${r.name} (${r.count[0]} → ${r.count[1]}, ${(r.selfBytes[0] / 1024).toFixed(0)} → ${(r.selfBytes[1] / 1024).toFixed(0)} KiB)`,
        );
    }
    for (const g of gapCauses)
      console.log(
        `  watchdog at ${g.at}: server loop max ${g.serverLagMaxMs} ms, metrics read max ${g.serverScrapeMaxMs} ms, ` +
          `checkpoint ${g.checkpointInWindow ? 'yes' : 'no'}, GC ${g.gcInWindowS} s, page timer late max ${g.pageStallMaxMs} ms (25 s before)`,
      );
    await context.close();
  } finally {
    await probe.stop();
    await sim.stop();
    await browser.close();
    await server.stop('SIGKILL');
    data.remove();
  }
}
