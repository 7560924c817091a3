/**
 * NDJSON bulk ingest (issue 16 #9): the route persisting every line (durable before the answer) beside the same route
 * parsing and validating the same body and discarding it, same server, same run, each figure repeated (min/median/max).
 * On PostgreSQL the node is measured twice on its own database: following the shared logs (several nodes, the default)
 * and not (IOC_FOLLOW_SHARED_LOGS=false, a node that is its database's only writer): the difference is the cost of
 * follow mode (live/log-follower.ts: the node reads its own commits back from the log before it answers).
 *   --ndjson-stores=sqlite,postgres (default both)   --ndjson-reps=N (default 3)
 *   --cpu-prof=DIR: the servers write a V8 CPU profile there when they stop (bench/cpu-profile.mjs)
 */
import { loadavg } from 'node:os';
import type { BenchDeps } from './bench-server.ts';

const T = Date.parse('2026-11-22T07:00:00+07:00');
// nine of today's communes (from 1 July 2025 directly under the city, code 92)
const AREAS = ['31120', '31135', '31147', '31150', '31153', '31157', '31162', '31168', '31174'];

/** The bench's observation n (also the single-POST bench's body). */
export function observation(prefix: string, n: number) {
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

/** Posts the bodies `concurrency` at a time; every answer must be 200. Resolves to the seconds taken. */
async function sendAll(url: string, key: string, bodies: string[], concurrency: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'x-api-key': key }, body });
        if (r.status !== 200) throw new Error(`${url} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
        await r.arrayBuffer();
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}
export function spread(xs: readonly number[], digits = 0): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => +x.toFixed(digits);
  return { min: r(s[0]!), median: r(s[Math.floor((s.length - 1) / 2)]!), max: r(s.at(-1)!) };
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Node {
  name: string;
  url: string;
}

/**
 * Per repetition: the parse + validate ceiling on the first node, then each node persisting the same bodies (new ids
 * every repetition, so every line is stored). Rates in events/s, ratios against that repetition's ceiling.
 */
async function rounds(d: BenchDeps, nodes: Node[], total: number, reps: number) {
  const per = 10_000;
  const warm = ndjsonBodies('warm', 50_000, per);
  await sendAll(`${nodes[0]!.url}/api/v1/_bench/ndjson-discard`, d.key, warm, 2);
  for (const n of nodes) await sendAll(`${n.url}/api/v1/observations/ndjson`, d.key, warm, 2);
  const ceiling: number[] = [];
  const persisted = nodes.map(() => [] as number[]);
  const loads: string[] = [load()];
  for (let rep = 0; rep < reps; rep++) {
    const bodies = ndjsonBodies(`nd${rep}`, total, per);
    ceiling.push(total / (await sendAll(`${nodes[0]!.url}/api/v1/_bench/ndjson-discard`, d.key, bodies, 2)));
    for (let i = 0; i < nodes.length; i++) persisted[i]!.push(total / (await sendAll(`${nodes[i]!.url}/api/v1/observations/ndjson`, d.key, bodies, 2)));
    loads.push(load());
  }
  return { ceiling, persisted, loads };
}

export async function benchNdjson(d: BenchDeps, argv: readonly string[]): Promise<void> {
  const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  const total = d.quick ? 200_000 : 1_000_000;
  const reps = Number(arg('ndjson-reps') ?? 3);
  const stores = (arg('ndjson-stores') ?? 'sqlite,postgres').split(',');
  const prof = arg('cpu-prof');
  // node refuses --cpu-prof in NODE_OPTIONS: a preload starts the inspector's profiler instead
  const nodeEnv: Record<string, string> = prof
    ? { NODE_OPTIONS: `--import ${new URL('./cpu-profile.mjs', import.meta.url).href}`, IOC_BENCH_CPU_PROF_DIR: prof }
    : {};
  const out: Record<string, unknown> = { events: total, reps };
  const line = (what: string, rates: number[], ceiling: number[]) => {
    const r = spread(
      rates.map((x, i) => x / ceiling[i]!),
      3,
    );
    const p = spread(rates);
    console.log(
      `NDJSON bulk ${what}: persisted ${d.fmt(p.median)} ev/s (min ${d.fmt(p.min)}, max ${d.fmt(p.max)}) ` +
        `vs parse+validate ceiling ${d.fmt(spread(ceiling).median)} ev/s → ratio min ${d.pct(r.min)} / median ${d.pct(r.median)} ` +
        `/ max ${d.pct(r.max)} (target ≥ 50 %)`,
    );
    return { persistedEventsPerS: p, ratio: r };
  };

  if (stores.includes('sqlite')) {
    const server = await d.startServer(nodeEnv);
    if (prof) console.log(`  CPU profile of the SQLite node (pid ${server.pid}) in ${prof}`);
    try {
      const { ceiling, persisted, loads } = await rounds(d, [{ name: 'sqlite', url: server.url }], total, reps);
      out.sqlite = { ceilingEventsPerS: spread(ceiling), ...line('on SQLite', persisted[0]!, ceiling), loadavg: loads };
      console.log(`  load average (1/5/15 min) before and after each repetition: ${loads.join(' | ')}`);
    } finally {
      await server.stop();
    }
  }

  if (stores.includes('postgres')) {
    const { startPostgres } = await import('../test-support/postgres.ts');
    const pg = await startPostgres({ settings: { shared_buffers: '256MB', max_wal_size: '4GB' } });
    try {
      const follow = await d.startServer({ ...nodeEnv, IOC_DATABASE_URL: await pg.createDatabase('ndjson_follow') });
      const alone = await d.startServer({ ...nodeEnv, IOC_DATABASE_URL: await pg.createDatabase('ndjson_alone'), IOC_FOLLOW_SHARED_LOGS: 'false' });
      if (prof) console.log(`  CPU profiles in ${prof}: following pid ${follow.pid}, only writer pid ${alone.pid}`);
      try {
        const nodes = [
          { name: 'follow', url: follow.url },
          { name: 'alone', url: alone.url },
        ];
        const { ceiling, persisted, loads } = await rounds(d, nodes, total, reps);
        const [on, off] = persisted as [number[], number[]];
        const cost = spread(
          on.map((x, i) => 1 - x / off[i]!),
          3,
        );
        out.postgres = {
          ceilingEventsPerS: spread(ceiling),
          following: line('on PostgreSQL, following the shared logs', on, ceiling),
          alone: line('on PostgreSQL, only writer (IOC_FOLLOW_SHARED_LOGS=false)', off, ceiling),
          followCost: cost,
          loadavg: loads,
        };
        console.log(
          `  cost of follow mode: ${d.pct(cost.median)} of the only-writer rate (min ${d.pct(cost.min)}, max ${d.pct(cost.max)}); ` +
            `load average before and after each repetition: ${loads.join(' | ')}`,
        );
      } finally {
        await follow.stop();
        await alone.stop();
      }
    } finally {
      await pg.stop();
    }
  }
  d.results.ndjson = out;
}
