/**
 * A real Redis (Debian's /usr/bin/redis-server) on a free port, no persistence, for the multi-node
 * tests (Socket.IO's Redis adapter). A missing binary is an error, never a skip. The server dies
 * with the process that started it (owned-process.ts); stop() and resume() keep its port, so a
 * test can take Redis away and bring it back.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnOwned } from './owned-process.ts';
import { freePort } from './server-process.ts';
import { accepting } from './tcp.ts';

export const REDIS_BIN = process.env.REDIS_BIN ?? '/usr/bin/redis-server';

export interface RedisServer {
  url: string;
  port: number;
  log(): string;
  /** SIGTERM and wait for the exit (the port stays reserved for resume). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  if (!existsSync(REDIS_BIN)) throw new Error(`${REDIS_BIN} is missing: install Debian's redis-server (apt-get install redis-server) or set REDIS_BIN`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-redis-'));
  let out = '';
  let proc: ChildProcess;
  const launch = async () => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ];
    proc = spawnOwned(REDIS_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<never>((_, rej) => proc.once('exit', (code) => rej(new Error(`redis-server exited with ${code}: ${out}`))));
    exited.catch(() => undefined);
    await Promise.race([accepting(port, 10_000, 'redis-server'), exited]);
  };
  const pause = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await gone;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    log: () => out,
    pause,
    resume: launch,
    async stop() {
      await pause();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
