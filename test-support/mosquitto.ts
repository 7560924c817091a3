/**
 * A real Mosquitto broker (Debian's /usr/sbin/mosquitto) on a free port with a temporary config,
 * for the MQTT connector's tests and the MQTT benchmark. A missing binary is an error, never a skip.
 * The broker dies with the process that started it (owned-process.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnOwned, unprivilegedUser } from './owned-process.ts';
import { freePort } from './server-process.ts';
import { accepting } from './tcp.ts';

export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';

export interface Mosquitto {
  url: string;
  port: number;
  log(): string;
  /** SIGTERM and wait for the exit */
  stop(): Promise<void>;
  /** Stops the broker but keeps its config: resume() starts it again on the same port */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** The broker's pid (changes on resume). */
  pid(): number;
}

export async function startMosquitto(opts: { port?: number; maxQueued?: number } = {}): Promise<Mosquitto> {
  if (!existsSync(MOSQUITTO_BIN)) throw new Error(`${MOSQUITTO_BIN} is missing: install Debian's mosquitto (apt-get install mosquitto)`);
  const port = opts.port ?? (await freePort());
  // as root, mosquitto would switch to its own user itself, which would clear the parent-death signal
  const user = unprivilegedUser(['mosquitto']);
  const dir = mkdtempSync(join(tmpdir(), 'ioc-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      `max_queued_messages ${opts.maxQueued ?? 100000}`,
      'max_inflight_messages 100',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(conf, user.uid, user.gid);
  }
  let out = '';
  let proc: ChildProcess;
  const launch = async () => {
    proc = spawnOwned(MOSQUITTO_BIN, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'], user });
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<never>((_, rej) => proc.once('exit', (code) => rej(new Error(`mosquitto exited with ${code}: ${out}`))));
    exited.catch(() => undefined);
    await Promise.race([accepting(port, 10_000, 'mosquitto'), exited]);
  };
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await gone;
  };
  await launch();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    log: () => out,
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    pause: stop,
    resume: launch,
    pid: () => proc.pid!,
  };
}
