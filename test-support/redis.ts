/**
 * A real Redis (Debian's /usr/bin/redis-server) on a free port, no persistence, for the multi-node
 * tests (Socket.IO's Redis adapter). A missing binary is an error, never a skip. The server dies
 * with the process that started it (owned-process.ts); pause() and resume() keep its port, so a
 * test can take Redis away and bring it back.
 */
import { startDaemon, type Daemon } from './daemon.ts';
import { freePort } from './server-process.ts';

export const REDIS_BIN = process.env.REDIS_BIN ?? '/usr/bin/redis-server';

export interface RedisServer extends Daemon {
  url: string;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const daemon = await startDaemon({
    name: 'redis-server',
    bin: REDIS_BIN,
    install: "install Debian's redis-server (apt-get install redis-server) or set REDIS_BIN",
    port,
    inDir: true,
    prepare: (dir) => [
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...['--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'],
    ],
  });
  return { ...daemon, url: `redis://127.0.0.1:${port}` };
}
