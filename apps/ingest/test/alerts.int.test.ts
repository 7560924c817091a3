import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Alert, AlertDetail, AlertPush } from '@cityioc/contracts';
import { T0, TEST_KEY, wl, AS, TEST_TOKENS } from './helpers/build-test-app.ts';
import { airReading, risingTide } from './helpers/feed-samples.ts';
import { restartableApps } from './helpers/restartable-app.ts';
import { listen, socketClients, type ClientSocket } from './helpers/socket-client.ts';
import { waitUntil } from '../../../test-support/wait.ts';
import type { Config } from '../src/env.ts';

const MIN = 60_000;
const CITY = { token: 'operator-city-token-0001', name: 'Lê Văn Cường', unit: 'IOC Cần Thơ', scopes: ['92'] };
const NINH_KIEU = { token: 'operator-ninh-kieu-0001', name: 'Nguyễn Thị Dung', unit: 'UBND quận Ninh Kiều', scopes: ['31135'] };
const O_MON = { token: 'operator-o-mon-token-001', name: 'Phạm Văn Em', unit: 'UBND quận Ô Môn', scopes: ['31153'] };
const overrides: Partial<Config> = { tickMs: 50, heartbeatMs: 100, operators: [CITY, NINH_KIEU, O_MON] };

const { start } = restartableApps(overrides);
const client = socketClients();

const post = (app: FastifyInstance, observations: unknown[]) =>
  app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: { 'x-api-key': TEST_KEY }, payload: { observations } });
/** Water level rising through BĐ I (180 cm) at Cần Thơ over 35 minutes, 5 minutes apart, ending at T0. */
const rising = () => risingTide('rise');
/** An operator's token, or (null) a leader of the whole city: the wall reads, never acts. */
const as = (op: { token: string } | null) => (op ? { 'x-operator-token': op.token } : AS.leader);
const get = async (app: FastifyInstance, url: string, op: { token: string } | null = null) => {
  const r = await app.inject({ method: 'GET', url, headers: as(op) });
  return { status: r.statusCode, body: r.json() as Record<string, unknown> & { alerts: Alert[] } };
};
const act = (app: FastifyInstance, id: string, action: string, op: { token: string } | null, payload: unknown = {}) =>
  app.inject({ method: 'POST', url: `/api/v1/alerts/${encodeURIComponent(id)}/${action}`, headers: as(op), payload: payload as object });

describe('alerts: rules on committed readings, lifecycle, scopes, audit trail', () => {
  it('a level rising through BĐ I raises one alert, which an operator of the scope acknowledges, assigns and resolves', async () => {
    const { app } = await start();
    expect((await post(app, rising())).statusCode).toBe(200);
    await app.ioc.alerts.flush();
    const list = await get(app, '/api/v1/alerts');
    const flood = list.body.alerts.filter((a) => a.ruleId === 'flood-band');
    expect(flood).toHaveLength(1);
    const alert = flood[0]!;
    expect(alert).toMatchObject({ status: 'open', area: '31135', station: 'wl-can-tho', band: 'bd1', severity: 'medium', startedAt: T0 - 25 * MIN });
    expect(alert.title.vi).toContain('BĐ I');

    // the derived worst-band cells: the city shows rank 1 (BĐ I) and +8 cm over BĐ I
    const snap = (await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/snapshot/92' })).json() as { cells: { key: string; value: number }[] };
    expect(snap.cells.find((c) => c.key === '92||flood_band')?.value).toBe(1);
    expect(snap.cells.find((c) => c.key === '92||water_above_bd1')?.value).toBe(8);

    // scopes: Ô Môn's operator does not see it, Ninh Kiều's does
    expect((await get(app, '/api/v1/alerts', O_MON)).body.alerts).toEqual([]);
    expect((await get(app, `/api/v1/alerts/${encodeURIComponent(alert.id)}`, O_MON)).status).toBe(404);
    expect((await act(app, alert.id, 'ack', O_MON)).statusCode).toBe(404);
    expect((await get(app, '/api/v1/alerts', NINH_KIEU)).body.alerts.map((a) => a.id)).toContain(alert.id);

    // leaders read but cannot act; without a credential nothing at all
    expect((await act(app, alert.id, 'ack', null)).json()).toEqual({
      statusCode: 403,
      error: 'forbidden',
      message: 'POST /api/v1/alerts/:id/ack is for operator, admin; you are leader',
    });
    expect((await app.inject({ method: 'POST', url: `/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`, payload: {} })).statusCode).toBe(401);
    // assign before acknowledging: 409 with the reason
    const early = await act(app, alert.id, 'assign', NINH_KIEU, { unit: 'Đội ứng cứu', deadline: { hours: 2 } });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'invalid_transition', message: expect.stringContaining('acknowledged first') });

    expect((await act(app, alert.id, 'ack', NINH_KIEU, { note: 'Đã nhận' })).statusCode).toBe(200);
    expect((await act(app, alert.id, 'ack', NINH_KIEU)).statusCode).toBe(409);
    const bad = await act(app, alert.id, 'assign', NINH_KIEU, { unit: 'Đội ứng cứu', deadline: { days: 2 } });
    expect(bad.statusCode).toBe(400);
    // T0 + 1 min is Sunday 22/11/2026 07:01: 1 working day → Monday 23/11 17:00
    const assigned = await act(app, alert.id, 'assign', NINH_KIEU, { unit: 'Phòng Quản lý đô thị', deadline: { workingDays: 1 } });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().alert).toMatchObject({
      status: 'assigned',
      assignedUnit: 'Phòng Quản lý đô thị',
      deadline: Date.parse('2026-11-23T17:00:00+07:00'),
    });
    expect((await act(app, alert.id, 'resolve', CITY, { note: '   ' })).json()).toMatchObject({ statusCode: 422, error: 'note_required' });
    expect((await act(app, alert.id, 'notes', CITY, { note: 'Triều cường đang giảm' })).statusCode).toBe(200);
    expect((await act(app, alert.id, 'resolve', CITY, { note: 'Đã khơi thông cống' })).statusCode).toBe(200);

    const detail = (await get(app, `/api/v1/alerts/${encodeURIComponent(alert.id)}`)).body as unknown as AlertDetail;
    expect(detail.alert.status).toBe('resolved');
    expect(detail.events.map((e) => [e.action, e.actor])).toEqual([
      ['raised', 'system'],
      ['acknowledged', 'Nguyễn Thị Dung (UBND quận Ninh Kiều)'],
      ['assigned', 'Nguyễn Thị Dung (UBND quận Ninh Kiều)'],
      ['note', 'Lê Văn Cường (IOC Cần Thơ)'],
      ['resolved', 'Lê Văn Cường (IOC Cần Thơ)'],
    ]);
    expect(detail.events[1]!.note).toBe('Đã nhận');

    // filters
    expect((await get(app, '/api/v1/alerts?status=open,acknowledged')).body.alerts.map((a) => a.id)).not.toContain(alert.id);
    expect((await get(app, '/api/v1/alerts?scope=31153')).body.alerts).toEqual([]);
    expect((await get(app, '/api/v1/alerts?since=2030-01-01T00:00:00%2B07:00')).body.alerts).toEqual([]);
    expect((await get(app, '/api/v1/alerts?since=yesterday')).status).toBe(400);
    expect((await get(app, '/api/v1/alerts?scope=999')).status).toBe(404);
  });

  it('pushes raised and changed alerts to the scope rooms over Socket.IO', async () => {
    const { app } = await start();
    const url = await listen(app);
    const s: ClientSocket = client(url, { token: TEST_TOKENS.leader });
    const other: ClientSocket = client(url, { token: TEST_TOKENS.leader });
    const got: AlertPush[] = [];
    const gotOther: AlertPush[] = [];
    s.on('alertV1', (p) => got.push(p));
    other.on('alertV1', (p) => gotOther.push(p));
    await new Promise((r) => s.emit('subscribeV1', ['92'], r));
    await new Promise((r) => other.emit('subscribeV1', ['31153'], r));
    await post(app, rising());
    const raised = await waitUntil('the raised event', () => got.find((p) => p.event.action === 'raised' && p.alert.ruleId === 'flood-band'));
    expect(raised.alert.status).toBe('open');
    await act(app, raised.alert.id, 'ack', CITY);
    const acked = await waitUntil('the acknowledged event', () => got.find((p) => p.event.action === 'acknowledged'));
    expect(acked.alert.revision).toBe(2);
    expect(gotOther).toEqual([]);
  });

  it('survives a restart: the alert and its trail are there, and the replay raises nothing again', async () => {
    const first = await start();
    await post(first.app, rising());
    await first.app.ioc.alerts.flush();
    const before = (await get(first.app, '/api/v1/alerts')).body.alerts;
    expect(before.length).toBeGreaterThan(0);
    await act(first.app, before[0]!.id, 'ack', CITY);
    await first.close();

    const second = await start(first.dataDir);
    await second.app.ioc.alerts.flush();
    expect(second.app.ioc.alerts.stats).toMatchObject({ raised: 0, changed: 0 });
    const after = (await get(second.app, '/api/v1/alerts')).body.alerts;
    expect(after.map((a) => [a.id, a.status, a.revision])).toEqual(
      before.map((a) => [a.id, a.id === before[0]!.id ? 'acknowledged' : a.status, a.id === before[0]!.id ? 2 : a.revision]),
    );
    // the engine state was rebuilt: the level stays above BĐ I, so further readings raise nothing new
    await post(second.app, [wl('later-1', 189, { observedAt: new Date(T0 + 2 * MIN).toISOString() })]);
    await second.app.ioc.alerts.flush();
    expect(second.app.ioc.alerts.stats.raised).toBe(0);
  });
});

describe('VN_AQI NowCast computed by the IOC from raw pollutant readings', () => {
  it('derives aqi_nowcast per station with the dominant pollutant, and refuses it as a posted observation', async () => {
    const { app } = await start();
    const H = 60 * MIN;
    const hourStart = Math.floor(T0 / H) * H; // 07:00 +07:00
    const aq = airReading;
    // complete hours 05:00–06:00 (PM2.5 30) and 06:00–07:00 (PM2.5 20 and 40 → 30; NO₂ 150), then a reading at 07:00
    const r = await post(app, [
      aq('p1', 'pm25', hourStart - 2 * H + 10 * MIN, 30),
      aq('p2', 'pm25', hourStart - H + 10 * MIN, 20),
      aq('p3', 'pm25', hourStart - H + 40 * MIN, 40),
      aq('n1', 'no2', hourStart - H + 40 * MIN, 150),
      aq('p4', 'pm25', hourStart, 35),
    ]);
    expect(r.statusCode).toBe(200);
    // NowCast PM2.5 = 30 → 60; NO₂ 150 → 75: AQI 75, NO₂ dominant
    const snap = (await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/snapshot/31174' })).json() as {
      cells: { key: string; value: number }[];
    };
    expect(snap.cells.find((c) => c.key === '31174|aq-tra-noc|aqi_nowcast')?.value).toBe(75);
    const air = (await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/air-quality/92' })).json() as {
      stations: { station: string; nowcast: { aqi: number; dominant: string } }[];
    };
    expect(air.stations).toMatchObject([{ station: 'aq-tra-noc', nowcast: { aqi: 75, dominant: 'no2' } }]);
    const refused = await post(app, [aq('x', 'aqi_nowcast', hourStart, 50)]);
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json())).toContain('derived_indicator');
  });
});
