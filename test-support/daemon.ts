/**
 * One way to run a real daemon in a test (mosquitto, redis-server, nginx): in the foreground, owned by the
 * process that started it (owned-process.ts), on a free port (or the one given), with stdout and stderr kept
 * for the failure message. A missing binary is an error, never a skip.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnOwned, type RunAs } from './owned-process.ts';
import { freePort } from './server-process.ts';
import { accepting } from './tcp.ts';

/** The daemons the tests run: Debian's binary (or the environment's), how to install it, the scheme of its URL. */
const DAEMONS = {
  mosquitto: { bin: process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', install: 'apt-get install mosquitto, or set MOSQUITTO_BIN', scheme: 'mqtt' },
  'redis-server': { bin: process.env.REDIS_BIN ?? '/usr/bin/redis-server', install: 'apt-get install redis-server, or set REDIS_BIN', scheme: 'redis' },
  nginx: { bin: process.env.NGINX_BIN ?? '/usr/sbin/nginx', install: 'apt-get install nginx-light, or set NGINX_BIN', scheme: 'http' },
} as const;

export interface Daemon {
  /** `<scheme>://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** What the daemon wrote to stdout and stderr so far. */
  log(): string;
  /** Stops the daemon (and waits for its exit) but keeps its folder: resume() starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops the daemon and removes its folder. */
  stop(): Promise<void>;
  /** The daemon's pid (changes on resume). */
  pid(): number;
}

export interface DaemonSpec {
  /** A free one when not given. */
  port?: number | undefined;
  /** Writes what the daemon needs into its own temporary folder (removed by stop()) and returns its arguments. */
  prepare(dir: string, port: number): readonly string[];
  /** Run in that folder. */
  inDir?: boolean;
  user?: RunAs | null;
  /** The signal of a graceful stop (nginx stops gracefully on SIGQUIT). */
  stopSignal?: NodeJS.Signals;
}

/** Starts the daemon and resolves once it accepts connections on its port; rejects if it exits first. */
export async function startDaemon(name: keyof typeof DAEMONS, spec: DaemonSpec): Promise<Daemon> {
  const { bin, install, scheme } = DAEMONS[name];
  if (!existsSync(bin)) throw new Error(`${bin} is missing: ${install}`);
  const port = spec.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), `ioc-${name}-`));
  const args = spec.prepare(dir, port);
  let out = '';
  let proc: ChildProcess;
  const resume = async () => {
    proc = spawnOwned(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: spec.inDir ? dir : undefined, user: spec.user });
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<never>((_, rej) => proc.once('exit', (code) => rej(new Error(`${name} exited with ${code}: ${out}`))));
    exited.catch(() => undefined);
    await Promise.race([accepting(port, 10_000, name), exited]);
  };
  const pause = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill(spec.stopSignal ?? 'SIGTERM');
    await gone;
  };
  await resume();
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    log: () => out,
    pause,
    resume,
    async stop() {
      await pause();
      rmSync(dir, { recursive: true, force: true });
    },
    pid: () => proc.pid!,
  };
}
