import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { AuditRecord, WallListResponse, WallPinPush, WallPinReleaseResponse, WallPinResponse, WallScreenAck, WallScreensPush } from '@cityioc/contracts';
import { AS, buildTestApp, TEST_KEY } from '../../../test/helpers/build-test-app.ts';
import { risingTide } from '../../../test/helpers/feed-samples.ts';
import { restartableApps } from '../../../test/helpers/restartable-app.ts';
import { connected, listen, socketClients, type ClientSocket } from '../../../test/helpers/socket-client.ts';
import { waitUntil } from '../../../../../test-support/wait.ts';

const local = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+07:00`);
let now = local('2026-12-05 09:30');
let app: FastifyInstance;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});
const client = socketClients();

async function start(overrides: Record<string, unknown> = {}) {
  now = local('2026-12-05 09:30');
  ({ app, cleanup } = await buildTestApp({ wallPinMinSeconds: 1, ...overrides }, { clock: () => now }));
}
const req = (headers: Record<string, string>, opts: InjectOptions) =>
  app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...headers } } as InjectOptions);
const pin = (body: unknown, who: Record<string, string> = AS.leader) => req(who, { method: 'POST', url: '/api/v1/wall/pin', payload: body as object });
const read = async (wall = 'main', who: Record<string, string> = AS.analyst) =>
  (await req(who, { method: 'GET', url: `/api/v1/wall/pin?wall=${wall}` })).json() as WallPinResponse;
const release = (wall = 'main', who: Record<string, string> = AS.leader) => req(who, { method: 'DELETE', url: `/api/v1/wall/pin?wall=${wall}` });
const audit = async () =>
  ((await req(AS.admin, { method: 'GET', url: '/api/v1/admin/audit?action=wall.&limit=50' })).json() as { records: AuditRecord[] }).records;

/** A socket as the analyst (a wall screen of `wall` when given: handshake auth.wall). */
async function openSocket(wall?: string): Promise<ClientSocket> {
  const url = app.server.listening ? `http://127.0.0.1:${(app.server.address() as { port: number }).port}` : await listen(app);
  const s = client(url, { token: AS.analyst.authorization.slice(7), ...(wall === undefined ? {} : { wall }) });
  await connected(s);
  return s;
}

async function listenPushes(): Promise<WallPinPush[]> {
  const s = await openSocket();
  const got: WallPinPush[] = [];
  s.on('wallPinV1', (p) => got.push(p));
  return got;
}

describe('briefing pins: POST, GET and DELETE /api/v1/wall/pin', () => {
  it('a leader pins a unit: stored, read back by any reader, pushed to every socket, audited; released, likewise', async () => {
    await start();
    const pushes = await listenPushes();
    expect(await read()).toEqual({ serverTime: now, wall: 'main', pin: null });

    const r = await pin({ target: { kind: 'unit', unitCode: '31135' }, ttlSeconds: 900 });
    expect(r.statusCode, r.body).toBe(201);
    const created = (r.json() as WallPinResponse).pin!;
    expect(created).toEqual({
      id: created.id,
      wall: 'main',
      target: { kind: 'unit', unitCode: '31135' },
      at: '2026-12-05T09:30:00+07:00',
      until: '2026-12-05T09:45:00+07:00',
      by: 'Lãnh đạo thử',
    });
    expect(await read()).toEqual({ serverTime: now, wall: 'main', pin: created });
    // another wall has its own pin (none)
    expect((await read('phong-hop')).pin).toBeNull();
    const pinned = await waitUntil('the pin pushed', () => pushes.find((p) => p.reason === 'pinned'));
    expect(pinned).toEqual({ wall: 'main', pin: created, reason: 'pinned', ended: null });

    // a new pin replaces the one in force, and says which it ended
    now += 60_000;
    const second = ((await pin({ target: { kind: 'panel', panel: 'water-level' } })).json() as WallPinResponse).pin!;
    expect(second).toMatchObject({ target: { kind: 'panel', panel: 'water-level' }, at: '2026-12-05T09:31:00+07:00', until: '2026-12-05T09:41:00+07:00' });
    expect(await waitUntil('the second push', () => pushes.find((p) => p.pin?.id === second.id))).toMatchObject({ ended: { id: created.id } });

    const rel = await release();
    expect(rel.statusCode).toBe(200);
    expect(rel.json()).toEqual({ serverTime: now, wall: 'main', released: second } satisfies WallPinReleaseResponse);
    expect((await read()).pin).toBeNull();
    expect(await waitUntil('the release pushed', () => pushes.find((p) => p.reason === 'released'))).toEqual({
      wall: 'main',
      pin: null,
      reason: 'released',
      ended: second,
    });
    // releasing a wall without a pin changes nothing
    expect((await release()).json()).toEqual({ serverTime: now, wall: 'main', released: null });

    const records = await audit();
    expect(records.map((a) => [a.action, a.actor, a.target, a.unit, a.details?.reason ?? null])).toEqual([
      ['wall.unpin', 'token:Lãnh đạo thử', 'main', null, 'released'],
      ['wall.pin', 'token:Lãnh đạo thử', 'main', null, null],
      ['wall.pin', 'token:Lãnh đạo thử', 'main', '31135', null],
    ]);
    expect(records[2]!.details).toEqual({ pin: created.id, target: { kind: 'unit', unitCode: '31135' }, until: '2026-12-05T09:45:00+07:00' });
  });

  it('operators and analysts may read the pin but not set or release it: 403 forbidden', async () => {
    await start();
    for (const who of [AS.operator, AS.analyst]) {
      const r = await pin({ target: { kind: 'scene', scene: 'overview' } }, who);
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ error: 'forbidden' });
      const d = await release('main', who);
      expect(d.statusCode).toBe(403);
      expect(d.json()).toMatchObject({ error: 'forbidden' });
      expect((await req(who, { method: 'GET', url: '/api/v1/wall/pin' })).statusCode).toBe(200);
    }
    expect(await audit()).toEqual([]);
  });

  it('refuses what no wall can show: 422 naming the field and the reason', async () => {
    await start();
    const cases: [unknown, string, string][] = [
      [{ target: { kind: 'panel', panel: 'weather' } }, '/target/panel', 'unknown_panel'],
      [{ target: { kind: 'scene', scene: 'traffic' } }, '/target/scene', 'unknown_scene'],
      // quận Ninh Kiều ended on 1 July 2025: its successors are named
      [{ target: { kind: 'unit', unitCode: '916' } }, '/target/unitCode', 'unit_not_in_force'],
      [{ target: { kind: 'unit', unitCode: '99999' } }, '/target/unitCode', 'unknown_unit'],
      [{ target: { kind: 'alert', alertId: 'flood-band:wl-can-tho:nothing' } }, '/target/alertId', 'unknown_alert'],
      [{ target: { kind: 'scene', scene: 'overview' }, ttlSeconds: 0 }, '/ttlSeconds', 'ttl_out_of_range'],
      [{ target: { kind: 'scene', scene: 'overview' }, ttlSeconds: 3601 }, '/ttlSeconds', 'ttl_out_of_range'],
    ];
    for (const [body, field, reason] of cases) {
      const r = await pin(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      const e = r.json() as { error: string; details: { field: string; reason: string; message: string }[] };
      expect(e.error).toBe(reason);
      expect(e.details.map((d) => [d.field, d.reason])).toEqual([[field, reason]]);
    }
    const old = (await pin({ target: { kind: 'unit', unitCode: '916' } })).json() as { message: string };
    expect(old.message).toContain('31135 (phường Ninh Kiều)');
    // the default minimum is one minute
    await cleanup!();
    await start({ wallPinMinSeconds: 60 });
    expect((await pin({ target: { kind: 'scene', scene: 'overview' }, ttlSeconds: 59 })).json()).toMatchObject({
      error: 'ttl_out_of_range',
      message: 'ttlSeconds must be between 60 and 3600 (1–60 min); got 59',
    });
    expect((await read()).pin).toBeNull();
  });

  it('pins a stored alert; ends by itself at `until`, pushed and audited as the system', async () => {
    await start();
    const pushes = await listenPushes();
    const tide = await app.inject({
      method: 'POST',
      url: '/api/v1/observations/batch',
      headers: { 'x-api-key': TEST_KEY },
      payload: { observations: risingTide('pin') },
    });
    expect(tide.statusCode).toBe(200);
    await app.ioc.alerts.flush();
    const [alert] = await app.ioc.store.listAlerts({ areas: ['31135'], limit: 1 });
    const r = await pin({ target: { kind: 'alert', alertId: alert!.id }, ttlSeconds: 1 });
    expect(r.statusCode, r.body).toBe(201);
    const p = (r.json() as WallPinResponse).pin!;
    expect(p.until).toBe('2026-12-05T09:30:01+07:00');
    // the clock reaches `until`: GET says no pin at once, and the server's timer stores and pushes the end
    now += 1000;
    expect((await read()).pin).toBeNull();
    const expired = await waitUntil('the expiry pushed', () => pushes.find((x) => x.reason === 'expired'));
    expect(expired).toEqual({ wall: 'main', pin: null, reason: 'expired', ended: p });
    const records = await waitUntil('the expiry audited', async () => ((await audit()).length === 2 ? audit() : undefined));
    expect(records.map((a) => [a.action, a.actor, a.unit, a.details?.reason ?? null])).toEqual([
      ['wall.unpin', 'system', null, 'expired'],
      ['wall.pin', 'token:Lãnh đạo thử', '31135', null],
    ]);
  });
});

describe('briefing pins across a restart', () => {
  const apps = restartableApps({ wallPinMinSeconds: 1 }, { clock: () => now });
  it('a pin in force is read back after a restart, and still ends on time', async () => {
    now = local('2026-12-05 09:30');
    const first = await apps.start();
    const body = { target: { kind: 'scene', scene: 'score766' }, wall: 'phong-hop', ttlSeconds: 120 };
    const r = await first.app.inject({ method: 'POST', url: '/api/v1/wall/pin', headers: AS.leader, payload: body });
    expect(r.statusCode, r.body).toBe(201);
    const p = (r.json() as WallPinResponse).pin!;
    await first.close();
    const second = await apps.start(first.dataDir);
    const get = async () =>
      ((await second.app.inject({ method: 'GET', url: '/api/v1/wall/pin?wall=phong-hop', headers: AS.analyst })).json() as WallPinResponse).pin;
    expect(await get()).toEqual(p);
    // the restarted node armed its timer at start: the end is stored once the clock passes `until`
    now += 120_000;
    await waitUntil('the expiry stored', async () => ((await second.app.ioc.store.reference.referenceHeads('wall.pin')).length === 2 ? true : undefined));
    expect(await get()).toBeNull();
  });

  it('GET /api/v1/wall/walls: the default wall, the walls pinned before and the walls with screens open, each with its screens and pin', async () => {
    await start();
    const walls = async () => {
      const r = await req(AS.leader, { method: 'GET', url: '/api/v1/wall/walls' });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as WallListResponse).walls;
    };
    expect(await walls()).toEqual([{ wall: 'main', screens: 0, pin: null }]);
    // two screens of the meeting room's wall, one of the main wall, a page that is no wall, a name that is no wall's
    await openSocket('main');
    const [room] = await Promise.all([openSocket('phong-hop'), openSocket('phong-hop'), openSocket(), openSocket('Bad Name!')]);
    const r = await pin({ target: { kind: 'scene', scene: 'reporting' }, wall: 'hoi-truong' });
    expect(r.statusCode, r.body).toBe(201);
    const pinned = (r.json() as WallPinResponse).pin!;
    expect(await walls()).toEqual([
      { wall: 'main', screens: 1, pin: null },
      { wall: 'hoi-truong', screens: 0, pin: pinned },
      { wall: 'phong-hop', screens: 2, pin: null },
    ]);
    // a closed screen is no longer counted
    room!.disconnect();
    await waitUntil('the screen counted off', async () => ((await walls()).find((w) => w.wall === 'phong-hop')?.screens === 1 ? true : undefined));
  });

  it('wallScreenV1: a page that leaves the wall (same socket) stops counting as its screen, and counts again when it comes back', async () => {
    await start();
    const screens = async (wall: string) => {
      const r = await req(AS.leader, { method: 'GET', url: '/api/v1/wall/walls' });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as WallListResponse).walls.find((w) => w.wall === wall)?.screens ?? 0;
    };
    const say = (s: ClientSocket, wall: unknown) => new Promise<WallScreenAck>((r) => s.emit('wallScreenV1', wall as string | null, r));
    // the wall page opened first: named in the handshake, as a screen that never says more
    const handshake = await openSocket('main');
    const page = await openSocket();
    expect(await screens('main')).toBe(1);
    // the page shows the wall: one more screen
    expect(await say(page, 'main')).toEqual({ ok: true, wall: 'main' });
    expect(await screens('main')).toBe(2);
    // …navigates to /operator on the same socket: no longer a screen, at once
    expect(await say(page, null)).toEqual({ ok: true, wall: null });
    expect(await screens('main')).toBe(1);
    // the handshake's wall is taken back the same way
    expect(await say(handshake, null)).toEqual({ ok: true, wall: null });
    expect(await screens('main')).toBe(0);
    // back on the wall, then moved to another wall's URL: counted once, on the wall it shows now
    await say(page, 'main');
    expect(await say(page, 'phong-hop')).toEqual({ ok: true, wall: 'phong-hop' });
    expect([await screens('main'), await screens('phong-hop')]).toEqual([0, 1]);
    // a name that is no wall's, or no string: refused with the rule, the screen left as it was
    expect(await say(page, 'Bad Name!')).toEqual({ ok: false, error: 'wall must be null or match ^[a-z0-9][a-z0-9-]{0,31}$' });
    expect(await say(page, 42)).toEqual({ ok: false, error: 'wall must be null or match ^[a-z0-9][a-z0-9-]{0,31}$' });
    expect(await screens('phong-hop')).toBe(1);
    // no ack asked: still applied
    page.emit('wallScreenV1', null);
    await waitUntil('the screen counted off', async () => ((await screens('phong-hop')) === 0 ? true : undefined));
  });
  it('wallScreensV1: a screen opened, moved, taken back or closed pushes the count of its wall to every socket at once', async () => {
    await start();
    // the briefing page's socket: no wall of its own
    const briefing = await openSocket();
    const got: WallScreensPush[] = [];
    briefing.on('wallScreensV1', (p) => got.push(p));
    const say = (s: ClientSocket, wall: string | null) => new Promise<WallScreenAck>((r) => s.emit('wallScreenV1', wall, r));
    const next = async (n: number) => {
      await waitUntil(`${n} screen counts pushed`, async () => (got.length >= n ? true : undefined), 1_000, 10);
      return got.slice(n - 1, n)[0];
    };
    // a wall page says its wall: the count of the main wall, to the briefing page
    const page = await openSocket();
    await say(page, 'main');
    expect(await next(1)).toEqual({ wall: 'main', screens: 1 });
    // a second screen opened with the handshake's wall
    const second = await openSocket('main');
    expect(await next(2)).toEqual({ wall: 'main', screens: 2 });
    // saying the same wall again (every reconnect does) changes nothing: nothing pushed
    await say(page, 'main');
    // moved to the meeting room's wall: both walls counted
    await say(page, 'phong-hop');
    await waitUntil('both walls pushed', async () => (got.length >= 4 ? true : undefined), 1_000, 10);
    expect(got.slice(2, 4).sort((a, b) => a.wall.localeCompare(b.wall))).toEqual([
      { wall: 'main', screens: 1 },
      { wall: 'phong-hop', screens: 1 },
    ]);
    // the page leaves the wall for another page of the app
    await say(page, null);
    expect(await next(5)).toEqual({ wall: 'phong-hop', screens: 0 });
    // a screen closed
    second.disconnect();
    expect(await next(6)).toEqual({ wall: 'main', screens: 0 });
    // and the list read after the push says the same (the meeting room's wall, without screen or pin, is gone from it)
    const r = await req(AS.leader, { method: 'GET', url: '/api/v1/wall/walls' });
    expect((r.json() as WallListResponse).walls.map((w) => [w.wall, w.screens])).toEqual([['main', 0]]);
    expect(got).toHaveLength(6);
  });
});
