import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { IocServer } from './broadcaster.ts';

/** The Redis link behind Socket.IO's rooms: its state for /readyz and the heartbeat, and its end. */
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
 * Why a Redis URL cannot be used, naming IOC_REDIS_URL and never its text (it may hold a password):
 * null when it parses. node-redis would throw Node's ERR_INVALID_URL, whose `input` is the whole
 * URL, from createClient, and end the start with the secret in the log.
 */
export function redisUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'IOC_REDIS_URL is not a valid URL (expected redis://[user:password@]host:port[/db]; its text is not logged, it may hold a password)';
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return `IOC_REDIS_URL: expected the scheme redis:// or rediss://, not ${u.protocol}//`;
  if (!u.hostname) return 'IOC_REDIS_URL names no host';
  return null;
}

/** The link of a URL that cannot be used: never ready, the same problem for as long as the node runs. */
function brokenLink(problem: string): RedisLink {
  return { ready: false, problem, close: async () => undefined };
}

/**
 * Makes Socket.IO's rooms span the nodes through Redis pub/sub (`@socket.io/redis-adapter`,
 * IOC_REDIS_URL). What crosses nodes this way: alert pushes (stored and pushed by the one node
 * that evaluates the rules), directive pushes (by the node that took the request), wall pins and
 * playlists, and the closing of a session's sockets. Deltas and heartbeats do not: every node
 * derives its own live state from the shared log and pushes it to its own sockets (`io.local`,
 * see broadcaster.ts), with its own versions and epoch.
 *
 * The node starts whether Redis answers or not (and with a URL that does not parse: it names the
 * problem and keeps its sockets local): the clients reconnect on their own (commands meanwhile
 * wait in their offline queue, so a push made while Redis is away goes out when it returns),
 * /readyz reports the outage and the heartbeat says `fanout: 'degraded'` (ticker.ts).
 */
export function attachRedisAdapter(io: IocServer, url: string, log: (level: 'info' | 'warn', msg: string) => void): RedisLink {
  const bad = redisUrlProblem(url);
  if (bad) {
    log('warn', `${bad}: Socket.IO rooms stay on this node`);
    return brokenLink(bad);
  }
  const target = redisTarget(url);
  let problem: string | null = `Redis ${target} not connected yet`;
  const pub = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } });
  const sub = pub.duplicate();
  let closing = false;
  let said = false;
  for (const [name, c] of [
    ['publish', pub],
    ['subscribe', sub],
  ] as const) {
    c.on('error', (err: Error) => {
      if (closing) return;
      const was = problem;
      problem = `Redis ${target} unreachable (${name} connection): ${err.message}`;
      // the first failure since start (Redis away when the node starts) and the first of each outage
      if (was === null || !said) log('warn', `${problem}; retrying`);
      said = true;
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
