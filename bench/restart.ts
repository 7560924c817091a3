/**
 * pnpm bench --only=restart: restart time and history-query latency at 1 M and 10 M stored
 * observations, on SQLite and PostgreSQL. Data goes straight into the store in batches of
 * 10,000 (not over HTTP). Each figure stands beside a ceiling from the same run:
 *   restart: checkpoint + a 10,000-event tail   vs  a full replay of the whole log
 *   history: one station's day (≤ 1,000 points) through GET /api/v1/history and through store.history  vs  the same SQL
 *            through the driver alone (no row mapping, no JSON, no HTTP), query by query in turns, --repeat rounds
 * Options: --sizes=1000000,10000000  --stores=sqlite,postgres  (default: 1 M on both, 10 M on SQLite)
 *   --replay-only: only fill and the full replay (the replay's growth with the log: 10 M vs 1 M ≈ 10× when linear)
 *   --profile: CPU-profile the full replay of the first size; the top self-time functions are printed and the
 *              profile written to bench-results/restart-replay-<n>.cpuprofile
 * The data has three water-level stations reporting every 28 ms: each reading enters the 1-hour window
 * of the rate-of-rise rule (≈ 130 k readings per window), so a window cost that grows with its length shows.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import postgresDriver from 'pg';
import type { NewObservation } from '@cityioc/contracts';
import { CAN_THO_ALERT_RULES, CAN_THO_CATALOGUE, createWorkCalendar, indexCatalogue } from '@cityioc/domain';
import { DossierService } from '../apps/ingest/src/procedures/dossier.service.ts';
import { AlertService } from '../apps/ingest/src/alerts/alert.service.ts';
import { alertRulesHash, catalogueHash, restoreState, writeCheckpoint, type CheckpointContext } from '../apps/ingest/src/live/checkpoint.ts';
import { MonitoringService } from '../apps/ingest/src/monitoring/monitoring.service.ts';
import { LiveService } from '../apps/ingest/src/live/live.service.ts';
import { openPostgresStore } from '../apps/ingest/src/store/postgres-store.ts';
import { openSqliteStore } from '../apps/ingest/src/store/sqlite-store.ts';
import type { Store } from '../apps/ingest/src/store/store.ts';
import { startPostgres, type PostgresServer } from '../test-support/postgres.ts';
import { ROOT, startServerProcess, tempDataDir } from '../test-support/server-process.ts';
import { HISTORY_COLUMNS } from '../apps/ingest/src/store/rows.ts';
import { showSpread, spread } from './spread.ts';

/** Wall-clock time from spawning the real server process to listening (after its restore). */
async function processStart(dataDir: string, env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const s = await startServerProcess({ dataDir, env: { IOC_API_KEYS: 'bench:bench-source-key-0123456789', ...env } });
  const ms = performance.now() - t0;
  await s.stop('SIGKILL');
  return ms / 1000;
}

const T = Date.parse('2026-01-01T00:00:00+07:00');
const AREAS = ['916', '917', '918', '919', '923', '924', '925', '926', '927'];
const STATIONS = [
  ['wl-can-tho', '916'],
  ['wl-cai-rang', '919'],
  ['wl-o-mon', '917'],
] as const;
const index = indexCatalogue(CAN_THO_CATALOGUE);
const catalogue = catalogueHash(CAN_THO_CATALOGUE);

/** A year of readings: station water levels every few seconds, area sums and agency ratios. */
function observation(n: number): NewObservation {
  const observedAt = T + Math.floor(n * 3.1);
  const base = { id: `o-${String(n).padStart(10, '0')}`, observedAt, receivedAt: observedAt + 500, source: 'bench', numerator: null, denominator: null };
  switch (n % 3) {
    case 0: {
      const [station, area] = STATIONS[n % 9 === 0 ? 0 : n % 9 === 3 ? 1 : 2]!;
      return { ...base, indicator: 'water_level', area, station, agency: null, value: (n * 7) % 250 };
    }
    case 1:
      return {
        ...base,
        indicator: 'e_document_rate',
        area: AREAS[n % 9]!,
        station: null,
        agency: `000.00.${String(n % 40).padStart(2, '0')}.H13`,
        value: null,
        numerator: n % 97,
        denominator: 97,
      };
    default:
      return { ...base, indicator: 'citizen_reports_received', area: AREAS[n % 9]!, station: null, agency: `A${n % 50}`, value: n % 1000 };
  }
}

async function fill(store: Store, from: number, to: number): Promise<number> {
  const t0 = performance.now();
  for (let i = from; i < to; i += 10_000) {
    const batch: NewObservation[] = [];
    for (let n = i; n < Math.min(to, i + 10_000); n++) batch.push(observation(n));
    await store.append(batch);
  }
  return (performance.now() - t0) / 1000;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name, file, line) of a V8 CPU profile, largest first. */
function topSelfTime(p: CpuProfile, n: number): { fn: string; ms: number; share: number }[] {
  const byNode = new Map(p.nodes.map((x) => [x.id, x.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const f = byNode.get(id)!;
    // (tsx's output is one line per file, so the function and file name the place)
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(apps|packages|bench|node_modules)\//, '$1/') || '(native)'}`;
    // the first delta runs from Profiler.start to the first sample
    const dt = i === 0 ? 0 : (p.timeDeltas[i] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms), share: +(ms / total).toFixed(3) }));
}

async function restore(open: () => Promise<Store>, file: string) {
  const t0 = performance.now();
  const store = await open();
  const live = new LiveService(index, store, 250);
  const calendar = createWorkCalendar();
  const dossiers = new DossierService(calendar, live, { city: index.catalogue.city.code });
  const monitoring = new MonitoringService(index);
  const alerts = new AlertService(index, store, calendar, CAN_THO_ALERT_RULES, Date.now, () => undefined);
  const ctx: CheckpointContext = {
    store,
    live,
    dossiers,
    monitoring,
    alerts,
    catalogue,
    alertRules: alertRulesHash(CAN_THO_ALERT_RULES),
    republished: [],
    file,
    clock: Date.now,
  };
  // as the server does: the replayed readings also feed the derived values and the alert rules
  const r = await restoreState(
    ctx,
    () => undefined,
    (batch) => {
      const derived = monitoring.derive(batch);
      alerts.observe(batch);
      if (derived.length > 0) {
        alerts.observe(derived);
        live.applyDerived(derived);
      }
    },
  );
  await alerts.flush();
  dossiers.publish(Date.now(), true);
  live.markReady();
  dossiers.markReady();
  const s = (performance.now() - t0) / 1000;
  return { s, r, ctx };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** One day of one station's water level, read one way; resolves to the number of points (rows). */
type HistoryReader = (station: string, from: number, to: number) => Promise<number>;
/** The SQL of both stores' history (store/sqlite/observations.ts, store/postgres/observations.ts), for the bare read. */
const HISTORY_SQL = (p: (i: number) => string) =>
  `SELECT ${HISTORY_COLUMNS} FROM observations WHERE station = ${p(1)} AND indicator = ${p(2)} AND station IS NOT NULL AND observed_at BETWEEN ${p(3)} AND ${p(4)} ORDER BY observed_at LIMIT ${p(5)}`;
const LIMIT = 1000;

interface SqliteDb {
  prepare(sql: string): { raw(on: boolean): { all(...params: unknown[]): unknown[] } };
  close(): void;
}
/** better-sqlite3 as the ingest resolves it (the driver of its store; not a dependency of the bench itself). */
const openSqlite = (file: string): SqliteDb => {
  const Database = createRequire(join(ROOT, 'apps/ingest/package.json'))('better-sqlite3') as new (f: string, o: { readonly: boolean }) => SqliteDb;
  return new Database(file, { readonly: true });
};

/** The ceiling: the store's own SQL through the driver, rows as arrays, no mapping, no JSON, no HTTP. */
async function bareReader(kind: string, target: string): Promise<{ read: HistoryReader; close(): Promise<void> }> {
  if (kind === 'sqlite') {
    const db = openSqlite(target);
    const stmt = db.prepare(HISTORY_SQL(() => '?')).raw(true);
    return { read: async (station, from, to) => stmt.all(station, 'water_level', from, to, LIMIT + 1).length, close: async () => db.close() };
  }
  const pool = new postgresDriver.Pool({ connectionString: target, max: 1 });
  const text = HISTORY_SQL((i) => `$${i}`);
  return {
    read: async (station, from, to) => (await pool.query({ text, values: [station, 'water_level', from, to, LIMIT + 1], rowMode: 'array' })).rows.length,
    close: () => pool.end(),
  };
}

/**
 * History latency (issue 16 item 8), the same 100 one-day windows read three ways, query by query in turns (the order
 * rotating), `repeat` rounds: the ceiling, the store's SQL through the driver alone; `store.history` in process (the
 * same SQL plus the row mapping); GET /api/v1/history of the real server process (route, access, validation, JSON,
 * HTTP: what a chart waits for). Each round's p50 ratios to the ceiling; the three must return the same rows.
 */
async function history(readers: Record<'bare' | 'store' | 'http', HistoryReader>, n: number, repeat: number) {
  const span = Math.floor(n * 3.1);
  const windows = Array.from({ length: 100 }, (_, i) => ({
    station: STATIONS[i % 3]![0],
    from: T + Math.floor((((i * 7919) % 1000) / 1000) * Math.max(1, span - 86_400_000)),
  }));
  const names = ['bare', 'store', 'http'] as const;
  const rounds = [];
  for (let r = 0; r < repeat; r++) {
    const ms: Record<(typeof names)[number], number[]> = { bare: [], store: [], http: [] };
    let points = 0;
    for (const [i, w] of windows.entries()) {
      const got: number[] = [];
      for (let j = 0; j < 3; j++) {
        const name = names[(i + r + j) % 3]!;
        const t0 = performance.now();
        const rows = await readers[name](w.station, w.from, w.from + 86_400_000);
        ms[name].push(performance.now() - t0);
        got.push(Math.min(rows, LIMIT));
      }
      if (new Set(got).size !== 1) throw new Error(`history of ${w.station} from ${w.from}: the three reads returned ${got.join(' / ')} rows`);
      points += got[0]!;
    }
    const p50 = (k: (typeof names)[number]) => quantile(ms[k], 0.5);
    rounds.push({
      bareP50Ms: +p50('bare').toFixed(3),
      storeP50Ms: +p50('store').toFixed(3),
      httpP50Ms: +p50('http').toFixed(3),
      httpP95Ms: +quantile(ms.http, 0.95).toFixed(3),
      storeVsBare: +(p50('store') / p50('bare')).toFixed(2),
      httpVsBare: +(p50('http') / p50('bare')).toFixed(2),
      points: Math.round(points / windows.length),
    });
  }
  return rounds;
}

export async function benchRestart(results: Record<string, unknown>, argv: string[], repeat = 3): Promise<void> {
  const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  const sizes = (arg('sizes') ?? '1000000,10000000').split(',').map(Number);
  const stores = (arg('stores') ?? 'sqlite,postgres').split(',');
  const replayOnly = argv.includes('--replay-only');
  let profile = argv.includes('--profile');
  const out: Record<string, unknown>[] = [];
  let pg: PostgresServer | undefined;
  for (const kind of stores)
    for (const n of sizes) {
      if (kind === 'postgres' && n > 1_000_000 && !arg('sizes')) continue; // 10 M on PostgreSQL only when asked
      const dir = tempDataDir();
      let open: () => Promise<Store>;
      let env: Record<string, string> = {};
      if (kind === 'sqlite') open = async () => openSqliteStore({ file: join(dir.dir, 'ioc.db') });
      else {
        pg ??= await startPostgres({ settings: { shared_buffers: '512MB', max_wal_size: '4GB' } });
        const url = await pg.createDatabase(`bench_${n}`);
        open = () => openPostgresStore({ url });
        env = { IOC_DATABASE_URL: url };
      }
      const file = join(dir.dir, 'checkpoint.json');
      try {
        const s0 = await open();
        const fillS = await fill(s0, 0, n);
        await s0.close();
        const session = profile ? new Session() : null;
        if (session) {
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.start');
        }
        const load0 = loadavg()[0]!;
        const full = await restore(open, file);
        const load1 = loadavg()[0]!;
        if (session) {
          const { profile: p } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
          session.disconnect();
          profile = false;
          mkdirSync('bench-results', { recursive: true });
          writeFileSync(`bench-results/restart-replay-${n}.cpuprofile`, JSON.stringify(p));
          console.log(`restart ${kind} ${n.toLocaleString('en-US')}: top self time of the full replay`);
          for (const x of topSelfTime(p, 12)) console.log(`  ${(x.share * 100).toFixed(1).padStart(5)} %  ${String(x.ms).padStart(6)} ms  ${x.fn}`);
        }
        const replay = { store: kind, events: n, fillEventsPerS: Math.round(n / fillS), restartFullReplayS: +full.s.toFixed(2), loadAvg1m: [load0, load1] };
        console.log(
          `restart ${kind} ${n.toLocaleString('en-US')} events: full replay ${replay.restartFullReplayS} s (${Math.round(n / full.s).toLocaleString('en-US')} events/s; load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`,
        );
        if (replayOnly) {
          await full.ctx.store.close();
          out.push(replay);
          continue;
        }
        const cpT0 = performance.now();
        const header = await writeCheckpoint(full.ctx);
        const checkpointWriteMs = performance.now() - cpT0;
        await full.ctx.store.close();
        // the tail: what arrived after the last checkpoint before a crash
        const s1 = await open();
        await fill(s1, n, n + 10_000);
        await s1.close();
        const cp = await restore(open, file);
        if (cp.r.from !== 'checkpoint' || cp.r.observations !== 10_000) throw new Error(`checkpoint not used: ${JSON.stringify(cp.r)}`);
        await cp.ctx.store.close();
        // the real process: spawn → restored and listening (vs spawning it on an empty store, below); then the history reads
        const store = await open();
        const bare = await bareReader(kind, kind === 'sqlite' ? join(dir.dir, 'ioc.db') : env.IOC_DATABASE_URL!);
        const p0 = performance.now();
        const srv = await startServerProcess({
          dataDir: dir.dir,
          env: { IOC_API_KEYS: 'bench:bench-source-key-0123456789', IOC_READ_RATE_LIMIT_PER_MINUTE: '100000000', ...env },
        });
        const processS = (performance.now() - p0) / 1000;
        const viaHttp: HistoryReader = async (station, from, to) => {
          const q = new URLSearchParams({
            indicator: 'water_level',
            station,
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
            limit: String(LIMIT),
          });
          const r = await fetch(`${srv.url}/api/v1/history?${q}`, { headers: srv.headers('analyst') });
          if (r.status !== 200) throw new Error(`history answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
          return ((await r.json()) as { points: unknown[] }).points.length;
        };
        const storeRead: HistoryReader = async (station, from, to) =>
          (await store.history({ indicator: 'water_level', station, from, to, limit: LIMIT })).points.length;
        const rounds = await history({ bare: bare.read, store: storeRead, http: viaHttp }, n, repeat);
        await srv.stop('SIGKILL');
        await bare.close();
        await store.close();
        const empty = tempDataDir();
        const emptyS = await processStart(empty.dir, kind === 'sqlite' ? {} : { IOC_DATABASE_URL: await pg!.createDatabase(`empty_${n}`) });
        empty.remove();
        const row = {
          store: kind,
          events: n,
          fillEventsPerS: Math.round(n / fillS),
          restartCheckpointS: +cp.s.toFixed(2),
          restartFullReplayS: +full.s.toFixed(2),
          restartRatio: +(cp.s / full.s).toFixed(4),
          processRestartS: +processS.toFixed(2),
          processEmptyStartS: +emptyS.toFixed(2),
          checkpointBytes: header.bytes,
          checkpointWriteMs: Math.round(checkpointWriteMs),
          history: {
            rounds,
            httpVsBare: spread(rounds.map((r) => r.httpVsBare)),
            storeVsBare: spread(rounds.map((r) => r.storeVsBare)),
            httpP50Ms: spread(rounds.map((r) => r.httpP50Ms)).median,
            storeP50Ms: spread(rounds.map((r) => r.storeP50Ms)).median,
            bareP50Ms: spread(rounds.map((r) => r.bareP50Ms)).median,
            points: rounds[0]!.points,
          },
        };
        out.push(row);
        console.log(
          `restart ${kind} ${n.toLocaleString('en-US')} events: checkpoint + 10k tail ${row.restartCheckpointS} s vs full replay ${row.restartFullReplayS} s (${(row.restartRatio * 100).toFixed(1)} %); ` +
            `server process ready in ${row.processRestartS} s vs ${row.processEmptyStartS} s on an empty store; ` +
            `checkpoint ${Math.round(header.bytes / 1024)} KiB written in ${row.checkpointWriteMs} ms; fill ${row.fillEventsPerS.toLocaleString('en-US')} ev/s`,
        );
        const hs = row.history;
        console.log(
          `  history (one station's day, ${hs.points} points): GET /api/v1/history p50 ${hs.httpP50Ms} ms, store.history ${hs.storeP50Ms} ms, ` +
            `ceiling (the same SQL through the driver, no mapping/JSON/HTTP) ${hs.bareP50Ms} ms → HTTP ${showSpread(hs.httpVsBare, 'x')} the ceiling, ` +
            `store ${showSpread(hs.storeVsBare, 'x')}`,
        );
      } finally {
        dir.remove();
        rmSync(file, { force: true });
      }
    }
  await pg?.stop();
  for (const kind of stores) {
    const rows = out.filter((r) => r.store === kind) as { events: number; restartFullReplayS: number }[];
    const base = rows[0];
    for (const r of rows.slice(1))
      console.log(
        `restart ${kind}: full replay of ${r.events.toLocaleString('en-US')} events took ${(r.restartFullReplayS / base!.restartFullReplayS).toFixed(1)}× the ${base!.events.toLocaleString('en-US')}-event replay (${r.events / base!.events}× the events: linear growth would be about that)`,
      );
  }
  results.restart = out;
}
