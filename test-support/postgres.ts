/**
 * Starts a throwaway PostgreSQL server from Debian's package (postgresql-15) on a free port, for
 * the store conformance suite, the crash test and the bench. Fails, never skips, when the
 * binaries are missing: CI installs them (`.ci/run`).
 *
 * PostgreSQL refuses to run as root. As root (CI) the cluster is owned by an unprivileged user
 * (`postgres` from the Debian package, or `cityioc-pg` created on first use) and the server is
 * exec'd through `setpriv`, so the child's pid is the postmaster's own and signals reach it.
 * The postmaster dies with the process that started it (owned-process.ts); its backends follow.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownedArgv, spawnOwned, unprivilegedUser } from './owned-process.ts';
import { freePort } from './server-process.ts';

export const PG_BIN = process.env.IOC_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  port: number;
  /** The running postmaster's pid; -1 while halted. */
  readonly pid: number;
  /** The data directory (also holds the unix socket). */
  dir: string;
  /** A connection URL for `database` (default: postgres). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  log(): string;
  /** Stops the server (fast shutdown) and keeps its data: `resume()` starts it again on the same port. */
  halt(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgres(opts: { settings?: Record<string, string> } = {}): Promise<PostgresServer> {
  const initdb = join(PG_BIN, 'initdb');
  const postgres = join(PG_BIN, 'postgres');
  if (!existsSync(initdb) || !existsSync(postgres))
    throw new Error(`PostgreSQL binaries not found in ${PG_BIN}: install Debian's postgresql package (apt-get install postgresql) or set IOC_PG_BIN`);
  const user = unprivilegedUser(['postgres', 'cityioc-pg']);
  const dir = mkdtempSync(join(tmpdir(), 'ioc-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const [initCmd, initArgs] = ownedArgv(initdb, ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], user);
  try {
    execFileSync(initCmd, initArgs, { stdio: 'pipe', cwd: dir });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`initdb failed: ${err.stderr?.toString() ?? err.message}`);
  }
  const port = await freePort();
  const settings: Record<string, string> = {
    fsync: 'on',
    synchronous_commit: 'on',
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: '100',
    shared_buffers: '128MB',
    ...opts.settings,
  };
  const args = ['-D', join(dir, 'data'), '-p', String(port)];
  for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
  let out = '';
  const launch = async () => {
    const proc = spawnOwned(postgres, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, user });
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    const from = out.length;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`postgres did not start in 30 s:\n${out}`)), 30_000);
      const check = () => {
        if (/ready to accept connections/.test(out.slice(from))) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', check);
      proc.stderr!.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`postgres exited before accepting connections:\n${out}`));
      });
    });
    return { proc, exited };
  };
  let running: Awaited<ReturnType<typeof launch>> | null = await launch();
  const halt = async () => {
    if (!running) return;
    const { proc, exited } = running;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGINT'); // fast shutdown
    await exited;
    running = null;
  };
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    get pid() {
      return running?.proc.pid ?? -1;
    },
    dir,
    url,
    log: () => out,
    async createDatabase(name) {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    halt,
    async resume() {
      running ??= await launch();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
