/**
 * pnpm bench --only=access: the cost of authorization (issue 11) on the two hottest routes, as a
 * ratio against the same run without it. The same compiled server is started twice: as deployed
 * (the access hook: key or session or token lookup, role and scope checks, the failed-auth
 * limiter's check) and with IOC_BENCH_ALLOW_ALL (the access plugin admits every request as an
 * administrator, nothing looked up: the ceiling).
 *   single POST   POST /api/v1/observations with a feed key (x-api-key)
 *   snapshot      GET /api/v1/snapshot/92 with a session cookie (a signed-in leader), and with a bearer token
 */
import autocannon from 'autocannon';
import { KEY, startServer, type BenchDeps, type BenchServer } from './bench-server.ts';
import { showSpread, spread } from './spread.ts';

type Deps = Pick<BenchDeps, 'quick' | 'results' | 'fmt' | 'pct' | 'repeat'>;

const T = Date.parse('2026-11-22T07:00:00+07:00');

async function run(
  url: string,
  opts: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: (n: number) => string; seconds: number },
): Promise<number> {
  let n = 0;
  const r = await autocannon({
    url,
    method: opts.method,
    connections: 64,
    duration: opts.seconds,
    headers: opts.headers,
    requests: opts.body ? [{ setupRequest: (req) => ({ ...req, body: opts.body!(n++) }) }] : undefined,
  });
  if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers`);
  return r.requests.average;
}

const observation = (prefix: string, n: number) =>
  JSON.stringify({
    id: `${prefix}-${n}`,
    indicator: 'citizen_reports_received',
    area: '31135',
    observedAt: new Date(T + (n % 3_600_000)).toISOString(),
    value: n % 1000,
  });

const start = (allowAll: boolean) => startServer({ IOC_BENCH_ALLOW_ALL: allowAll ? 'true' : 'false', IOC_READ_RATE_LIMIT_PER_MINUTE: '100000000' });

/**
 * Both servers run side by side and are measured in turns (deployed, ceiling, deployed, …), each
 * figure the median of its rounds: the machine's load changes over a run, and a ceiling measured
 * minutes apart from its figure would measure that instead.
 */
export async function benchAccess({ quick, results, fmt, repeat }: Deps) {
  const seconds = quick ? 3 : 5;
  const rounds = repeat;
  const [ceiling, deployed] = [await start(true), await start(false)];
  try {
    const cookieOf = async (s: BenchServer) => {
      const account = await s.account('leader');
      const login = await fetch(`${s.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
      if (login.status !== 200) throw new Error(`login: ${login.status}`);
      return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const cookies = new Map([
      [ceiling, await cookieOf(ceiling)],
      [deployed, await cookieOf(deployed)],
    ]);
    let k = 0;
    const cases = {
      single: (s: BenchServer) =>
        run(`${s.url}/api/v1/observations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': KEY },
          body: (n) => observation(`p${k++}`, n),
          seconds,
        }),
      snapshotCookie: (s: BenchServer) => run(`${s.url}/api/v1/snapshot/92`, { method: 'GET', headers: { cookie: cookies.get(s)! }, seconds }),
      snapshotBearer: (s: BenchServer) => run(`${s.url}/api/v1/snapshot/92`, { method: 'GET', headers: s.headers('leader'), seconds }),
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const out: Record<string, unknown> = { rounds, secondsEach: seconds };
    for (const [name, measure] of Object.entries(cases)) {
      await measure(deployed); // warm-up of both
      await measure(ceiling);
      const with_: number[] = [];
      const without: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const a = await measure(deployed);
        const b = await measure(ceiling);
        with_.push(a);
        without.push(b);
        ratios.push(a / b);
      }
      const r = spread(ratios);
      out[name] = {
        reqPerS: Math.round(median(with_)),
        allowAllReqPerS: Math.round(median(without)),
        ratio: r,
      };
      console.log(
        `access, ${name}: median ${fmt(median(with_))} req/s with authorization vs ${fmt(median(without))} allow-all → ${showSpread(r)} (paired rounds)`,
      );
    }
    results.access = out;
  } finally {
    await deployed.stop();
    await ceiling.stop();
  }
}

/**
 * The same comparison in one process, by CPU time: both apps built from the sources, requests
 * through inject() (no network, no autocannon), in alternating blocks, CPU time (user + system)
 * per request. On a shared machine this is steadier than req/s: other processes' load lengthens
 * wall time, not this process's CPU time.
 */
export async function benchAccessCpu({ quick, results, repeat }: Deps) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { buildApp } = await import('../apps/ingest/src/app.ts');
  const { loadConfig } = await import('../apps/ingest/src/env.ts');
  const TOKEN = 'bench-leader-token-0123456789';
  const make = async (allowAll: boolean) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-access-'));
    const config = loadConfig({
      IOC_DEMO: 'false',
      IOC_DASHBOARD_DIR: '',
      LOG_LEVEL: 'warn',
      IOC_DATA_DIR: dataDir,
      IOC_API_KEYS: `bench:${KEY}`,
      IOC_BENCH_ROUTES: 'true',
      IOC_BENCH_ALLOW_ALL: String(allowAll),
      IOC_RATE_LIMIT_PER_MINUTE: '100000000',
      IOC_READ_RATE_LIMIT_PER_MINUTE: '100000000',
      IOC_OPERATOR_TOKENS: JSON.stringify([{ token: TOKEN, name: 'bench', unit: 'bench', role: 'admin', scopes: ['92'] }]),
    });
    const app = await buildApp({ config });
    await app.ready();
    const user = { username: 'bench.leader', name: 'Bench', role: 'leader', scopes: { units: ['92'], agencies: [] }, password: 'bench leader password' };
    await app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: { authorization: `Bearer ${TOKEN}` }, payload: user });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: user.password } });
    const cookie = `ioc_session=${login.cookies.find((c) => c.name === 'ioc_session')?.value ?? ''}`;
    return { app, cookie, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
  };
  const apps = { deployed: await make(false), ceiling: await make(true) };
  const block = quick ? 1000 : 3000;
  const rounds = Math.max(repeat, quick ? 4 : 8);
  let n = 0;
  const cases = {
    single: (x: typeof apps.deployed) => () =>
      x.app.inject({
        method: 'POST',
        url: '/api/v1/observations',
        headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
        payload: observation('cpu', n++),
      }),
    snapshotCookie: (x: typeof apps.deployed) => () => x.app.inject({ url: '/api/v1/snapshot/92', headers: { cookie: x.cookie } }),
  };
  const cpuOf = async (f: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < block; i++) await f();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / block;
  };
  const out: Record<string, unknown> = { requestsPerBlock: block, rounds };
  try {
    for (const [name, of] of Object.entries(cases)) {
      await cpuOf(of(apps.deployed));
      await cpuOf(of(apps.ceiling));
      let withAuth = 0;
      let without = 0;
      const ratios: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const a = await cpuOf(of(apps.deployed));
        const b = await cpuOf(of(apps.ceiling));
        withAuth += a;
        without += b;
        ratios.push(b / a);
      }
      const ratio = spread(ratios);
      out[name] = { cpuUsPerRequest: +(withAuth / rounds).toFixed(1), allowAllCpuUsPerRequest: +(without / rounds).toFixed(1), ratio };
      console.log(
        `access (CPU, in process), ${name}: ${(withAuth / rounds).toFixed(0)} µs/request with authorization vs ${(without / rounds).toFixed(0)} µs allow-all → ` +
          `${showSpread(ratio)} of the ceiling's rate (per block of ${block} requests)`,
      );
    }
    results.accessCpu = out;
  } finally {
    for (const x of Object.values(apps)) {
      await x.app.close();
      x.remove();
    }
  }
}
