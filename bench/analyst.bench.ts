/**
 * The `analyst` bench: N observations loaded straight into a SQLite or PostgreSQL store (batches of
 * 10,000, time-ordered ids, rollups kept in the same transactions), then the explorer's representative
 * queries, p50/p99 against the 300 ms ceiling of the issue. Beside them, in the same run:
 *   - the load rate of the same rows without rollups (the ceiling of the load): on SQLite into the
 *     same table by a bare INSERT; on PostgreSQL through the same store opened with an area chain
 *     that yields no rollup rows (same append path, same unnest INSERT, no rollup upsert work);
 *   - one full scan of the log answering a single month's city average (what rollups avoid).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewObservation } from '@cityioc/contracts';
import { CAN_THO_CATALOGUE, CAN_THO_REGISTRY, createWorkCalendar, indexCatalogue, AdminIndicatorState, type SeriesKind } from '@cityioc/domain';
import { AnalystService, type SeriesRequest } from '../apps/ingest/src/analyst/analyst.service.ts';
import { openPostgresStore } from '../apps/ingest/src/store/postgres-store.ts';
import { openSqliteStore } from '../apps/ingest/src/store/sqlite-store.ts';
import type { Store } from '../apps/ingest/src/store/store.ts';
import type { PostgresServer } from '../test-support/postgres.ts';

/** better-sqlite3 is the ingest's dependency; the bench borrows it for the baseline and the raw scan. */
interface Stmt {
  run(...args: unknown[]): unknown;
  get(...args: unknown[]): unknown;
  pluck(): { get(): unknown };
}
interface Db {
  pragma(s: string): unknown;
  exec(s: string): void;
  prepare(s: string): Stmt;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}
const Database = createRequire(new URL('../apps/ingest/package.json', import.meta.url))('better-sqlite3') as new (
  file: string,
  opts?: { readonly?: boolean },
) => Db;
/** pg is the ingest's dependency too: the bench borrows it for the rollup count and the raw scan. */
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const Pg = createRequire(new URL('../apps/ingest/package.json', import.meta.url))('pg') as {
  Client: new (opts: { connectionString: string }) => PgClient;
};

export const ANALYST_CEILING_MS = 300;
const AREAS = ['916', '917', '918', '919', '923', '924', '925', '926', '927'];
const START = Date.parse('2024-12-01T00:00:00+07:00');
/** Two years of history, whatever N is. */
const SPAN_MS = 2 * 365 * 86_400_000;
const BATCH = 10_000;

function row(i: number, n: number): NewObservation {
  const k = i % 3;
  const area = AREAS[Math.floor(i / 3) % 9]!;
  const t = START + Math.floor((i / n) * SPAN_MS);
  const base = { id: `a-${String(i).padStart(10, '0')}`, area, agency: null, station: null, observedAt: t, receivedAt: t + 1000, source: 'bench' };
  if (k === 0) return { ...base, indicator: 'pm25', value: 10 + (i % 50), numerator: null, denominator: null };
  if (k === 1) return { ...base, indicator: 'e_document_rate', value: null, numerator: i % 7, denominator: 7 };
  return { ...base, indicator: 'citizen_reports_received', value: i % 4, numerator: null, denominator: null };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** The same rows into the same table without rollups: how fast the log alone takes them. */
function baselineLoad(n: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-base-'));
  try {
    const db = new Database(join(dir, 'b.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE observations (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, indicator TEXT NOT NULL, area TEXT NOT NULL, agency TEXT,
      station TEXT, observed_at INTEGER NOT NULL, received_at INTEGER NOT NULL, value REAL, numerator REAL, denominator REAL, source TEXT NOT NULL)`);
    const ins = db.prepare(
      `INSERT OR IGNORE INTO observations (id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tx = db.transaction((b: NewObservation[]) => {
      for (const o of b) ins.run(o.id, o.indicator, o.area, o.agency, o.station, o.observedAt, o.receivedAt, o.value, o.numerator, o.denominator, o.source);
    });
    const t0 = performance.now();
    for (let i = 0; i < n; i += BATCH) {
      const b: NewObservation[] = [];
      for (let j = i; j < Math.min(n, i + BATCH); j++) b.push(row(j, n));
      tx(b);
    }
    const s = (performance.now() - t0) / 1000;
    db.close();
    return n / s;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same rows through the PostgreSQL store with no rollup rows (an area chain that yields none). */
async function baselineLoadPostgres(n: number, url: string): Promise<number> {
  const store = await openPostgresStore({ url, areaChain: () => [] });
  try {
    const t0 = performance.now();
    await loadInto(store, n, () => undefined);
    return n / ((performance.now() - t0) / 1000);
  } finally {
    await store.close();
  }
}

async function loadInto(store: Store, n: number, log: (line: string) => void): Promise<void> {
  for (let i = 0; i < n; i += BATCH) {
    const b: NewObservation[] = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) b.push(row(j, n));
    await store.append(b);
    if ((i / BATCH) % 100 === 99) log(`  loaded ${(i + BATCH).toLocaleString('en-US')} …`);
  }
}

export interface AnalystBenchOptions {
  /** Default sqlite. */
  store?: 'sqlite' | 'postgres';
  /** Required for postgres: the server to create the bench databases in. */
  pg?: PostgresServer;
}

export interface AnalystBenchResult {
  store: 'sqlite' | 'postgres';
  observations: number;
  loadPerS: number;
  baselineLoadPerS: number;
  rollupRows: number;
  queries: { name: string; p50Ms: number; p99Ms: number }[];
  p50Ms: number;
  p99Ms: number;
  ceilingMs: number;
  fullScanMs: number;
}

export async function benchAnalystAt(n: number, log: (line: string) => void, opts: AnalystBenchOptions = {}): Promise<AnalystBenchResult> {
  const kind = opts.store ?? 'sqlite';
  const index = indexCatalogue(CAN_THO_CATALOGUE, CAN_THO_REGISTRY);
  const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-analyst-'));
  const file = join(dir, 'ioc.db');
  try {
    let url = '';
    if (kind === 'postgres') {
      if (!opts.pg) throw new Error('analyst bench on postgres needs a server');
      url = await opts.pg.createDatabase(`analyst_${n}`);
    }
    const store = kind === 'sqlite' ? openSqliteStore({ file, areaChain: index.areaChainAt }) : await openPostgresStore({ url, areaChain: index.areaChainAt });
    const t0 = performance.now();
    await loadInto(store, n, log);
    const loadS = (performance.now() - t0) / 1000;
    const baselineLoadPerS =
      kind === 'sqlite'
        ? baselineLoad(Math.min(n, 1_000_000))
        : await baselineLoadPostgres(Math.min(n, 1_000_000), await opts.pg!.createDatabase(`analyst_base_${n}`));

    const analyst = new AnalystService(index, store, new AdminIndicatorState({ calendar: createWorkCalendar() }), null);
    const all = ['92', ...AREAS];
    const q = (name: string, indicator: string, areas: string[], period: SeriesKind, from: string, to: string, compare = false) => ({
      name,
      // the old districts' codes as they were (this bench's rows name them; the crosswalk has its own bench, geo.bench.ts)
      req: { indicator, areas, period, from, to, compare, view: 'as-it-was' } satisfies SeriesRequest,
    });
    const queries = [
      q('city + 9 districts, 24 months, avg', 'pm25', all, 'month', '2024-12', '2026-11'),
      q('3 districts, 8 quarters, ratio, vs previous', 'e_document_rate', ['916', '917', '919'], 'quarter', '2025-Q1', '2026-Q4', true),
      q('city + 9 districts, 4 halves, sum', 'citizen_reports_received', all, 'half', '2025-H1', '2026-H2'),
      q('city + 9 districts, 2 years, ratio', 'e_document_rate', all, 'year', '2025', '2026'),
      q('1 district, 90 days, avg', 'pm25', ['916'], 'day', '2026-08-01', '2026-10-29'),
      q('10 areas, 480 hours, sum (near the cap)', 'citizen_reports_received', all, 'hour', '2026-10-01T00', '2026-10-20T23'),
    ];
    const reps = 30;
    const allMs: number[] = [];
    const per: AnalystBenchResult['queries'] = [];
    const now = Date.parse('2026-11-22T08:00:00+07:00');
    for (const { name, req } of queries) {
      const ms: number[] = [];
      for (let r = 0; r < reps; r++) {
        const a = performance.now();
        const res = await analyst.series(req, now);
        ms.push(performance.now() - a);
        if (res.series.length !== req.areas.length) throw new Error(`${name}: wrong answer`);
      }
      allMs.push(...ms);
      per.push({ name, p50Ms: +quantile(ms, 0.5).toFixed(2), p99Ms: +quantile(ms, 0.99).toFixed(2) });
    }
    await store.close();

    // What a query without rollups costs: one month's city average of pm25 read from the log.
    const from = Date.parse('2026-10-01T00:00:00+07:00');
    const to = Date.parse('2026-11-01T00:00:00+07:00');
    let rollupRows: number;
    let fullScanMs: number;
    if (kind === 'sqlite') {
      const db = new Database(file, { readonly: true });
      rollupRows = db.prepare(`SELECT COUNT(*) FROM rollups`).pluck().get() as number;
      const f0 = performance.now();
      db.prepare(`SELECT AVG(value) FROM observations WHERE indicator = 'pm25' AND observed_at >= ? AND observed_at < ?`).get(from, to);
      fullScanMs = performance.now() - f0;
      db.close();
    } else {
      const c = new Pg.Client({ connectionString: url });
      await c.connect();
      rollupRows = Number((await c.query(`SELECT COUNT(*) AS n FROM rollups`)).rows[0]!.n);
      const f0 = performance.now();
      await c.query(`SELECT AVG(value) FROM observations WHERE indicator = 'pm25' AND observed_at >= $1 AND observed_at < $2`, [from, to]);
      fullScanMs = performance.now() - f0;
      await c.end();
    }
    return {
      store: kind,
      observations: n,
      loadPerS: Math.round(n / loadS),
      baselineLoadPerS: Math.round(baselineLoadPerS),
      rollupRows,
      queries: per,
      p50Ms: +quantile(allMs, 0.5).toFixed(2),
      p99Ms: +quantile(allMs, 0.99).toFixed(2),
      ceilingMs: ANALYST_CEILING_MS,
      fullScanMs: Math.round(fullScanMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
