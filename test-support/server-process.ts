/**
 * Starts the real ingest server as a child process on a free port, for process-level tests,
 * browser tests and benchmarks. It runs the production entry, plain `node` on the compiled build
 * (apps/ingest/dist/server.js): the test projects' global setup (build.global-setup.ts) and
 * `npm test` / `pnpm bench` bring dist/ up to date first. The server dies with its parent.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnOwned } from './owned-process.ts';

export const ROOT = new URL('..', import.meta.url).pathname;
/** The production entry point, as `npm start` and the ingest image run it. */
export const SERVER_ENTRY = join(ROOT, 'apps/ingest/dist/server.js');

/**
 * The environment of a process that runs the compiled build: without the "@cityioc/source"
 * condition a tsx or vitest parent may carry in NODE_OPTIONS (plain node cannot load the .ts sources).
 */
export function compiledEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const nodeOptions = (env.NODE_OPTIONS ?? '')
    .split(/\s+/)
    .filter((o) => o && o !== '--conditions=@cityioc/source')
    .join(' ');
  return { ...env, NODE_OPTIONS: nodeOptions };
}

/** The roles a test can act as (issue 11): a bearer token of each is configured on every server a test starts. */
export type TestRole = 'leader' | 'operator' | 'analyst' | 'admin';

/**
 * Service tokens (IOC_OPERATOR_TOKENS, extended format) every test server accepts beside the ones a
 * test adds: an administrator, a leader and an analyst of the whole city, an operator of phường
 * Ninh Kiều (31135, today's registry) and its people's committee (000.135.00.H13).
 */
export const PROCESS_TOKENS: Readonly<Record<TestRole, string>> = {
  admin: 'process-admin-token-0123456789',
  leader: 'process-leader-token-0123456789',
  operator: 'process-operator-31135-token-0123456789',
  analyst: 'process-analyst-token-0123456789',
};
const TOKEN_ENTRIES = [
  { token: PROCESS_TOKENS.admin, name: 'Quản trị kiểm thử', unit: 'Trung tâm IOC', role: 'admin', scopes: { units: ['92'], agencies: [] } },
  { token: PROCESS_TOKENS.leader, name: 'Lãnh đạo kiểm thử', unit: 'UBND thành phố', role: 'leader', scopes: { units: ['92'], agencies: [] } },
  {
    token: PROCESS_TOKENS.operator,
    name: 'Vận hành Ninh Kiều',
    unit: 'UBND phường Ninh Kiều',
    role: 'operator',
    scopes: { units: ['31135'], agencies: ['000.135.00.H13'] },
  },
  { token: PROCESS_TOKENS.analyst, name: 'Phân tích kiểm thử', unit: 'Sở Nội vụ', role: 'analyst', scopes: { units: ['92'], agencies: [] } },
];

/** A person's account on a test server, created on first use through the admin API (what signIn types into the form). */
export interface ProcessAccount {
  username: string;
  password: string;
  name: string;
  role: TestRole;
  scopes: { units: string[]; agencies: string[] };
}
export const PROCESS_ACCOUNTS: Readonly<Record<TestRole, ProcessAccount>> = {
  leader: { username: 'kt.lanhdao', password: 'lãnh đạo kiểm thử 2026', name: 'Trần Văn Lãnh', role: 'leader', scopes: { units: ['92'], agencies: [] } },
  operator: {
    username: 'kt.vanhanh',
    password: 'vận hành kiểm thử 2026',
    name: 'Nguyễn Thị Dung',
    role: 'operator',
    scopes: { units: ['31135'], agencies: ['000.135.00.H13'] },
  },
  analyst: { username: 'kt.phantich', password: 'phân tích kiểm thử 2026', name: 'Lê Minh Phân', role: 'analyst', scopes: { units: ['92'], agencies: [] } },
  admin: { username: 'kt.quantri', password: 'quản trị kiểm thử 2026', name: 'Phạm Quốc Trị', role: 'admin', scopes: { units: ['92'], agencies: [] } },
};

/** IOC_OPERATOR_TOKENS with the test tokens added to a test's own entries (JSON array). */
function withTestTokens(raw: string | undefined): string {
  const own = raw ? (JSON.parse(raw) as unknown[]) : [];
  return JSON.stringify([...own, ...TOKEN_ENTRIES]);
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Request headers carrying the bearer token of a role (reads, exports, actions, administration). */
  headers(role: TestRole, extra?: Record<string, string>): Record<string, string>;
  /** The account of a role, created through the admin API the first time it is asked for. */
  account(role: TestRole): Promise<ProcessAccount>;
  /** Everything the process printed so far. */
  log(): string;
  /** SIGTERM (graceful) or SIGKILL; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-proc-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the compiled server. `testTokens: false` leaves out the test callers (their scopes name
 * Cần Thơ's units: a server on another city's registry would refuse them at start).
 */
export async function startServerProcess(opts: { dataDir: string; port?: number; env?: Record<string, string>; testTokens?: boolean }): Promise<ServerProcess> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: build first (pnpm build, or tsc -b tsconfig.build.json)`);
  const proc = spawnOwned(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      ...compiledEnv(),
      PORT: String(opts.port ?? 0),
      HOST: '127.0.0.1',
      IOC_DATA_DIR: opts.dataDir,
      IOC_DEMO: 'false',
      IOC_DASHBOARD_DIR: '',
      LOG_LEVEL: 'warn',
      ...opts.env,
      ...(opts.testTokens === false ? {} : { IOC_OPERATOR_TOKENS: withTestTokens(opts.env?.IOC_OPERATOR_TOKENS) }),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const port = await new Promise<number>((resolve, reject) => {
    proc.on('message', (m: { ready?: boolean; port?: number }) => m.ready && resolve(m.port!));
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const headers = (role: TestRole, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${PROCESS_TOKENS[role]}`, ...extra });
  const created = new Map<TestRole, Promise<ProcessAccount>>();
  const account = (role: TestRole) => {
    let p = created.get(role);
    if (!p) {
      const a = PROCESS_ACCOUNTS[role];
      p = fetch(`${url}/api/v1/admin/users`, {
        method: 'POST',
        headers: headers('admin', { 'content-type': 'application/json' }),
        body: JSON.stringify({ username: a.username, name: a.name, role: a.role, scopes: a.scopes, password: a.password }),
      }).then(async (r) => {
        if (r.status !== 201 && r.status !== 409) throw new Error(`creating ${a.username}: ${r.status} ${await r.text()}`);
        return a;
      });
      created.set(role, p);
    }
    return p;
  };
  return {
    url,
    port,
    dataDir: opts.dataDir,
    proc,
    headers,
    account,
    log: () => out,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}
