/**
 * A real Mosquitto broker (Debian's /usr/sbin/mosquitto) on a free port with a temporary config,
 * for the MQTT connector's tests and the MQTT benchmark. A missing binary is an error, never a skip.
 * The broker dies with the process that started it (owned-process.ts).
 */
import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type Daemon } from './daemon.ts';
import { unprivilegedUser } from './owned-process.ts';
import { freePort } from './server-process.ts';

export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';

export interface Mosquitto extends Daemon {
  url: string;
}

export async function startMosquitto(opts: { port?: number; maxQueued?: number } = {}): Promise<Mosquitto> {
  const port = opts.port ?? (await freePort());
  // as root, mosquitto would switch to its own user itself, which would clear the parent-death signal
  const user = unprivilegedUser(['mosquitto']);
  const daemon = await startDaemon({
    name: 'mosquitto',
    bin: MOSQUITTO_BIN,
    install: "install Debian's mosquitto (apt-get install mosquitto)",
    port,
    user,
    prepare(dir) {
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
      return ['-c', conf];
    },
  });
  return { ...daemon, url: `mqtt://127.0.0.1:${port}` };
}
