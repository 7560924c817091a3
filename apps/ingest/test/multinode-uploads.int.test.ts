/**
 * Uploads followed across nodes (issue 16): a report, a procedure catalogue, a holiday schedule and
 * a boundary import posted to node A are read back through node B's API — and the report's value
 * reaches B's clients live — within one tick plus slack, with B's catch-up poll set to a minute so
 * that only the database's wake-up (NOTIFY on reference_items and report_submissions) can bring
 * them. Changes that add no row are followed too (migration 27's versions): a review of a report,
 * a feed key made and revoked on A (B's keyring re-reads itself only every 30 s). Two compiled
 * nodes on one real PostgreSQL.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  type BoundaryImportResult,
  type ClientToServerEvents,
  type Delta,
  type FeedKeyCreated,
  type ProceduresResponse,
  type ServerToClientEvents,
  type Snapshot,
  type SubscribeAck,
  type SubmissionStatusResponse,
} from '@cityioc/contracts';
import { CAN_THO_REGISTRY } from '@cityioc/domain';
import { startPostgres, type PostgresServer } from '../../../test-support/postgres.ts';
import { PROCESS_TOKENS, startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { waitUntil } from '../../../test-support/wait.ts';
import { collection, feature, square } from './helpers/boundary-files.ts';
import { PROCEDURE_SAMPLE } from './helpers/feed-samples.ts';

const KEY = 'uploads-feed-key-0123456789';
const TICK_MS = 250;
/** One tick plus slack: the wake-up, the read of the upload and the HTTP read on a loaded 2-core machine. */
const WITHIN_MS = TICK_MS + 500;
let pgServer: PostgresServer;
let a: ServerProcess;
let b: ServerProcess;
const nodes: ServerProcess[] = [];
const dirs: (() => void)[] = [];
let onB: Socket<ServerToClientEvents, ClientToServerEvents>;
const deltasB: Delta[] = [];

async function startNode(dbUrl: string): Promise<ServerProcess> {
  const data = tempDataDir();
  dirs.push(data.remove);
  const s = await startServerProcess({
    dataDir: data.dir,
    env: { IOC_DATABASE_URL: dbUrl, IOC_API_KEYS: `uploads:${KEY}`, IOC_TICK_MS: String(TICK_MS), IOC_CLUSTER_POLL_MS: '60000' },
  });
  nodes.push(s);
  await waitUntil(`${s.url} ready`, async () => (await fetch(`${s.url}/readyz`)).status === 200, 30_000);
  return s;
}

beforeAll(async () => {
  pgServer = await startPostgres();
  const dbUrl = await pgServer.createDatabase('ioc_uploads');
  a = await startNode(dbUrl);
  b = await startNode(dbUrl);
  onB = connect(b.url, { auth: { protocol: PROTOCOL_VERSION, token: PROCESS_TOKENS.leader }, transports: ['websocket'] });
  onB.on('deltaV1', (d) => deltasB.push(d));
  await new Promise<void>((resolve, reject) =>
    onB.on('connect', () => onB.emit('subscribeV1', ['92'], (ack: SubscribeAck) => (ack.ok ? resolve() : reject(new Error(ack.error))))),
  );
}, 120_000);

afterAll(async () => {
  onB?.disconnect();
  for (const n of nodes) await n.stop('SIGKILL');
  await pgServer?.stop();
  for (const d of dirs) d();
});

/** Sends to A and expects `ok`. */
async function send(method: 'POST' | 'PUT' | 'PATCH', path: string, body: string, headers: Record<string, string>, ok: number): Promise<unknown> {
  const r = await fetch(`${a.url}${path}`, { method, headers, body });
  const text = await r.text();
  expect(r.status, text).toBe(ok);
  return JSON.parse(text) as unknown;
}
const json = { 'content-type': 'application/json' };
const read = async <T>(s: ServerProcess, path: string): Promise<T> => {
  const r = await fetch(`${s.url}${path}`, { headers: s.headers('admin') });
  expect(r.status, path).toBe(200);
  return (await r.json()) as T;
};

/** Waits (polling every 5 ms) until `seen` holds on B; returns how long after the acknowledgement. */
async function followedWithin(what: string, ackedAt: number, seen: () => Promise<boolean> | boolean): Promise<number> {
  await waitUntil(what, seen, 10_000, 5);
  return performance.now() - ackedAt;
}

describe('uploads to node A, read through node B', () => {
  it('a report: B answers the same history, and its clients get the published value live', async () => {
    const history = '/api/v1/reporting/history?indicator=online_payment_rate&units=92';
    const report = { regime: 'cchc-cds', unit: '92', period: '2023', values: [{ indicator: 'online_payment_rate', value: 40 }] };
    await send('POST', '/api/v1/reporting/reports', JSON.stringify(report), { ...json, 'x-api-key': KEY }, 201);
    const acked = performance.now();
    const id = 'report:cchc-cds:92:2023:1:submitted:reported_online_payment_rate';
    const ms = await followedWithin('the report live on B', acked, () => deltasB.some((d) => d.changes.some((c) => c.eventId === id)));
    expect(ms).toBeLessThanOrEqual(WITHIN_MS);
    const cell = (s: Snapshot) => s.cells.find((c) => c.eventId === id);
    expect(cell(await read<Snapshot>(b, '/api/v1/snapshot/92'))).toEqual(cell(await read<Snapshot>(a, '/api/v1/snapshot/92')));
    expect(cell(await read<Snapshot>(b, '/api/v1/snapshot/92'))).toMatchObject({ indicator: 'reported_online_payment_rate', numerator: 40, denominator: 100 });
    expect(await read(b, history)).toEqual(await read(a, history));
  });

  it('a procedure catalogue: B lists the new version and uses it', async () => {
    await send('PUT', '/api/v1/procedures', JSON.stringify({ items: [PROCEDURE_SAMPLE] }), { ...json, ...a.headers('admin') }, 200);
    const acked = performance.now();
    const listed = async () => (await read<ProceduresResponse>(b, '/api/v1/procedures')).items.some((i) => i.code === PROCEDURE_SAMPLE.code);
    expect(await followedWithin('the procedure on B', acked, listed)).toBeLessThanOrEqual(WITHIN_MS);
    // the same versions (asOf is each node's clock)
    expect((await read<ProceduresResponse>(b, '/api/v1/procedures')).items).toEqual((await read<ProceduresResponse>(a, '/api/v1/procedures')).items);
  });

  it('a holiday schedule: B lists it among the uploaded ones', async () => {
    const schedule = { year: 2026, extraDaysOff: [{ days: ['2026-12-31'], name: { vi: 'Nghỉ hoán đổi', en: 'Swapped day off' } }] };
    await send('PUT', '/api/v1/calendar/schedules', JSON.stringify({ items: [schedule] }), { ...json, ...a.headers('admin') }, 200);
    const acked = performance.now();
    const listed = async () => (await read<{ uploaded: { year: number }[] }>(b, '/api/v1/calendar/schedules')).uploaded.some((s) => s.year === 2026);
    expect(await followedWithin('the schedule on B', acked, listed)).toBeLessThanOrEqual(WITHIN_MS);
    expect(await read(b, '/api/v1/calendar/schedules')).toEqual(await read(a, '/api/v1/calendar/schedules'));
  });

  it("a boundary import: B lists the version and serves the same map (the import's shapes, the same ETag)", async () => {
    const centre = (code: string) => CAN_THO_REGISTRY.areaAt(code, '2026-01-01')!.centre!.lonLat;
    const file = collection([feature({ code: 31135, name: 'Ninh Kiều' }, square(centre('31135')))]);
    const res = (await send(
      'POST',
      '/api/v1/admin/boundaries?fileName=ninh-kieu.geojson',
      JSON.stringify(file),
      a.headers('admin', { 'content-type': 'application/geo+json' }),
      201,
    )) as BoundaryImportResult;
    const acked = performance.now();
    expect(res.stored).toBe(true);
    const listed = async () =>
      (await read<{ versions: { version: number }[] }>(b, '/api/v1/admin/boundaries')).versions.some((v) => v.version === res.version.version);
    expect(await followedWithin('the import on B', acked, listed)).toBeLessThanOrEqual(WITHIN_MS);
    expect(await read(b, '/api/v1/admin/boundaries')).toEqual(await read(a, '/api/v1/admin/boundaries'));
    const map = async (s: ServerProcess) => {
      const r = await fetch(`${s.url}/api/v1/geo/areas`, { headers: s.headers('leader') });
      return { etag: r.headers.get('etag'), body: await r.text() };
    };
    const [onA, onBMap] = [await map(a), await map(b)];
    expect(onBMap).toEqual(onA);
    expect(onBMap.body).toContain(`"source":"import:${res.version.version}"`);
  });
});

describe('changes that move no row count, made on A and followed by B (UPDATE and DELETE, not only INSERT)', () => {
  it('an alert review on a report: B answers the returned status at once, and publishes the same live value', async () => {
    const status = '/api/v1/reporting/status?regime=cchc-cds&period=2024';
    const report = { regime: 'cchc-cds', unit: '92', period: '2024', values: [{ indicator: 'online_payment_rate', value: 55 }] };
    await send('POST', '/api/v1/reporting/reports', JSON.stringify(report), { ...json, 'x-api-key': KEY }, 201);
    const unitOn = async (s: ServerProcess) => (await read<SubmissionStatusResponse>(s, status)).units.find((u) => u.unit === '92');
    await waitUntil('the report on B', async () => (await unitOn(b))?.version === 1, 10_000, 5);
    const review = { regime: 'cchc-cds', unit: '92', period: '2024', version: 1, review: 'returned', note: 'Thiếu số liệu quý IV' };
    expect(await send('POST', '/api/v1/reporting/reviews', JSON.stringify(review), { ...json, 'x-api-key': KEY }, 200)).toEqual({
      ...review,
      status: 'returned',
    });
    const acked = performance.now();
    expect(await followedWithin('the review on B', acked, async () => (await unitOn(b))?.status === 'returned')).toBeLessThanOrEqual(WITHIN_MS);
    expect(await read(b, status)).toMatchObject({ counts: (await read<SubmissionStatusResponse>(a, status)).counts });
    // the returned figure leaves the live tile on both nodes (no value until the corrected version)
    const id = 'report:cchc-cds:92:2024:1:returned:reported_online_payment_rate';
    const cell = (s: Snapshot) => s.cells.find((c) => c.indicator === 'reported_online_payment_rate');
    await waitUntil('the returned figure off B', async () => cell(await read<Snapshot>(b, '/api/v1/snapshot/92'))?.eventId === id, 10_000, 5);
    expect(cell(await read<Snapshot>(b, '/api/v1/snapshot/92'))).toEqual(cell(await read<Snapshot>(a, '/api/v1/snapshot/92')));
    expect(cell(await read<Snapshot>(b, '/api/v1/snapshot/92'))).toMatchObject({ eventId: id, value: null, numerator: 0, denominator: 0 });
  });

  it("a feed key made on A opens B's feeds at the wake-up, and its revocation on A closes them (not after B's 30 s re-read)", async () => {
    const admin = { ...json, ...a.headers('admin') };
    const source = {
      id: 'tram-cai-rang',
      name: 'Trạm đo mực nước Cái Răng',
      grant: { endpoints: ['observations'], stations: ['wl-can-tho'], units: null, agencies: null },
    };
    await send('POST', '/api/v1/admin/feed-sources', JSON.stringify(source), admin, 201);
    const created = (await send('POST', `/api/v1/admin/feed-sources/${source.id}/keys`, '{}', admin, 201)) as FeedKeyCreated;
    const acked = performance.now();
    let n = 0;
    const postToB = async () => {
      const reading = {
        id: `cai-rang-${++n}`,
        indicator: 'water_level',
        area: '31135',
        station: 'wl-can-tho',
        observedAt: new Date().toISOString(),
        value: 150,
      };
      const r = await fetch(`${b.url}/api/v1/observations/batch`, {
        method: 'POST',
        headers: { ...json, 'x-api-key': created.secret },
        body: JSON.stringify({ observations: [reading] }),
      });
      return r.status;
    };
    expect(await followedWithin('the new key accepted by B', acked, async () => (await postToB()) === 200)).toBeLessThanOrEqual(WITHIN_MS);
    const r = await fetch(`${a.url}/api/v1/admin/feed-sources/${source.id}/keys/${created.key.id}`, { method: 'DELETE', headers: a.headers('admin') });
    expect(r.status).toBe(204);
    const revoked = performance.now();
    expect(await followedWithin('the revoked key refused by B', revoked, async () => (await postToB()) === 401)).toBeLessThanOrEqual(WITHIN_MS);
  });

  it("a user disabled on A: B refuses the user's session and closes its socket at the wake-up (not after its 10 s cache and 1 min check)", async () => {
    const account = { username: 'kt.tamthoi', name: 'Võ Thị Tạm', role: 'leader', scopes: { units: ['92'], agencies: [] }, password: 'tạm thời kiểm thử 2026' };
    const made = (await send('POST', '/api/v1/admin/users', JSON.stringify(account), { ...json, ...a.headers('admin') }, 201)) as { id: string };
    const login = await fetch(`${b.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: account.username, password: account.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('ioc_session='))!;
    const me = async () => (await fetch(`${b.url}/api/v1/auth/me`, { headers: { cookie } })).status;
    expect(await me()).toBe(200);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(b.url, {
      auth: { protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
    });
    let closed = false;
    socket.on('disconnect', () => (closed = true));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    try {
      await send('PATCH', `/api/v1/admin/users/${made.id}`, JSON.stringify({ disabled: true }), { ...json, ...a.headers('admin') }, 200);
      const acked = performance.now();
      expect(await followedWithin("the user's socket on B closed", acked, () => closed)).toBeLessThanOrEqual(WITHIN_MS);
      expect(await followedWithin("the user's session on B refused", acked, async () => (await me()) === 401)).toBeLessThanOrEqual(WITHIN_MS);
    } finally {
      socket.disconnect();
    }
  });
});
