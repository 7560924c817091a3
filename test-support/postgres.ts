/**
 * Starts a throwaway PostgreSQL server from Debian's package (postgresql-15) on a free port, for
 * the store conformance suite, the crash test and the bench. Fails, never skips, when the
 * binaries are missing: CI installs them (`.ci/run`).
 *
 * PostgreSQL refuses to run as root. As root (CI) the cluster is owned by an unprivileged user
 * (`postgres` from the Debian package, or `cityioc-pg` created on first use) and the server is
 * exec'd through `setpriv`, so the child's pid is the postmaster's own and signals reach it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.ts';

export const PG_BIN = process.env.IOC_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  port: number;
  /** The data directory (also holds the unix socket). */
  dir: string;
  /** A connection URL for `database` (default: postgres). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  log(): string;
  stop(): Promise<void>;
}

function ensureUser(): { uid: number; gid: number; name: string } | null {
  if (userInfo().uid !== 0) return null;
  for (const name of ['postgres', 'cityioc-pg']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid, name };
    } catch {
      /* not there */
    }
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'cityioc-pg']);
  const uid = Number(execFileSync('id', ['-u', 'cityioc-pg'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'cityioc-pg'], { encoding: 'utf8' }).trim());
  return { uid, gid, name: 'cityioc-pg' };
}

/** argv that runs `bin` as the unprivileged user when we are root. */
function asUser(user: { uid: number; gid: number } | null, bin: string, args: string[]): [string, string[]] {
  if (!user) return [bin, args];
  return ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', bin, ...args]];
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

export async function startPostgres(opts: { settings?: Record<string, string> } = {}): Promise<PostgresServer> {
  const initdb = join(PG_BIN, 'initdb');
  const postgres = join(PG_BIN, 'postgres');
  if (!existsSync(initdb) || !existsSync(postgres))
    throw new Error(`PostgreSQL binaries not found in ${PG_BIN}: install Debian's postgresql package (apt-get install postgresql) or set IOC_PG_BIN`);
  const user = ensureUser();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const [initCmd, initArgs] = asUser(user, initdb, ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
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
  const [cmd, argv] = asUser(user, postgres, args);
  const proc = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  running.add(proc);
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`postgres did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      if (/ready to accept connections/.test(out)) {
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
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
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
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGINT'); // fast shutdown
      await exited;
      running.delete(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
