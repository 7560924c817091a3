/**
 * Issue 16 item 6, through the proxy: the fan-out benchmark across two IOC nodes sharing one
 * PostgreSQL (the log they both follow) and one Redis (Socket.IO's adapter), N clients connected
 * through nginx (round robin: websocket-only clients need no stickiness, so they spread over both
 * nodes), readings posted alternately to each node. Beside it, in the same run and from the same
 * client processes: the one-node figure (one IOC node, clients straight on it) and the ceiling, a
 * bare Socket.IO server (bench/bare-socket-server.ts) broadcasting the IOC's own delta.
 *
 * Two figures per set-up:
 *  - at 1 delta/s per client: delivered deltas/s, lag p50/p99, the servers' CPU;
 *  - the SATURATION rate: the delta rate per client is raised step by step (readings posted faster,
 *    IOC_TICK_MS 20 so that the ticker does not coalesce them away) until lag p99 passes 1 s; the
 *    saturation is the highest step that held, as deltas delivered per second over all clients.
 * Lag: for the IOC from the POST (each reading carries the moment it was posted as its observedAt:
 * receive − observedAt, the whole way, across nodes); for the bare server from its emit (it has no
 * POST), which flatters the ceiling a little. Run: `pnpm bench --only=fanout2 [--quick] [--clients=1000]`.
 */
import { startNginx } from '../test-support/nginx.ts';
import { startPostgres } from '../test-support/postgres.ts';
import { startRedis } from '../test-support/redis.ts';
import { PROCESS_TOKENS } from '../test-support/server-process.ts';
import { cpuSeconds, startChild, type Child } from './child.ts';
import type { Delta } from '@cityioc/contracts';
import { sampleDelta, type FanoutBenchDeps } from './fanout.bench.ts';

const PROCS = 2;
const P99_LIMIT_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One set-up under test: where clients connect, which processes serve them, how a delta is caused. */
interface Target {
  name: string;
  url: string;
  token: string;
  pids: () => number[];
  /** Causes one delta per client, `rate` times a second for `seconds` (returns when done). */
  drive(rate: number, seconds: number): Promise<void>;
}

interface Step {
  ratePerClient: number;
  deliveredPerS: number;
  lagP50Ms: number;
  lagP99Ms: number;
  cpuPct: number;
}

/** Opens N clients from PROCS processes once; each step counts what they received meanwhile. */
async function openClients(url: string, token: string, n: number): Promise<{ kids: Child[]; connectS: number }> {
  const kids: Child[] = Array.from({ length: PROCS }, () => startChild('socket-clients.ts'));
  await Promise.all(kids.map((k) => k.next('started')));
  const t0 = Date.now();
  await Promise.all(
    kids.map((k, i) => {
      k.send({ connect: { url, n: Math.floor(n / PROCS) + (i < n % PROCS ? 1 : 0), token } });
      return k.next('ready');
    }),
  );
  return { kids, connectS: (Date.now() - t0) / 1000 };
}

async function step(d: FanoutBenchDeps, kids: Child[], t: Target, rate: number, seconds: number, fromPost: boolean): Promise<Step> {
  const report = () =>
    Promise.all(
      kids.map((k) => {
        k.send({ report: true });
        return k.next<{ received: number; lags: number[]; postLags: number[] }>('received');
      }),
    );
  await report(); // counters from zero
  const pids = t.pids();
  const cpu0 = pids.reduce((a, p) => a + cpuSeconds(p), 0);
  const t0 = Date.now();
  await t.drive(rate, seconds);
  await sleep(1000); // the last deltas' delivery
  const cpu = (pids.reduce((a, p) => a + cpuSeconds(p), 0) - cpu0) / ((Date.now() - t0) / 1000);
  const got = await report();
  const lags = got.flatMap((g) => (fromPost ? g.postLags : g.lags));
  return {
    ratePerClient: rate,
    deliveredPerS: Math.round(got.reduce((a, g) => a + g.received, 0) / seconds),
    lagP50Ms: lags.length ? d.quantile(lags, 0.5) : NaN,
    lagP99Ms: lags.length ? d.quantile(lags, 0.99) : NaN,
    cpuPct: Math.round(cpu * 100),
  };
}

/** The figure at 1 delta/s, then the rate raised until lag p99 > 1 s. */
async function run(d: FanoutBenchDeps, t: Target, n: number, seconds: number, rates: readonly number[], fromPost: boolean) {
  const { kids, connectS } = await openClients(t.url, t.token, n);
  try {
    await sleep(1000);
    const steady = await step(d, kids, t, 1, seconds, fromPost);
    const steps: Step[] = [];
    for (const r of rates) {
      const s = await step(d, kids, t, r, Math.max(5, Math.round(seconds / 2)), fromPost);
      steps.push(s);
      if (!(s.lagP99Ms <= P99_LIMIT_MS)) break;
    }
    const held = steps.filter((s) => s.lagP99Ms <= P99_LIMIT_MS);
    const saturation = held.at(-1) ?? null;
    return { name: t.name, clients: n, connectS: +connectS.toFixed(1), steady, steps, saturationPerS: saturation?.deliveredPerS ?? 0 };
  } finally {
    for (const k of kids) k.stop();
  }
}

/** Posts one reading stamped with the moment it is posted (observedAt = now): the clients' post lag. */
async function postNow(url: string, key: string, id: string): Promise<void> {
  const r = await fetch(`${url}/api/v1/observations/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({
      observations: [
        { id, indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: new Date().toISOString(), value: 150 + (id.length % 20) },
      ],
    }),
  });
  if (r.status !== 200) throw new Error(`batch answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
}

/** Posts `rate` readings a second for `seconds`, round robin over `urls`. */
function driver(urls: readonly string[], key: string, tag: string) {
  let seq = 0;
  return async (rate: number, seconds: number) => {
    const every = 1000 / rate;
    const t0 = Date.now();
    for (let k = 0; k * every < seconds * 1000; k++) {
      const wait = t0 + k * every - Date.now();
      if (wait > 0) await sleep(wait);
      const i = seq++;
      await postNow(urls[i % urls.length]!, key, `${tag}-${i}`);
    }
    await sleep(Math.max(0, t0 + seconds * 1000 - Date.now()));
  };
}

export async function benchFanout2(d: FanoutBenchDeps, argv: readonly string[], log: (s: string) => void = console.log) {
  const arg = argv.find((a) => a.startsWith('--clients='))?.slice(10);
  const n = Number(arg?.split(',')[0] ?? (d.quick ? 1000 : 3000));
  const seconds = d.quick ? 10 : 20;
  const rates = [2, 4, 8, 16, 32, 50];
  const env = { IOC_TICK_MS: '20' };
  const out: Awaited<ReturnType<typeof run>>[] = [];
  const tag = `fan2-${Date.now()}`;

  // the one-node figure: one IOC node (its embedded store), clients straight on it
  const one = await d.startServer(env);
  let payload: Delta | undefined;
  try {
    payload = await sampleDelta(one.url, d.key, Date.now());
    const drive = driver([one.url], d.key, `${tag}-one`);
    out.push(await run(d, { name: 'one node', url: one.url, token: PROCESS_TOKENS.leader, pids: () => [one.pid], drive }, n, seconds, rates, true));
  } finally {
    await one.stop();
  }

  // two nodes on one PostgreSQL and one Redis, through nginx
  const pg = await startPostgres();
  const redis = await startRedis();
  try {
    const db = await pg.createDatabase('ioc_fanout2');
    const shared = { ...env, IOC_DATABASE_URL: db, IOC_REDIS_URL: redis.url, IOC_TRUSTED_PROXIES: '127.0.0.1' };
    const a = await d.startServer(shared);
    const b = await d.startServer(shared);
    const nginx = await startNginx([a.url, b.url], { balance: 'round_robin', connections: 2 * n + 256 });
    try {
      const drive = driver([a.url, b.url], d.key, `${tag}-two`);
      const pids = () => [a.pid, b.pid, nginx.pid()];
      out.push(await run(d, { name: 'two nodes via nginx', url: nginx.url, token: PROCESS_TOKENS.leader, pids, drive }, n, seconds, rates, true));
    } finally {
      await nginx.stop();
      await a.stop();
      await b.stop();
    }
  } finally {
    await redis.stop();
    await pg.stop();
  }

  // the ceiling: a bare Socket.IO server emitting the IOC's own delta at the same rates
  const bare = startChild('bare-socket-server.ts');
  try {
    const { port } = await bare.next<{ port: number }>('ready');
    const drive = async (rate: number, secs: number) => {
      bare.send({ run: { payload, perEmit: 1, everyMs: 1000 / rate, seconds: secs } });
      await bare.next('done');
    };
    const url = `http://127.0.0.1:${port}`;
    out.push(await run(d, { name: 'bare socket.io', url, token: 'none', pids: () => [bare.proc.pid!], drive }, n, seconds, rates, false));
  } finally {
    bare.stop();
  }

  const ceiling = out.find((o) => o.name === 'bare socket.io')!;
  for (const o of out) {
    const s = o.steady;
    log(
      `fan-out2 ${o.name}, ${d.fmt(n)} clients (${PROCS} client processes): at 1 delta/s ${d.fmt(s.deliveredPerS)} deltas/s ` +
        `(${((s.deliveredPerS / ceiling.steady.deliveredPerS) * 100).toFixed(1)} % of bare), lag p50 ${s.lagP50Ms} / p99 ${s.lagP99Ms} ms, CPU ${s.cpuPct} %; ` +
        `SATURATION ${d.fmt(o.saturationPerS)} deltas/s (${((o.saturationPerS / Math.max(1, ceiling.saturationPerS)) * 100).toFixed(1)} % of bare's ` +
        `${d.fmt(ceiling.saturationPerS)}) — steps ${o.steps.map((x) => `${x.ratePerClient}/s→p99 ${x.lagP99Ms} ms`).join(', ')}`,
    );
  }
  d.results.fanout2 = out;
}
