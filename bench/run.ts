/**
 * pnpm bench: ingest throughput and event-to-browser latency, each figure beside a ceiling
 * measured in the same run on the same machine.
 *   1. NDJSON bulk, persisted  vs  the same route parsing + validating and discarding
 *   2. single-observation POST vs  a bare Fastify route
 *   3. latency: POST acknowledgement → Socket.IO client at one event / 500 ms and at 10,000 events/s, beside a bare
 *      socket.io server emitting the same delta on the same schedule, same run (bench/latency.bench.ts)
 *   4. time from opening the wall screen to live data on it
 *   5. dossiers: replay of 1M dossier events (the restart path of the admin indicators) vs the same events parsed and grouped
 *      by dossier without the state; dossiermem: 2 M dossiers over a year replayed in a fresh `node --expose-gc` process,
 *      bytes per dossier retained after GC and RSS, packed vs unpacked at 250 k with the same indicators (bench/dossiermem.bench.ts)
 *   6. restart: checkpoint + tail vs a full replay, history latency at 1M / 10M on SQLite and PostgreSQL (bench/restart.ts)
 *   7. analyst: rollup load rate vs the log alone, explorer query p50/p99 vs the 300 ms ceiling (1M and 10M)
 *   8. mqtt: 10,000 readings/s over MQTT (real mosquitto) to a browser, beside the same load over
 *      HTTP and mosquitto's pass-through to a plain subscriber (bench/mqtt.ts)
 *   9. monitoring path in process: live state alone vs with derived values (flood rank, NowCast) and alert rules
 *  10. reporting: CSV import stored whole vs the same parse and validation in process
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
 *      (bench/soak.bench.ts). --soak-minutes=N (default 8) lengthens it; --soak-dossier-speedup=N (default 10) caps the dossiers' speed-up.
 * Options: --quick (smaller runs), --only=ndjson,single,latency,fanout,wall,dossiers,dossiermem,restart,analyst,mqtt,monitoring,reporting,uploads,geo,access,wallmap,score766
 *   fanout: --clients=1000,3000 (default 1000,3000 with --quick, 1000,3000,10000 without)
 *   analyst: --stores=sqlite,postgres (default sqlite)  --sizes=1000000,10000000
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { launchChromium } from '../test-support/browser.ts';
import { benchDossierReplay, benchMonitoring } from './in-process.ts';
import { benchMqtt } from './mqtt.ts';
import { ROOT as root } from '../test-support/server-process.ts';
import { KEY, kioskLink, startServer } from './bench-server.ts';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
// --soak (issue 13 #9) runs the soak alone; it is never part of the default run
const soak = process.argv.includes('--soak') || (only?.includes('soak') ?? false);
const want = (k: string) => (!only ? !soak : only.includes(k));
const results: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, at: new Date().toISOString() };

const T = Date.parse('2026-11-22T07:00:00+07:00');
// nine of today's communes (from 1 July 2025 directly under the city, code 92)
const AREAS = ['31120', '31135', '31147', '31150', '31153', '31157', '31162', '31168', '31174'];
function observation(prefix: string, n: number) {
  return {
    id: `${prefix}-${String(n).padStart(10, '0')}`,
    indicator: 'citizen_reports_received',
    area: AREAS[n % 9]!,
    agency: `000.00.${String(n % 40).padStart(2, '0')}.H13`,
    observedAt: new Date(T + (n % 3_600_000)).toISOString(),
    value: n % 1000,
  };
}

function ndjsonBodies(prefix: string, total: number, perBody: number): string[] {
  const bodies: string[] = [];
  for (let b = 0; b * perBody < total; b++) {
    const lines: string[] = [];
    for (let i = b * perBody; i < Math.min(total, (b + 1) * perBody); i++) lines.push(JSON.stringify(observation(prefix, i)));
    bodies.push(lines.join('\n'));
  }
  return bodies;
}

async function sendAll(url: string, bodies: string[], concurrency: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'x-api-key': KEY }, body });
        if (r.status !== 200) throw new Error(`${url} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
        await r.arrayBuffer();
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

async function benchNdjson() {
  const total = quick ? 200_000 : 1_000_000;
  const per = 10_000;
  const server = await startServer();
  try {
    const warm = ndjsonBodies('warm', 50_000, per);
    await sendAll(`${server.url}/api/v1/_bench/ndjson-discard`, warm, 2);
    await sendAll(`${server.url}/api/v1/observations/ndjson`, warm, 2);
    const bodies = ndjsonBodies('nd', total, per);
    const ceilingS = await sendAll(`${server.url}/api/v1/_bench/ndjson-discard`, bodies, 2);
    const persistS = await sendAll(`${server.url}/api/v1/observations/ndjson`, bodies, 2);
    const ceiling = total / ceilingS;
    const persisted = total / persistS;
    results.ndjson = {
      events: total,
      ceilingEventsPerS: Math.round(ceiling),
      persistedEventsPerS: Math.round(persisted),
      ratio: +(persisted / ceiling).toFixed(3),
      target: 0.3,
    };
    console.log(`NDJSON bulk: persisted ${fmt(persisted)} ev/s vs parse+validate ceiling ${fmt(ceiling)} ev/s → ${pct(persisted / ceiling)} (target ≥ 30 %)`);
  } finally {
    await server.stop();
  }
}

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

async function benchSingle() {
  const seconds = quick ? 4 : 10;
  const server = await startServer();
  try {
    const body = (n: number) => JSON.stringify(observation('single', n));
    await cannon(`${server.url}/api/v1/_bench/bare`, body, 2);
    const bare = await cannon(`${server.url}/api/v1/_bench/bare`, body, seconds);
    let k = 1e9;
    const single = await cannon(`${server.url}/api/v1/observations`, () => JSON.stringify(observation('single', k++)), seconds);
    results.single = { bareReqPerS: Math.round(bare), singlePostReqPerS: Math.round(single), ratio: +(single / bare).toFixed(3), target: 0.5 };
    console.log(`single POST: ${fmt(single)} req/s vs bare Fastify route ${fmt(bare)} req/s → ${pct(single / bare)} (target ≥ 50 %)`);
  } finally {
    await server.stop();
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

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
          { id: 'wall-2', indicator: 'water_level', area: '919', station: 'wl-cai-rang', observedAt: new Date().toISOString(), value: 140 },
        ],
      }),
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // a wall screen opens its kiosk link (issue 11): the device session, then the wall
    const link = await kioskLink(server.url, 'bench wall');
    const t0 = Date.now();
    await page.goto(link);
    await page.waitForSelector('[data-testid="kpi-water_level"][data-raw-value]:not([data-raw-value=""])', { timeout: 30_000 });
    const ms = Date.now() - t0;
    results.wall = { firstLiveDataMs: ms, targetMs: 2000 };
    console.log(`wall screen: live data ${ms} ms after opening (target ≤ 2,000 ms)`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * Issue 3: replay 1,000,000 dossier events (250,000 dossiers × received, in process, finished,
 * returned; in shuffled order within each day) into the dossier state and its indicators, the way
 * a restart does, and report events/s and memory.
 */
/**
 * A department-style CSV of `months` monthly periods × every unit of the cchc-cds regime × its
 * indicators, vi-VN numbers, imported whole through POST /api/v1/reporting/imports (parse,
 * validate, one transaction, live publication). Ceiling: the same parse + validation in this
 * process, without HTTP or the store.
 */
async function benchReportingImport() {
  const { indexReporting, importTable, CAN_THO_REGIMES } = await import('@cityioc/domain');
  const { readCsv } = await import('../apps/ingest/src/feeds/reporting/spreadsheet.ts');
  const regime = CAN_THO_REGIMES.find((r) => r.id === 'cchc-cds')!;
  const months = quick ? 10 : 40;
  const csvOf = (k: number) => {
    const lines = ['Mã đơn vị;Kỳ báo cáo;Mã chỉ tiêu;Tử số;Mẫu số'];
    for (let m = 0; m < months; m++) {
      const period = `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      for (const unit of regime.units)
        for (const ind of regime.indicators)
          lines.push(`${unit};${period};${ind};${(1000 + k + m).toLocaleString('vi-VN')};${(2000 + m).toLocaleString('vi-VN')}`);
    }
    return Buffer.from(lines.join('\r\n'));
  };
  const rounds = quick ? 3 : 5;
  const files = Array.from({ length: rounds }, (_, k) => csvOf(k));
  const rows = files[0]!.toString().split('\r\n').length - 1;
  const cat = indexReporting();
  const c0 = performance.now();
  for (const f of files) {
    const r = importTable(cat, readCsv(f));
    if (r.errors.length) throw new Error(JSON.stringify(r.errors[0]));
  }
  const ceiling = (rows * rounds) / ((performance.now() - c0) / 1000);
  const server = await startServer();
  try {
    const t0 = performance.now();
    for (const f of files) {
      const r = await fetch(`${server.url}/api/v1/reporting/imports`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-api-key': KEY }, body: f });
      if (r.status !== 200) throw new Error(`import: ${r.status} ${(await r.text()).slice(0, 300)}`);
    }
    const rate = (rows * rounds) / ((performance.now() - t0) / 1000);
    results.reportingImport = {
      rowsPerFile: rows,
      files: rounds,
      rowsPerS: Math.round(rate),
      ceilingRowsPerS: Math.round(ceiling),
      ratio: +(rate / ceiling).toFixed(3),
    };
    console.log(
      `reporting import: ${fmt(rows)}-row CSV files stored whole at ${fmt(rate)} rows/s vs parse+validate ceiling ${fmt(ceiling)} rows/s → ${pct(rate / ceiling)}`,
    );
  } finally {
    await server.stop();
  }
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const inProcess = { quick, results, fmt, pct };

if (want('ndjson')) await benchNdjson();
if (want('single')) await benchSingle();
if (want('access')) {
  const { benchAccess, benchAccessCpu } = await import('./access.ts');
  await benchAccessCpu(inProcess);
  await benchAccess(inProcess);
}
if (want('latency')) await (await import('./latency.bench.ts')).benchLatencyHonest({ quick, key: KEY, results, startServer, quantile });
if (want('fanout')) await (await import('./fanout.bench.ts')).benchFanout({ quick, key: KEY, results, startServer, quantile, fmt }, process.argv);
if (want('wall')) await benchWall();
if (want('dossiers')) await benchDossierReplay(inProcess);
if (want('dossiermem')) await (await import('./dossiermem.bench.ts')).benchDossierMemory(inProcess);
if (want('restart')) await (await import('./restart.ts')).benchRestart(results, process.argv);
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
if (want('mqtt')) await benchMqtt({ root, quick, key: KEY, results, startServer, quantile, fmt });
if (want('reporting')) await benchReportingImport();
if (want('monitoring')) await benchMonitoring(inProcess);
if (want('uploads')) await (await import('./uploads.ts')).benchUploads({ quick, key: KEY, results, startServer, quantile, fmt });
if (want('score766')) (await import('./score766.bench.ts')).benchScore766({ quick, results });
if (soak) {
  const minutes = Number(process.argv.find((a) => a.startsWith('--soak-minutes='))?.slice(15) ?? 8);
  if (!(minutes >= 2)) throw new Error('--soak-minutes must be a number ≥ 2');
  const cap = Number(process.argv.find((a) => a.startsWith('--soak-dossier-speedup='))?.slice(23) ?? 10);
  await (await import('./soak.bench.ts')).benchSoak({ root, results, minutes, dossierSpeedupCap: cap });
}
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results/latest.json'), JSON.stringify(results, null, 2));
console.log('written to bench-results/latest.json');
