import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { IocServer } from './broadcaster.ts';

/** The Redis link behind Socket.IO's rooms: its state for /readyz, and its end. */
export interface RedisLink {
  readonly ready: boolean;
  /** Why not ready (no secret in it), null when ready. */
  readonly problem: string | null;
  close(): Promise<void>;
}

/** The host and port of a Redis URL, never its password. */
export function redisTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}`;
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Makes Socket.IO's rooms span the nodes through Redis pub/sub (`@socket.io/redis-adapter`,
 * IOC_REDIS_URL). What crosses nodes this way: alert pushes (stored and pushed by the one node
 * that evaluates the rules), directive pushes (by the node that took the request) and the
 * closing of a session's sockets. Deltas and heartbeats do not: every node derives its own live
 * state from the shared log and pushes it to its own sockets (`io.local`, see broadcaster.ts),
 * with its own versions and epoch.
 *
 * The node starts whether Redis answers or not: the clients reconnect on their own (commands
 * meanwhile wait in their offline queue, so a push made while Redis is away goes out when it
 * returns), and /readyz reports the outage.
 */
export function attachRedisAdapter(io: IocServer, url: string, log: (level: 'info' | 'warn', msg: string) => void): RedisLink {
  const target = redisTarget(url);
  let problem: string | null = `Redis ${target} not connected yet`;
  const pub = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } });
  const sub = pub.duplicate();
  let closing = false;
  for (const [name, c] of [
    ['publish', pub],
    ['subscribe', sub],
  ] as const) {
    c.on('error', (err: Error) => {
      if (closing) return;
      const was = problem;
      problem = `Redis ${target} unreachable (${name} connection): ${err.message}`;
      if (was === null) log('warn', problem);
    });
    c.on('ready', () => {
      if (pub.isReady && sub.isReady) {
        if (problem !== null) log('info', `Redis ${target} connected: Socket.IO rooms span the nodes`);
        problem = null;
      }
    });
  }
  // connect() opens the clients at once (commands queue until the socket is up) and keeps retrying
  pub.connect().catch(() => undefined);
  sub.connect().catch(() => undefined);
  io.adapter(createAdapter(pub, sub));
  return {
    get ready() {
      return pub.isReady && sub.isReady;
    },
    get problem() {
      return pub.isReady && sub.isReady ? null : (problem ?? `Redis ${target} reconnecting`);
    },
    async close() {
      closing = true;
      await Promise.all([pub, sub].map((c) => (c.isOpen ? c.close().catch(() => undefined) : undefined)));
    },
  };
}
