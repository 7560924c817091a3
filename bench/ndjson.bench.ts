/**
 * NDJSON bulk ingest (issue 16 #9): the route persisting every line (durable before the answer) beside the same route
 * parsing and validating the same body and discarding it, same server, same run, each figure repeated (min/median/max).
 * Beside the wall-clock rates, the server's CPU time per event of each (/proc/<pid>/stat), whose ratio moves less with
 * the load of a shared machine.
 * On PostgreSQL the node is measured twice on its own database: following the shared logs (several nodes, the default)
 * and not (IOC_FOLLOW_SHARED_LOGS=false, a node that is its database's only writer): the difference is the cost of
 * follow mode (live/log-follower.ts: the node reads its own commits back from the log before it answers).
 *   --ndjson-stores=sqlite,postgres (default both)   --ndjson-reps=N (default 3)
 *   --cpu-prof=DIR: the servers write a V8 CPU profile there when they stop (bench/cpu-profile.mjs)
 */
import { readFileSync } from 'node:fs';
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
  pid: number;
}

/**
 * CPU seconds a process has used so far, its threads included (user + system, /proc/<pid>/stat; libuv's fsync
 * included). Its ratio, ceiling to persisted, does not move with the machine's load as much as the wall-clock rates do.
 */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line (12 and 13 after the command), in clock ticks (USER_HZ = 100 on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Sends the bodies and returns [events/s wall, server CPU µs per event]. */
async function measured(n: Node, path: string, key: string, bodies: string[], total: number): Promise<[number, number]> {
  const c0 = cpuSeconds(n.pid);
  const s = await sendAll(`${n.url}${path}`, key, bodies, 2);
  return [total / s, ((cpuSeconds(n.pid) - c0) / total) * 1e6];
}

/**
 * Per repetition: the parse + validate ceiling on the first node, then each node persisting the same bodies (new ids
 * every repetition, so every line is stored). Rates in events/s, ratios against that repetition's ceiling; beside them
 * the server's CPU time per event of each (the ceiling's over the persisted path's: the same ratio in CPU, less moved by
 * other processes on the machine).
 */
async function rounds(d: BenchDeps, nodes: Node[], total: number, reps: number) {
  const per = 10_000;
  const warm = ndjsonBodies('warm', 50_000, per);
  await sendAll(`${nodes[0]!.url}/api/v1/_bench/ndjson-discard`, d.key, warm, 2);
  for (const n of nodes) await sendAll(`${n.url}/api/v1/observations/ndjson`, d.key, warm, 2);
  const ceiling: number[] = [];
  const ceilingCpu: number[] = [];
  const persisted = nodes.map(() => [] as number[]);
  const persistedCpu = nodes.map(() => [] as number[]);
  const loads: string[] = [load()];
  for (let rep = 0; rep < reps; rep++) {
    const bodies = ndjsonBodies(`nd${rep}`, total, per);
    const [rate, cpu] = await measured(nodes[0]!, '/api/v1/_bench/ndjson-discard', d.key, bodies, total);
    ceiling.push(rate);
    ceilingCpu.push(cpu);
    for (let i = 0; i < nodes.length; i++) {
      const [r, c] = await measured(nodes[i]!, '/api/v1/observations/ndjson', d.key, bodies, total);
      persisted[i]!.push(r);
      persistedCpu[i]!.push(c);
    }
    loads.push(load());
  }
  return { ceiling, persisted, ceilingCpu, persistedCpu, loads };
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
  const line = (what: string, rates: number[], ceiling: number[], cpu: number[], ceilingCpu: number[]) => {
    const r = spread(
      rates.map((x, i) => x / ceiling[i]!),
      3,
    );
    const p = spread(rates);
    const c = spread(
      cpu.map((x, i) => ceilingCpu[i]! / x),
      3,
    );
    console.log(
      `NDJSON bulk ${what}: persisted ${d.fmt(p.median)} ev/s (min ${d.fmt(p.min)}, max ${d.fmt(p.max)}) ` +
        `vs parse+validate ceiling ${d.fmt(spread(ceiling).median)} ev/s → ratio min ${d.pct(r.min)} / median ${d.pct(r.median)} ` +
        `/ max ${d.pct(r.max)} (target ≥ 50 %)`,
    );
    console.log(
      `  server CPU per event: persisted ${spread(cpu, 1).median} µs vs ceiling ${spread(ceilingCpu, 1).median} µs → ` +
        `ceiling/persisted min ${d.pct(c.min)} / median ${d.pct(c.median)} / max ${d.pct(c.max)}`,
    );
    return { persistedEventsPerS: p, ratio: r, cpuUsPerEvent: spread(cpu, 1), ceilingCpuUsPerEvent: spread(ceilingCpu, 1), cpuRatio: c };
  };

  if (stores.includes('sqlite')) {
    const server = await d.startServer(nodeEnv);
    if (prof) console.log(`  CPU profile of the SQLite node (pid ${server.pid}) in ${prof}`);
    try {
      const { ceiling, persisted, ceilingCpu, persistedCpu, loads } = await rounds(d, [{ name: 'sqlite', url: server.url, pid: server.pid }], total, reps);
      out.sqlite = { ceilingEventsPerS: spread(ceiling), ...line('on SQLite', persisted[0]!, ceiling, persistedCpu[0]!, ceilingCpu), loadavg: loads };
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
          { name: 'follow', url: follow.url, pid: follow.pid },
          { name: 'alone', url: alone.url, pid: alone.pid },
        ];
        const { ceiling, persisted, ceilingCpu, persistedCpu, loads } = await rounds(d, nodes, total, reps);
        const [on, off] = persisted as [number[], number[]];
        const cost = spread(
          on.map((x, i) => 1 - x / off[i]!),
          3,
        );
        out.postgres = {
          ceilingEventsPerS: spread(ceiling),
          following: line('on PostgreSQL, following the shared logs', on, ceiling, persistedCpu[0]!, ceilingCpu),
          alone: line('on PostgreSQL, only writer (IOC_FOLLOW_SHARED_LOGS=false)', off, ceiling, persistedCpu[1]!, ceilingCpu),
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
