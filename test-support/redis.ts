/**
 * A real Redis (Debian's /usr/bin/redis-server) on a free port, no persistence, for the multi-node
 * tests (Socket.IO's Redis adapter). A missing binary is an error, never a skip. The server dies
 * with the process that started it (owned-process.ts); pause() and resume() keep its port, so a
 * test can take Redis away and bring it back.
 */
import { startDaemon, type Daemon } from './daemon.ts';

export type RedisServer = Daemon;

export function startRedis(): Promise<RedisServer> {
  return startDaemon('redis-server', {
    inDir: true,
    prepare: (dir, port) => [
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...['--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'],
    ],
  });
}
