/**
 * What a scoped caller receives (issue 11 #1) and what the audit log keeps (#4): the map, alerts,
 * watchlists, dossier details, reports and exports of one district's operator hold nothing of
 * another district; every view of a dossier's detail, every export and every change is recorded
 * with who, when, from where, what and the scope, and the log is queried and exported by admins.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Alert, AuditRecord, WatchlistResponse } from '@cityioc/contracts';
import { AS, buildTestApp, T0, TEST_KEY, wl } from './helpers/build-test-app.ts';
import { createAccount, signInAccount, type PasswordAccount } from './helpers/session.ts';
import { csvLines } from './helpers/workbooks.ts';

const MIN = 60_000;
let app: FastifyInstance;
let cleanup: () => Promise<void>;
const remote = { remoteAddress: '10.30.0.16' };

const ev = (code: string, area: string, agency: string, status: number, at: string) => ({
  eventId: `${code}-${status}`,
  dossierCode: code,
  procedureCode: '1.000494',
  agencyCode: agency,
  adminUnitCode: area,
  channel: 2,
  status,
  statusAt: at,
  receivedAt: '2026-11-02T08:00:00+07:00',
  dueAt: '2026-11-06T17:00:00+07:00',
});

beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp({}, { clock: () => T0 + MIN }));
  const feed = { 'x-api-key': TEST_KEY };
  const rising = (station: string, area: string) =>
    [170, 176, 181, 183, 185, 186, 187, 188].map((v, i) =>
      wl(`${station}-${i}`, v, { station, area, observedAt: new Date(T0 - (7 - i) * 5 * MIN).toISOString() }),
    );
  await app.inject({
    method: 'POST',
    url: '/api/v1/observations/batch',
    headers: feed,
    payload: { observations: [...rising('wl-can-tho', '31135'), ...rising('wl-o-mon', '31153')] },
  });
  await app.ioc.alerts.flush();
  const events = [
    ev('NK-1', '31135', '000.135.00.H13', 2, '2026-11-02T08:00:00+07:00'),
    ev('OM-1', '31153', '000.153.00.H13', 2, '2026-11-02T08:00:00+07:00'),
    // a department's dossier of an Ô Môn resident: in the scope of whoever holds the department (agency), not Ninh Kiều's
    ev('SNV-1', '31153', '000.00.01.H13', 2, '2026-11-02T08:00:00+07:00'),
  ];
  expect((await app.inject({ method: 'POST', url: '/api/v1/dossiers/events', headers: feed, payload: { events } })).statusCode).toBe(200);
});
afterAll(async () => cleanup());

const get = (url: string, headers: Record<string, string> = AS.operator) => app.inject({ url, headers, ...remote });
const records = async (q: string) => ((await get(`/api/v1/admin/audit?${q}`, AS.admin)).json() as { records: AuditRecord[] }).records;

describe("an operator of phường Ninh Kiều (916) sees Ninh Kiều's data only", () => {
  it('the map holds only its district; alerts and their trails only its own', async () => {
    const geo = (await get('/api/v1/geo/areas')).json() as { features: { properties: { code: string } }[] };
    expect(geo.features.map((f) => f.properties.code)).toEqual(['31135']);
    const all = (await get('/api/v1/geo/areas', AS.leader)).json() as { features: unknown[] };
    expect(all.features.length).toBe((JSON.parse(app.ioc.geo.collection('2026-11-22').body) as { features: unknown[] }).features.length);
    expect(all.features.length).toBeGreaterThan(9);
    const alerts = ((await get('/api/v1/alerts')).json() as { alerts: Alert[] }).alerts;
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.area === '31135')).toBe(true);
    const everyone = ((await get('/api/v1/alerts', AS.leader)).json() as { alerts: Alert[] }).alerts;
    const omon = everyone.find((a) => a.area === '31153')!;
    expect((await get(`/api/v1/alerts/${encodeURIComponent(omon.id)}`)).json()).toEqual({
      statusCode: 404,
      error: 'not_found',
      message: `alert ${omon.id} does not exist in your scope`,
    });
  });

  it('the watchlist and dossier details: its own dossiers; another unit’s dossier does not exist for it', async () => {
    const w = (await get('/api/v1/dossiers/watchlist')).json() as WatchlistResponse;
    expect([...w.overdue, ...w.dueSoon].map((d) => d.dossierCode)).toEqual(['NK-1']);
    const city = (await get('/api/v1/dossiers/watchlist', AS.leader)).json() as WatchlistResponse;
    expect([...city.overdue, ...city.dueSoon].map((d) => d.dossierCode).sort()).toEqual(['NK-1', 'OM-1', 'SNV-1']);
    expect((await get('/api/v1/dossiers/NK-1')).statusCode).toBe(200);
    expect((await get('/api/v1/dossiers/OM-1')).json()).toEqual({
      statusCode: 404,
      error: 'unknown_dossier',
      message: "no dossier 'OM-1' has been received in your scope",
      details: [{ field: '/code', reason: 'unknown_dossier', message: "no dossier 'OM-1' has been received in your scope" }],
    });
    // every view of a detail is audited, with the unit
    const views = await records('action=dossier.view');
    expect(views.map((r) => [r.actor, r.actorRole, r.target, r.unit, r.ip, r.scope])).toEqual([
      ['token:Vận hành Ninh Kiều', 'operator', 'NK-1', '31135', '10.30.0.16', { units: ['31135'], agencies: [] }],
    ]);
  });

  it('an agency in the scope adds that agency’s dossiers, wherever they are attributed', async () => {
    const dept: PasswordAccount = {
      username: 'snv.op',
      name: 'Vận hành Sở Nội vụ',
      role: 'operator',
      scopes: { units: ['31135'], agencies: ['000.00.01.H13'] },
      password: 'sở nội vụ kiểm thử 2026',
    };
    await createAccount(app, dept);
    const { cookie } = await signInAccount(app, dept, remote.remoteAddress);
    const w = (await get('/api/v1/dossiers/watchlist', { cookie })).json() as WatchlistResponse;
    expect([...w.overdue, ...w.dueSoon].map((d) => d.dossierCode).sort()).toEqual(['NK-1', 'SNV-1']);
    expect((await get('/api/v1/dossiers/SNV-1', { cookie })).statusCode).toBe(200);
    expect((await get('/api/v1/dossiers/OM-1', { cookie })).statusCode).toBe(404);
  });

  it('exports: its own district by default, another one refused; every export is audited', async () => {
    const csv = await get('/api/v1/dossiers/indicators.csv?period=2026-11');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('31135');
    expect((await get('/api/v1/dossiers/indicators.csv?period=2026-11&scope=31153')).json()).toMatchObject({ statusCode: 403, error: 'out_of_scope' });
    expect((await get('/api/v1/dossiers/indicators.csv?period=2026-11&scope=92')).statusCode).toBe(403);
    const exports = await records('action=export');
    expect(exports[0]).toMatchObject({
      actor: 'token:Vận hành Ninh Kiều',
      actorRole: 'operator',
      ip: '10.30.0.16',
      details: { url: '/api/v1/dossiers/indicators.csv?period=2026-11', format: 'csv' },
    });
  });

  it('reporting: only its units in status; another unit asked is 403', async () => {
    const st = (await get('/api/v1/reporting/status?regime=par-index&period=2026')).json() as { units: { unit: string }[] };
    expect(st.units.map((u) => u.unit)).toEqual(['31135']);
    expect((await get('/api/v1/reporting/values?period=2026&units=31153')).json()).toMatchObject({
      statusCode: 403,
      error: 'out_of_scope',
      details: [{ field: '/units', reason: 'out_of_scope', message: "unit '31153' is outside your scope" }],
    });
  });
});

describe('the audit log', () => {
  it('records every change with its scope, and is queried by person, unit, action and period', async () => {
    const ninhKieuAlert = ((await get('/api/v1/alerts')).json() as { alerts: Alert[] }).alerts[0]!;
    await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${encodeURIComponent(ninhKieuAlert.id)}/ack`,
      headers: AS.operator,
      payload: { note: 'Đã nhận' },
      ...remote,
    });
    const [ack] = await records('action=alert.ack');
    expect(ack).toMatchObject({ actor: 'token:Vận hành Ninh Kiều', action: 'alert.ack', target: ninhKieuAlert.id, unit: '31135', ip: '10.30.0.16' });
    expect(ack!.at).toBe(T0 + MIN);
    expect((await records('unit=31135&action=alert.')).map((r) => r.action)).toEqual(['alert.ack']);
    expect(await records('actor=nobody')).toEqual([]);
    expect((await records('from=2026-11-22&to=2026-11-22')).length).toBeGreaterThan(3);
    expect(await records('from=2026-11-23')).toEqual([]);
    expect((await get('/api/v1/admin/audit?from=yesterday', AS.admin)).json()).toEqual({
      statusCode: 400,
      error: 'invalid_date',
      message: 'from must be a date YYYY-MM-DD or RFC 3339 with an offset',
      details: [{ field: '/from', reason: 'invalid_date', message: 'from must be a date YYYY-MM-DD or RFC 3339 with an offset' }],
    });
    // app.ioc.audit.record: the one entry point the other features use (imports, directives, thresholds…)
    await app.ioc.audit.record({
      actor: 'system',
      action: 'boundaries.import',
      target: 'can-tho-2025.geojson',
      unit: '92',
      details: { features: 103 },
      ip: null,
    });
    expect((await records('action=boundaries.import'))[0]).toMatchObject({
      actor: 'system',
      target: 'can-tho-2025.geojson',
      unit: '92',
      details: { features: 103 },
    });
  });

  it('exports as CSV and XLSX for administrators (and that export is audited too)', async () => {
    const csv = await get('/api/v1/admin/audit.csv?action=alert.ack', AS.admin);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csvLines(csv.body);
    expect(lines[0]).toBe('Số thứ tự;Thời điểm (+07:00);Người thực hiện;Vai trò;Hành động;Đối tượng;Đơn vị;Phạm vi;Địa chỉ;Chi tiết');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(';2026-11-22T07:01:00+07:00;token:Vận hành Ninh Kiều;operator;alert.ack;');
    const xlsx = await get('/api/v1/admin/audit.xlsx?action=alert.ack&lang=en', AS.admin);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(['Seq', 'Time (+07:00)', 'Actor', 'Role', 'Action', 'Target', 'Unit', 'Scope', 'Address', 'Details']);
    expect((sheet.getRow(3).values as unknown[])[5]).toBe('alert.ack');
    expect((await records('action=export')).map((r) => r.target).slice(0, 2)).toEqual(['nhat-ky.xlsx', 'nhat-ky.csv']);
    expect((await get('/api/v1/admin/audit.csv', AS.analyst)).statusCode).toBe(403);
  });
});
