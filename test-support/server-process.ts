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

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
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

export async function startServerProcess(opts: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<ServerProcess> {
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
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir: opts.dataDir,
    proc,
    log: () => out,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}
