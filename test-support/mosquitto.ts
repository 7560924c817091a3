/**
 * A real Mosquitto broker (Debian's /usr/sbin/mosquitto) on a free port with a temporary config,
 * for the MQTT connector's tests and the MQTT benchmark. A missing binary is an error, never a skip.
 * The broker dies with the process that started it (owned-process.ts).
 */
import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type Daemon } from './daemon.ts';
import { unprivilegedUser } from './owned-process.ts';

export type Mosquitto = Daemon;

export function startMosquitto(opts: { port?: number; maxQueued?: number } = {}): Promise<Mosquitto> {
  // as root, mosquitto would switch to its own user itself, which would clear the parent-death signal
  const user = unprivilegedUser(['mosquitto']);
  return startDaemon('mosquitto', {
    port: opts.port,
    user,
    prepare(dir, port) {
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
}
