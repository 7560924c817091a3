/**
 * pnpm bench: ingest throughput and event-to-browser latency, each figure beside a ceiling
 * measured in the same run on the same machine.
 *   1. NDJSON bulk, persisted  vs  the same route parsing + validating and discarding, 3× each, on SQLite and on PostgreSQL
 *      with the cross-node follower on and off (its cost), same run, and the server's CPU per event of each (bench/ndjson.bench.ts)
 *   2. single-observation POST vs  a bare Fastify route of the same server, in turns
 *   3. latency: POST acknowledgement → Socket.IO client at one event / 500 ms and at 10,000 events/s, beside a bare
 *      socket.io server emitting the same delta on the same schedule, same run (bench/latency.bench.ts)
 *   4. time from opening the wall screen (kiosk link, fresh context) to live data on it vs the same navigation's load event
 *   5. dossiers: replay of 1M dossier events (the restart path of the admin indicators) vs the same events parsed and grouped
 *      by dossier without the state; dossiermem: 2 M dossiers over a year replayed in a fresh `node --expose-gc` process,
 *      bytes per dossier retained after GC and RSS, packed vs unpacked at 250 k with the same indicators (bench/dossiermem.bench.ts)
 *   6. restart: checkpoint + tail vs a full replay at 1M / 10M on SQLite and PostgreSQL; one station's day through
 *      GET /api/v1/history and through the store vs the same SQL through the driver alone (bench/restart.ts)
 *   7. analyst: rollup load rate vs the log alone, explorer query p50/p99 vs the 300 ms ceiling (1M and 10M)
 *   8. mqtt: the saturation rate (open loop, doubled then bisected until the p99 of publish → screen passes 1 s) of
 *      MQTT (real mosquitto) → IOC → a browser and of HTTP batches → IOC → the browser, as ratios to mosquitto's
 *      pass-through to a plain subscriber, same run (bench/mqtt.ts)
 *   9. monitoring path in process: live state alone vs with derived values (flood rank, NowCast) and alert rules
 *  10. reporting: CSV import stored whole vs the same parse and validation in process, both warm, in turns (bench/reporting.bench.ts)
 *  12. geo: a 103-commune boundary import with its checks vs the ceiling of 5 s (and JSON.parse alone); a year of daily
 *      history of the 103 communes in today's units through the crosswalk vs the same without it (bench/geo.bench.ts)
 *  11. uploads: /healthz p50/p99 and peak RSS idle vs during a 60 MB NDJSON upload, a hostile XLSX and a
 *      large XLSX import, beside the upload's rate against the parse + validate ceiling (bench/uploads.ts)
 *  13. access: single POST and snapshot with authorization vs the same server with IOC_BENCH_ALLOW_ALL (bench/access.ts)
 *  14. wallmap: the wall map's frame rate with the 103 communes in headless Chromium while the choropleth updates, vs a bare
 *      requestAnimationFrame loop and the same page on a blank MapLibre style, same run (bench/wallmap.bench.ts)
 *  15. fanout: N Socket.IO clients (2 client processes) on one node at ~1 delta/s each: delivered deltas/s, lag p50/p99,
 *      server CPU beside a bare socket.io server broadcasting the same delta to as many clients (bench/fanout.bench.ts)
 *  16. score766: the full Decision 766 scorecard of every unit and every period of a year, after 1 M dossier and 100 k PAKN
 *      events (200 k / 20 k with --quick), beside the replay of those events alone, same run (bench/score766.bench.ts)
 *  17. soak (only with --soak, never in the default run): the wall in Chromium with the demo simulator at 24 h / N min × its
 *      speed, one disconnection and one server restart; JS heap, DOM nodes, listeners and WebGL contexts sampled every
 *      simulated hour after a GC, each one's slope per hour against its standard error and the first hour's spread
 *      (bench/soak.bench.ts). --soak-minutes=N (default 8) lengthens it; --soak-dossier-speedup=N (default 10) caps the dossiers' speed-up;
 *      --soak-heap-at=2,10 takes heap snapshots of the page at those simulated hours (OS temp dir) and compares them by constructor.
 *  18. pin: a leader's pin on the tablet → the wall showing it, per kind (panel, scene, unit, alert, release), click→visible
 *      p50/max beside click→wallPinV1 frame on the wall's WebSocket, same run (bench/pin.bench.ts)
 *  19. waterseries: the wall's water-level panel, 10 stations × 4,000 points and 1,000 live readings: ms and bytes allocated
 *      per delta (buffer + chart option) before and after the in-place buffer, against one copy of one station's array,
 *      same run (bench/waterseries.bench.ts)
 * Each bench's output starts with the machine's load (os.loadavg). Figures 2, 3, 4, 6 (history), 8, 9, 10, 13, 15, 16 are measured
 * --repeat=N times (default 3), figure and ceiling in turns, and printed as min / median / max of the ratio.
 * Options: --quick (smaller runs), --repeat=N, --only=ndjson,single,latency,fanout,wall,dossiers,dossiermem,restart,analyst,mqtt,monitoring,reporting,
 *   uploads,geo,access,wallmap,score766,pin,waterseries
 *   fanout: --clients=1000,3000 (default 1000,3000 with --quick, 1000,3000,10000 without)
 *   fanout2 (only with --only=fanout2): the fan-out across two nodes through nginx beside one node and the bare server, plus each
 *     one's saturation rate (delta rate raised until lag p99 > 1 s); --clients=N (default 1000 with --quick, 3000 without)
 *   analyst: --stores=sqlite,postgres (default sqlite)  --sizes=1000000,10000000
 *   ndjson: --ndjson-stores=sqlite,postgres (default both)  --ndjson-reps=3  --cpu-prof=DIR (servers' V8 CPU profiles)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { launchChromium } from '../test-support/browser.ts';
import { benchDossierReplay, benchMonitoring } from './in-process.ts';
import { benchMqtt } from './mqtt.ts';
import { ROOT as root } from '../test-support/server-process.ts';
import { KEY, kioskLink, startServer } from './bench-server.ts';
import { benchNdjson, observation } from './ndjson.bench.ts';
import { header, inTurns, machineLoad, repeatOf, showSpread, spread } from './spread.ts';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
// --soak (issue 13 #9) runs the soak alone; it is never part of the default run
const soak = process.argv.includes('--soak') || (only?.includes('soak') ?? false);
const repeat = repeatOf(process.argv);
const results: Record<string, unknown> = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  at: new Date().toISOString(),
  repeat,
};
/** The machine's load as each bench started (printed in its header too). */
const loads: Record<string, ReturnType<typeof machineLoad>> = {};
results.loadAtStart = loads;
const want = (k: string) => {
  const yes = !only ? !soak : only.includes(k);
  if (yes) {
    console.log(header(k));
    loads[k] = machineLoad();
  }
  return yes;
};

async function cannon(url: string, body: (n: number) => string, seconds: number): Promise<number> {
  let n = 0;
  const r = await autocannon({
    url,
    method: 'POST',
    connections: 64,
    duration: seconds,
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    requests: [{ setupRequest: (req) => ({ ...req, body: body(n++) }) }],
  });
  if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers`);
  return r.requests.average;
}

/** The single POST against a bare Fastify route of the same server: both warmed up, then in turns (the order alternating), `repeat` times. */
async function benchSingle() {
  const seconds = quick ? 3 : 8;
  const server = await startServer();
  try {
    const body = (n: number) => JSON.stringify(observation('single', n));
    let k = 1e9;
    const bare = (sec = seconds) => cannon(`${server.url}/api/v1/_bench/bare`, body, sec);
    const single = (sec = seconds) => cannon(`${server.url}/api/v1/observations`, () => JSON.stringify(observation('single', k++)), sec);
    await bare(2); // warm-up of both
    await single(2);
    const runs = (
      await inTurns(
        repeat,
        () => single(),
        () => bare(),
      )
    ).map(({ figure: s, ceiling: b }) => ({
      bareReqPerS: Math.round(b),
      singlePostReqPerS: Math.round(s),
      ratio: +(s / b).toFixed(3),
    }));
    const ratio = spread(runs.map((r) => r.ratio));
    const med = (f: (r: (typeof runs)[number]) => number) => spread(runs.map(f), 0).median;
    results.single = { bareReqPerS: med((r) => r.bareReqPerS), singlePostReqPerS: med((r) => r.singlePostReqPerS), ratio, runs, target: 0.5 };
    console.log(
      `single POST: median ${fmt(med((r) => r.singlePostReqPerS))} req/s vs bare Fastify route median ${fmt(med((r) => r.bareReqPerS))} req/s → ${showSpread(ratio)} (target ≥ 50 %)`,
    );
  } finally {
    await server.stop();
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/**
 * 4. The wall screen at power-on: from opening its kiosk link (a fresh browser context: no cache, no session) to the
 * first live reading on it, beside the same navigation's `load` event (the page's own files fetched and run: the app
 * cannot show anything before it), --repeat rounds, each in its own context. What lies between the two is the IOC's
 * own work: the device session, the socket, the snapshot and the first render.
 */
async function benchWall() {
  const server = await startServer({ IOC_DASHBOARD_DIR: join(root, 'apps/dashboard/dist') });
  const browser = await launchChromium();
  try {
    await fetch(`${server.url}/api/v1/observations/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        observations: [
          { id: 'wall-1', indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: new Date().toISOString(), value: 150 },
          { id: 'wall-2', indicator: 'water_level', area: '31150', station: 'wl-cai-rang', observedAt: new Date().toISOString(), value: 140 },
        ],
      }),
    });
    const rounds: { liveMs: number; loadMs: number }[] = [];
    for (let r = 0; r < repeat; r++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      // a wall screen opens its kiosk link (issue 11): the device session, then the wall
      const link = await kioskLink(server.url, `bench wall ${r}`);
      const t0 = performance.now();
      await page.goto(link, { waitUntil: 'load' });
      const loadMs = performance.now() - t0;
      // the overview's water-level panel shows each station's level (its KPI row no longer carries water_level)
      await page.waitForSelector('[data-testid="wl-wl-can-tho"][data-raw-value]:not([data-raw-value=""])', { timeout: 30_000 });
      rounds.push({ liveMs: performance.now() - t0, loadMs });
      await context.close();
    }
    const live = spread(
      rounds.map((r) => r.liveMs),
      0,
    );
    const load = spread(
      rounds.map((r) => r.loadMs),
      0,
    );
    const ratio = spread(rounds.map((r) => r.liveMs / r.loadMs));
    results.wall = { firstLiveDataMs: live, loadEventMs: load, ratio, rounds, targetMs: 2000 };
    console.log(
      `wall screen: live data median ${fmt(live.median)} ms after opening (min ${fmt(live.min)}, max ${fmt(live.max)}; target ≤ 2,000 ms) ` +
        `vs the page's load event median ${fmt(load.median)} ms → ${showSpread(ratio, 'x')} of the page load`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const inProcess = { quick, results, fmt, pct, repeat };

if (want('ndjson')) await benchNdjson({ root, quick, key: KEY, results, startServer, quantile, fmt, pct, repeat }, process.argv);
if (want('single')) await benchSingle();
if (want('access')) {
  const { benchAccess, benchAccessCpu } = await import('./access.ts');
  await benchAccessCpu(inProcess);
  await benchAccess(inProcess);
}
if (want('latency')) await (await import('./latency.bench.ts')).benchLatencyHonest({ quick, key: KEY, results, startServer, quantile, repeat });
if (want('fanout')) await (await import('./fanout.bench.ts')).benchFanout({ quick, key: KEY, results, startServer, quantile, fmt, repeat }, process.argv);
// two nodes through nginx, beside one node and the bare server, with the saturation rate: heavy, so only when asked (--only=fanout2)
if (only?.includes('fanout2'))
  await (await import('./fanout2.bench.ts')).benchFanout2({ quick, key: KEY, results, startServer, quantile, fmt, repeat }, process.argv);
if (want('wall')) await benchWall();
if (want('dossiers')) await benchDossierReplay(inProcess);
if (want('dossiermem')) await (await import('./dossiermem.bench.ts')).benchDossierMemory(inProcess);
if (want('restart')) await (await import('./restart.ts')).benchRestart(results, process.argv, repeat);
if (want('analyst')) {
  const { benchAnalystAt } = await import('./analyst.bench.ts');
  // --stores=sqlite,postgres (default sqlite)  --sizes=1000000,10000000 (default by --quick)
  const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  const sizes = arg('sizes')?.split(',').map(Number) ?? (quick ? [200_000, 1_000_000] : [1_000_000, 10_000_000]);
  const stores = (arg('stores') ?? 'sqlite').split(',') as ('sqlite' | 'postgres')[];
  const { startPostgres } = await import('../test-support/postgres.ts');
  const pg = stores.includes('postgres') ? await startPostgres({ settings: { shared_buffers: '512MB', max_wal_size: '4GB' } }) : undefined;
  const out = [];
  try {
    for (const store of stores)
      for (const n of sizes) {
        const r = await benchAnalystAt(n, console.log, { store, pg });
        out.push(r);
        console.log(
          `analyst ${store} @ ${fmt(n)}: load ${fmt(r.loadPerS)} obs/s with rollups = ${pct(r.loadPerS / r.baselineLoadPerS)} of the log alone (${fmt(r.baselineLoadPerS)}/s); ` +
            `queries p50 ${r.p50Ms} ms = ${pct(r.p50Ms / r.ceilingMs)} and p99 ${r.p99Ms} ms = ${pct(r.p99Ms / r.ceilingMs)} of the ${r.ceilingMs} ms ceiling; ` +
            `one month from the raw log: ${fmt(r.fullScanMs)} ms (${(r.fullScanMs / Math.max(r.p50Ms, 0.01)).toFixed(0)}× the rollup p50)`,
        );
        for (const x of r.queries) console.log(`  ${x.name}: p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms`);
      }
  } finally {
    await pg?.stop();
  }
  results.analyst = out;
}

if (want('geo')) {
  const { benchBoundaryImport, benchCrosswalkAt } = await import('./geo.bench.ts');
  // --sizes=1000000,3000000 (observations behind the crosswalk query; default by --quick)
  const arg = process.argv.find((a) => a.startsWith('--sizes='))?.slice(8);
  const sizes = arg?.split(',').map(Number) ?? (quick ? [200_000] : [1_000_000, 10_000_000]);
  const imported = await benchBoundaryImport(console.log);
  const crosswalk = [];
  for (const n of sizes) crosswalk.push(await benchCrosswalkAt(n, console.log));
  results.geo = { import: imported, crosswalk };
}
if (want('wallmap')) await (await import('./wallmap.bench.ts')).benchWallMap({ root, quick, key: KEY, results, startServer, fmt });
if (want('mqtt')) await benchMqtt({ root, quick, key: KEY, results, startServer, quantile, fmt, repeat });
if (want('reporting')) await (await import('./reporting.bench.ts')).benchReportingImport({ quick, key: KEY, results, startServer, fmt, repeat });
if (want('monitoring')) await benchMonitoring(inProcess);
if (want('uploads')) await (await import('./uploads.ts')).benchUploads({ quick, key: KEY, results, startServer, quantile, fmt });
if (want('pin')) await (await import('./pin.bench.ts')).benchPin({ root, quick, key: KEY, results, quantile, fmt });
if (want('score766')) (await import('./score766.bench.ts')).benchScore766({ quick, results, repeat });
if (want('waterseries')) (await import('./waterseries.bench.ts')).benchWaterSeries({ quick, results, repeat });
if (soak) {
  const minutes = Number(process.argv.find((a) => a.startsWith('--soak-minutes='))?.slice(15) ?? 8);
  if (!(minutes >= 2)) throw new Error('--soak-minutes must be a number ≥ 2');
  const cap = Number(process.argv.find((a) => a.startsWith('--soak-dossier-speedup='))?.slice(23) ?? 10);
  // --soak-heap-at=2,10: heap snapshots of the page after those simulated hours' samples, compared by constructor
  const heapAt = (process.argv.find((a) => a.startsWith('--soak-heap-at='))?.slice(15) ?? '').split(',').filter(Boolean).map(Number);
  await (await import('./soak.bench.ts')).benchSoak({ root, results, minutes, dossierSpeedupCap: cap, heapAt });
}
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results/latest.json'), JSON.stringify(results, null, 2));
console.log('written to bench-results/latest.json');
