import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  type Alert,
  type Cell,
  type ClientToServerEvents,
  type Delta,
  type Heartbeat,
  type IngestResponse,
  type ReadyResponse,
  type ServerToClientEvents,
  type Snapshot,
  type SubscribeAck,
} from '@cityioc/contracts';
import { startNginx, type NginxProxy } from '../../../test-support/nginx.ts';
import { startPostgres, type PostgresServer } from '../../../test-support/postgres.ts';
import { startRedis, type RedisServer } from '../../../test-support/redis.ts';
import { freePort, PROCESS_TOKENS, startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { waitUntil } from '../../../test-support/wait.ts';

/**
 * Two ingest nodes on one PostgreSQL, Socket.IO rooms over one Redis, nginx in front (issue 16):
 * a wall connected through the proxy sees what another node ingested within one tick, and a
 * kill -9 of the node that evaluates the alert rules, while a feed posts, loses nothing that was
 * acknowledged, counts nothing twice, raises no alert twice, and the survivor raises the alerts
 * due after the kill.
 */
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const KEY = 'multinode-feed-key-0123456789';
const TICK_MS = 250;
const RULE = { id: 'wl-multinode', kind: 'threshold', indicator: 'water_level', level: 200, deadband: 5, holdSec: 0, severity: 'high' };
const HOUR = 3600_000;
const BASE = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;

let pgServer: PostgresServer;
let redis: RedisServer;
let nginx: NginxProxy;
let dbUrl: string;
let confDir: string;
const nodes: ServerProcess[] = [];
const dirs: (() => void)[] = [];
const sockets: ClientSocket[] = [];
let a: ServerProcess;
let b: ServerProcess;
let wall: ClientSocket;
const deltas: { at: number; delta: Delta }[] = [];
const beats: Heartbeat[] = [];
let connects = 0;

async function startNode(port: number): Promise<ServerProcess> {
  const data = tempDataDir();
  dirs.push(data.remove);
  const s = await startServerProcess({
    dataDir: data.dir,
    port,
    env: {
      IOC_DATABASE_URL: dbUrl,
      IOC_REDIS_URL: redis.url,
      IOC_API_KEYS: `multinode:${KEY}`,
      IOC_TICK_MS: String(TICK_MS),
      IOC_HEARTBEAT_MS: '200',
      IOC_CLUSTER_POLL_MS: '200',
      IOC_ALERT_RULES_FILE: join(confDir, 'rules.json'),
      IOC_TRUSTED_PROXIES: '127.0.0.1',
      LOG_LEVEL: 'info',
    },
  });
  nodes.push(s);
  await waitUntil(`${s.url} ready`, async () => (await fetch(`${s.url}/readyz`)).status === 200, 30_000);
  return s;
}

const ready = async (s: ServerProcess) => {
  const r = await fetch(`${s.url}/readyz`);
  return { status: r.status, body: (await r.json()) as ReadyResponse };
};

const wlReading = (id: string, station: string, area: string, at: number, value: number) => ({
  id,
  indicator: 'water_level',
  area,
  station,
  observedAt: new Date(at).toISOString(),
  value,
});

async function post(s: ServerProcess, observations: unknown[]): Promise<IngestResponse> {
  const r = await fetch(`${s.url}/api/v1/observations/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify({ observations }),
  });
  if (r.status !== 200) throw new Error(`status ${r.status}: ${await r.text()}`);
  return (await r.json()) as IngestResponse;
}

const snapshot = async (s: ServerProcess, scope: string) =>
  (await (await fetch(`${s.url}/api/v1/snapshot/${scope}`, { headers: s.headers('leader') })).json()) as Snapshot;
const cellsOf = (snap: Snapshot) => [...snap.cells].sort((x: Cell, y: Cell) => x.key.localeCompare(y.key));

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

beforeAll(async () => {
  confDir = mkdtempSync(join(tmpdir(), 'ioc-multinode-'));
  writeFileSync(join(confDir, 'rules.json'), JSON.stringify([RULE]));
  pgServer = await startPostgres();
  dbUrl = await pgServer.createDatabase('ioc_multinode');
  redis = await startRedis();
  const [portA, portB] = [await freePort(), await freePort()];
  nginx = await startNginx([`127.0.0.1:${portA}`, `127.0.0.1:${portB}`]);
  // A alone first: it takes the evaluator lock, and the wall's socket lands on it through the proxy
  a = await startNode(portA);
  wall = connect(nginx.url, { auth: { protocol: PROTOCOL_VERSION, token: PROCESS_TOKENS.leader }, transports: ['websocket'], reconnectionDelay: 100 });
  sockets.push(wall);
  wall.on('deltaV1', (delta) => deltas.push({ at: performance.now(), delta }));
  wall.on('heartbeatV1', (hb) => beats.push(hb));
  wall.on('connect', () => {
    connects++;
    wall.emit('subscribeV1', ['92', '31135', '31201'], (ack: SubscribeAck) => {
      if (!ack.ok) throw new Error(`subscribe refused: ${ack.error}`);
    });
  });
  await waitUntil('the wall connected through nginx', () => connects === 1, 10_000);
  b = await startNode(portB);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const n of nodes) await n.stop('SIGKILL');
  await nginx?.stop();
  await redis?.stop();
  await pgServer?.stop();
  for (const d of dirs) d();
  rmSync(confDir, { recursive: true, force: true });
});

/**
 * When the delta naming the posted event reached the wall: from the POST's start and from its
 * acknowledgement (the delta may come first: the node pushes at once when quiet, while the HTTP
 * answer is still on its way).
 */
async function delivery(target: ServerProcess, id: string, at: number, value: number): Promise<{ fromSend: number; fromAck: number }> {
  const sent = performance.now();
  const res = await post(target, [wlReading(id, 'wl-can-tho', '31135', at, value)]);
  const acked = performance.now();
  expect(res.results[0]!.status).toBe('accepted');
  const hit = await waitUntil(`the delta of ${id} on the wall`, () => deltas.find((d) => d.delta.changes.some((c) => c.eventId === id)), 5_000, 1);
  return { fromSend: hit.at - sent, fromAck: hit.at - acked };
}

describe('two ingest nodes behind nginx, one PostgreSQL, one Redis', () => {
  it('both nodes are ready; exactly one of them evaluates the alert rules', async () => {
    const [ra, rb] = [await ready(a), await ready(b)];
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect([ra.body.alertEvaluator, rb.body.alertEvaluator]).toEqual([true, false]);
    // the wall is on A: its heartbeats carry A's epoch
    const epochA = (await snapshot(a, '92')).epoch;
    await waitUntil('a heartbeat of A through nginx', () => beats.at(-1)?.epoch === epochA);
  });

  it('a value posted to B reaches the wall connected to A within one tick + 100 ms; both nodes then hold the same cells', async () => {
    const cross: { fromSend: number; fromAck: number }[] = [];
    const same: { fromSend: number; fromAck: number }[] = [];
    for (let i = 0; i < 20; i++) {
      // alternate, and wait a tick between two: each event arrives on a quiet server (the light-load case)
      same.push(await delivery(a, `same-${i}`, BASE + i * 60_000, 100 + i));
      await new Promise((r) => setTimeout(r, TICK_MS));
      cross.push(await delivery(b, `cross-${i}`, BASE + i * 60_000 + 30_000, 120 + i));
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
    const fig = (xs: { fromSend: number; fromAck: number }[], k: 'fromSend' | 'fromAck') =>
      `p50 ${percentile(
        xs.map((x) => x[k]),
        50,
      ).toFixed(1)} p99 ${percentile(
        xs.map((x) => x[k]),
        99,
      ).toFixed(1)}`;
    console.log(
      `[multinode] delivery ms from the POST's start: same node ${fig(same, 'fromSend')}, cross node ${fig(cross, 'fromSend')}; ` +
        `from its acknowledgement: same node ${fig(same, 'fromAck')}, cross node ${fig(cross, 'fromAck')}`,
    );
    expect(Math.max(...cross.map((x) => x.fromAck))).toBeLessThanOrEqual(TICK_MS + 100);
    for (const scope of ['92', '31135']) expect(cellsOf(await snapshot(b, scope))).toEqual(cellsOf(await snapshot(a, scope)));
  });

  it("Redis away: /readyz answers 503 with the reason, heartbeats say fanout 'degraded'; ingest goes on; all clear and caught up when Redis returns", async () => {
    // a second screen, connected straight to B (not the evaluator): it would miss A's alert pushes while Redis is away
    const onB: ClientSocket = connect(b.url, { auth: { protocol: PROTOCOL_VERSION, token: PROCESS_TOKENS.leader }, transports: ['websocket'] });
    sockets.push(onB);
    const beatsB: Heartbeat[] = [];
    onB.on('heartbeatV1', (hb) => beatsB.push(hb));
    await waitUntil('heartbeats of B', () => beatsB.at(-1)?.fanout === 'ok');
    expect(beats.at(-1)?.fanout).toBe('ok');
    await redis.pause();
    await waitUntil("A's heartbeats on the wall say the fan-out is degraded", () => beats.at(-1)?.fanout === 'degraded');
    await waitUntil("B's heartbeats say so too", () => beatsB.at(-1)?.fanout === 'degraded');
    const down = await waitUntil('B not ready without Redis', async () => {
      const r = await ready(b);
      return r.status === 503 && r;
    });
    expect(down.body.status).toBe('unavailable');
    expect(down.body.reason).toMatch(/^Redis redis:\/\/127\.0\.0\.1:\d+ /);
    const res = await post(b, [wlReading('redis-away', 'wl-can-tho', '31135', BASE + 90 * 60_000, 111)]);
    expect(res.results[0]!.status).toBe('accepted');
    // the wall still gets it: deltas come from its own node's state, not through Redis
    await waitUntil('the delta posted while Redis is away', () => deltas.some((d) => d.delta.changes.some((c) => c.eventId === 'redis-away')));
    // an alert A raises (it evaluates) from a reading posted to B while Redis is away
    await post(b, [wlReading('redis-away-high', 'wl-o-mon', '31153', BASE + 95 * 60_000, 236)]);
    const raised = await waitUntil('A raised the alert', async () => {
      const list = (await (await fetch(`${a.url}/api/v1/alerts?limit=500`, { headers: a.headers('leader') })).json()) as { alerts: Alert[] };
      return list.alerts.find((x) => x.ruleId === RULE.id && x.station === 'wl-o-mon');
    });
    await redis.resume();
    await waitUntil('B ready again', async () => (await ready(b)).status === 200, 15_000);
    await waitUntil('A ready again', async () => (await ready(a)).status === 200, 15_000);
    await waitUntil("A's heartbeats all clear", () => beats.at(-1)?.fanout === 'ok', 5_000);
    await waitUntil("B's heartbeats all clear", () => beatsB.at(-1)?.fanout === 'ok', 5_000);
    // what a client re-reads on the all-clear (live-client.ts) equals on both nodes: the values, and the alert raised meanwhile
    for (const scope of ['92', '31135', '31153']) expect(cellsOf(await snapshot(b, scope))).toEqual(cellsOf(await snapshot(a, scope)));
    const onBList = (await (await fetch(`${b.url}/api/v1/alerts?limit=500`, { headers: b.headers('leader') })).json()) as { alerts: Alert[] };
    expect(onBList.alerts.find((x) => x.id === raised.id)).toEqual(raised);
    onB.disconnect();
  });

  it('kill -9 of the evaluating node under a feed: the wall moves to B; every acknowledged reading once; no alert twice; B raises those due after the kill', async () => {
    const BATCHES = 30;
    const KILL_AT = 12;
    const epochB = (await snapshot(b, '92')).epoch;
    const sent: string[] = [];
    let killed: Promise<number | null> | null = null;
    for (let k = 0; k < BATCHES; k++) {
      // every third batch holds one reading above the level, then falls back: one alert episode each
      const batch = Array.from({ length: 20 }, (_, i) =>
        wlReading(`feed-${k}-${i}`, 'wl-cai-rang', '31201', BASE + HOUR + (k * 20 + i) * 1000, k % 3 === 0 && i === 5 ? 230 : 150),
      );
      if (k === KILL_AT) killed = a.stop('SIGKILL');
      const target = killed === null && k % 2 === 0 ? a : b;
      let res: IngestResponse;
      try {
        res = await post(target, batch);
      } catch {
        // the node died under the request: the feed sends the same batch to the other one (same ids: no double count)
        res = await post(b, batch);
      }
      expect(res.results.map((x) => x.status === 'accepted' || x.status === 'duplicate')).toEqual(batch.map(() => true));
      sent.push(...batch.map((o) => o.id));
    }
    await killed;
    // the wall reconnects through nginx, now to B
    await waitUntil('the wall reconnected', () => connects === 2, 15_000);
    await waitUntil('heartbeats of B on the wall', () => beats.at(-1)?.epoch === epochB, 10_000);
    await waitUntil('B evaluates the alert rules', async () => (await ready(b)).body.alertEvaluator === true, 10_000);

    const history = (await (
      await fetch(
        `${b.url}/api/v1/history?indicator=water_level&station=wl-cai-rang&from=${new Date(BASE).toISOString()}&to=${new Date(BASE + 3 * HOUR).toISOString()}&limit=10000`,
        { headers: b.headers('analyst') },
      )
    ).json()) as { points: { t: number }[] };
    expect(history.points).toHaveLength(sent.length);
    expect(new Set(history.points.map((p) => p.t)).size).toBe(sent.length);

    const episodes = Array.from({ length: BATCHES }, (_, k) => k)
      .filter((k) => k % 3 === 0)
      .map((k) => BASE + HOUR + (k * 20 + 5) * 1000);
    const alerts = await waitUntil('every episode raised', async () => {
      const list = (await (await fetch(`${b.url}/api/v1/alerts?limit=500`, { headers: b.headers('leader') })).json()) as { alerts: Alert[] };
      const mine = list.alerts.filter((x) => x.ruleId === RULE.id && x.station === 'wl-cai-rang');
      return mine.length >= episodes.length && mine;
    });
    expect(alerts.map((x) => x.startedAt).sort((x, y) => x - y)).toEqual(episodes);
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      const twice = await db.query(`SELECT alert_id, COUNT(*) AS n FROM alert_events WHERE action = 'raised' GROUP BY alert_id HAVING COUNT(*) > 1`);
      expect(twice.rows).toEqual([]);
      const stored = await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM observations WHERE id LIKE 'feed-%'`);
      expect(stored.rows[0]!.n).toBe(sent.length);
    } finally {
      await db.end();
    }
    // the wall, now on B, sees B's values
    expect((await delivery(b, 'after-kill', BASE + 2 * HOUR, 133)).fromAck).toBeLessThanOrEqual(TICK_MS + 100);
  });

  it('a node started afresh (full replay, no checkpoint) joins and equals the survivor', async () => {
    const c = await startNode(0);
    expect((await ready(c)).body.alertEvaluator).toBe(false);
    for (const scope of ['92', '31135', '31201']) expect(cellsOf(await snapshot(c, scope))).toEqual(cellsOf(await snapshot(b, scope)));
    await post(c, [wlReading('on-c', 'wl-o-mon', '31153', BASE + 2 * HOUR + 1000, 141)]);
    await waitUntil('B applied what C took', async () => (await snapshot(b, '31153')).cells.some((x) => x.eventId === 'on-c'), 5_000);
  });
});
