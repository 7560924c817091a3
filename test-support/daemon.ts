/**
 * One way to run a real daemon in a test (mosquitto, redis-server, nginx): in the foreground, owned by the
 * process that started it (owned-process.ts), on a port chosen beforehand, with stdout and stderr kept
 * for the failure message. A missing binary is an error, never a skip.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnOwned, type RunAs } from './owned-process.ts';
import { accepting } from './tcp.ts';

export interface Daemon {
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
  /** The name in error messages. */
  name: string;
  bin: string;
  /** How to get the binary, for the error when it is missing. */
  install: string;
  port: number;
  /** Writes what the daemon needs into its own temporary folder (removed by stop()) and returns its arguments. */
  prepare(dir: string): readonly string[];
  /** Run in that folder. */
  inDir?: boolean;
  user?: RunAs | null;
  /** The signal of a graceful stop (nginx stops gracefully on SIGQUIT). */
  stopSignal?: NodeJS.Signals;
}

export function requireBinary(bin: string, install: string): void {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: ${install}`);
}

/** Starts the daemon and resolves once it accepts connections on its port; rejects if it exits first. */
export async function startDaemon(spec: DaemonSpec): Promise<Daemon> {
  requireBinary(spec.bin, spec.install);
  const dir = mkdtempSync(join(tmpdir(), `ioc-${spec.name}-`));
  const args = spec.prepare(dir);
  let out = '';
  let proc: ChildProcess;
  const resume = async () => {
    proc = spawnOwned(spec.bin, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: spec.inDir ? dir : undefined, user: spec.user });
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<never>((_, rej) => proc.once('exit', (code) => rej(new Error(`${spec.name} exited with ${code}: ${out}`))));
    exited.catch(() => undefined);
    await Promise.race([accepting(spec.port, 10_000, spec.name), exited]);
  };
  const pause = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill(spec.stopSignal ?? 'SIGTERM');
    await gone;
  };
  await resume();
  return {
    port: spec.port,
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
