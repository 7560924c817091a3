/**
 * Start-up faults of the Redis link (issue 16, "Bad input and faults"): a node whose IOC_REDIS_URL
 * points at a port where nothing listens, or does not even parse, still starts and serves, names
 * the problem on /readyz (503 unavailable) and in its log without ever printing the URL's
 * password, and its heartbeats say the fan-out across nodes is degraded. Real compiled processes.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ClientToServerEvents, type Heartbeat, type ReadyResponse, type ServerToClientEvents } from '@cityioc/contracts';
import { freePort, PROCESS_TOKENS, startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { waitUntil } from '../../../test-support/wait.ts';

const SECRET = 'r3dis-s3cret-never-printed';
const servers: ServerProcess[] = [];
const dirs: (() => void)[] = [];
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const s of servers) await s.stop('SIGKILL');
  for (const d of dirs) d();
});

async function startWith(redisUrl: string): Promise<ServerProcess> {
  const data = tempDataDir();
  dirs.push(data.remove);
  const s = await startServerProcess({ dataDir: data.dir, env: { IOC_REDIS_URL: redisUrl, IOC_HEARTBEAT_MS: '200' } });
  servers.push(s);
  return s;
}

const ready = async (s: ServerProcess) => {
  const r = await fetch(`${s.url}/readyz`);
  return { status: r.status, body: (await r.json()) as ReadyResponse };
};

/** The first heartbeat a client gets from the node. */
function firstBeat(s: ServerProcess): Promise<Heartbeat> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(s.url, {
    auth: { protocol: PROTOCOL_VERSION, token: PROCESS_TOKENS.leader },
    transports: ['websocket'],
  });
  sockets.push(socket);
  return new Promise((resolve) => socket.once('heartbeatV1', resolve));
}

describe('a wrong IOC_REDIS_URL at start', () => {
  it('refused port: the node starts and serves, /readyz names the Redis target (never the password), heartbeats say degraded', async () => {
    const port = await freePort(); // nothing listens there
    const s = await startWith(`redis://default:${SECRET}@127.0.0.1:${port}/0`);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const r = await waitUntil('a reason on /readyz', async () => {
      const x = await ready(s);
      return x.body.reason?.includes('ECONNREFUSED') && x;
    });
    expect(r.status).toBe(503);
    expect(r.body.status).toBe('unavailable');
    expect(r.body.reason).toMatch(
      new RegExp(`^Redis redis://127\\.0\\.0\\.1:${port} unreachable \\((publish|subscribe) connection\\): connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`),
    );
    expect((await firstBeat(s)).fanout).toBe('degraded');
    // reads and feeds go on
    const snap = await fetch(`${s.url}/api/v1/snapshot/92`, { headers: s.headers('leader') });
    expect(snap.status).toBe(200);
    await waitUntil('the warning in the log', () => s.log().includes(`Redis redis://127.0.0.1:${port} unreachable`));
    expect(s.log()).not.toContain(SECRET);
    expect(JSON.stringify(r.body)).not.toContain(SECRET);
  });

  it('a URL that does not parse: the node starts (it used to crash with the URL, password included, in the error), names IOC_REDIS_URL, never the password', async () => {
    const s = await startWith(`redis://default:${SECRET}@127.0.0.1:99999/0`);
    const r = await ready(s);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({
      status: 'unavailable',
      reason: 'IOC_REDIS_URL is not a valid URL (expected redis://[user:password@]host:port[/db]; its text is not logged, it may hold a password)',
    });
    expect((await firstBeat(s)).fanout).toBe('degraded');
    expect(s.log()).toContain('IOC_REDIS_URL is not a valid URL');
    expect(s.log()).not.toContain(SECRET);
  });
});
