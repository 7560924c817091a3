import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminUser, AuditRecord, DeviceCreated, SessionResponse } from '@cityioc/contracts';
import { AS, buildTestApp, T0 } from '../../../test/helpers/build-test-app.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
afterEach(async () => cleanup?.());
const start = async () => ({ app, cleanup } = await buildTestApp({}, { clock: () => T0 }));

const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers: AS.admin, payload });
const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const audit = async (action: string) => ((await admin('GET', `/api/v1/admin/audit?action=${action}`)).json() as { records: AuditRecord[] }).records;
const AN = { username: 'an.lv', name: 'Lê Văn An', role: 'analyst', scopes: { units: ['92'], agencies: [] }, password: 'phân tích số liệu 2026' };

describe('users, roles and scopes', () => {
  it('creates an account (argon2id, never shown), refuses a taken name, an unknown code, a short password; lists it', async () => {
    await start();
    const r = await admin('POST', '/api/v1/admin/users', AN);
    expect(r.statusCode).toBe(201);
    const user = r.json() as AdminUser;
    expect(user).toEqual({
      id: user.id,
      username: 'an.lv',
      name: 'Lê Văn An',
      role: 'analyst',
      scopes: { units: ['92'], agencies: [] },
      disabled: false,
      origin: 'local',
      createdAt: T0,
      updatedAt: T0,
      lastLoginAt: null,
    });
    expect((await app.ioc.store.accounts.user(user.id))?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await admin('POST', '/api/v1/admin/users', AN)).json()).toEqual({
      statusCode: 409,
      error: 'username_taken',
      message: "the username 'an.lv' is taken",
    });
    const bad = await admin('POST', '/api/v1/admin/users', { ...AN, username: 'x.y', scopes: { units: ['31135', '999'], agencies: ['000.00.99.H99'] } });
    expect(bad.json()).toEqual({
      statusCode: 400,
      error: 'invalid_scope',
      message: "unit '999' is not an area or reporting unit of the catalogue; agency '000.00.99.H99' is not in the agency catalogue",
      details: [
        { field: '/scopes/units/1', reason: 'unknown_unit', message: "unit '999' is not an area or reporting unit of the catalogue" },
        { field: '/scopes/agencies/0', reason: 'unknown_agency', message: "agency '000.00.99.H99' is not in the agency catalogue" },
      ],
    });
    expect(
      (await admin('POST', '/api/v1/admin/users', { ...AN, username: 'x.z', role: 'operator', scopes: { units: [], agencies: [] } })).json(),
    ).toMatchObject({
      error: 'invalid_scope',
      message: 'an operator needs at least one unit or agency',
    });
    expect((await admin('POST', '/api/v1/admin/users', { ...AN, username: 'ngan', password: 'ngắn' })).json()).toMatchObject({
      statusCode: 400,
      error: 'invalid_request',
    });
    expect((await admin('POST', '/api/v1/admin/users', { ...AN, username: '<script>' })).statusCode).toBe(400);
    expect(((await admin('GET', '/api/v1/admin/users')).json() as { users: AdminUser[] }).users.map((u) => u.username)).toEqual(['an.lv']);
    expect((await audit('user.create')).map((a) => [a.actor, a.target, a.details])).toEqual([
      ['token:Quản trị thử', 'an.lv', { role: 'analyst', scopes: { units: ['92'], agencies: [] } }],
    ]);
  });

  it('refuses a scope or a grant naming a unit no longer in force (an old district) with 422 naming the units that took it over', async () => {
    await start();
    const NINH_KIEU_916 =
      "unit '916' (quận Ninh Kiều) ended on 2025-07-01: name the units of today that took it over: " +
      '31120 (phường Cái Khế), 31135 (phường Ninh Kiều), 31147 (phường Tân An), 31150 (phường An Bình)';
    const O_MON_917 =
      "unit '917' (quận Ô Môn) ended on 2025-07-01: name the units of today that took it over: 31153 (phường Ô Môn), 31157 (phường Thới Long), 31162 (phường Phước Thới)";
    const r = await admin('POST', '/api/v1/admin/users', {
      ...AN,
      username: 'cu.quan',
      role: 'operator',
      scopes: { units: ['31135', '916', '917'], agencies: [] },
    });
    expect(r.json()).toEqual({
      statusCode: 422,
      error: 'invalid_scope',
      message: `${NINH_KIEU_916}; ${O_MON_917}`,
      details: [
        { field: '/scopes/units/1', reason: 'unit_not_in_force', message: NINH_KIEU_916 },
        { field: '/scopes/units/2', reason: 'unit_not_in_force', message: O_MON_917 },
      ],
    });
    // the same for a change of scope, a wall screen and a feed source's grant; today's units and the city pass
    const id = ((await admin('POST', '/api/v1/admin/users', AN)).json() as AdminUser).id;
    expect((await admin('PATCH', `/api/v1/admin/users/${id}`, { scopes: { units: ['916'], agencies: [] } })).json()).toMatchObject({
      statusCode: 422,
      details: [{ field: '/scopes/units/0', reason: 'unit_not_in_force' }],
    });
    expect((await admin('POST', '/api/v1/admin/devices', { name: 'Màn hình cũ', scopes: { units: ['916'], agencies: [] } })).json()).toMatchObject({
      statusCode: 422,
      error: 'invalid_scope',
    });
    const grant = { endpoints: ['observations'], stations: null, units: ['916'], agencies: null };
    expect((await admin('POST', '/api/v1/admin/feed-sources', { id: 'tram-cu', name: 'Trạm cũ', grant })).json()).toEqual({
      statusCode: 422,
      error: 'invalid_grant',
      message: NINH_KIEU_916,
      details: [{ field: '/grant/units/0', reason: 'unit_not_in_force', message: NINH_KIEU_916 }],
    });
    expect((await admin('PATCH', `/api/v1/admin/users/${id}`, { scopes: { units: ['31135', '92'], agencies: [] } })).statusCode).toBe(200);
    expect(((await admin('GET', '/api/v1/admin/users')).json() as { users: AdminUser[] }).users.map((u) => [u.username, u.scopes.units])).toEqual([
      ['an.lv', ['31135', '92']],
    ]);
  });

  it('a password reset, a new role or a disabled account ends the sessions opened before; delete removes the account', async () => {
    await start();
    const id = ((await admin('POST', '/api/v1/admin/users', AN)).json() as AdminUser).id;
    const session = await login('an.lv', AN.password);
    const cookies = { ioc_session: session.cookies.find((c) => c.name === 'ioc_session')!.value };
    expect((await app.inject({ url: '/api/v1/auth/me', cookies })).statusCode).toBe(200);
    const reset = await admin('PATCH', `/api/v1/admin/users/${id}`, { password: 'mật khẩu mới dài hơn 2026' });
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', cookies })).statusCode).toBe(401);
    expect((await login('an.lv', AN.password)).statusCode).toBe(401);
    const fresh = await login('an.lv', 'mật khẩu mới dài hơn 2026');
    expect((fresh.json() as SessionResponse).user.role).toBe('analyst');
    // the audit says a reset happened, never the password
    const [upd] = await audit('user.update');
    expect(upd!.details).toEqual({ passwordReset: true });
    expect(JSON.stringify(await audit('user.'))).not.toContain('mật khẩu mới');
    const patched = await admin('PATCH', `/api/v1/admin/users/${id}`, { role: 'operator', scopes: { units: ['31153'], agencies: [] } });
    expect(patched.json()).toMatchObject({ role: 'operator', scopes: { units: ['31153'], agencies: [] }, updatedAt: T0 });
    const freshCookies = { ioc_session: fresh.cookies.find((c) => c.name === 'ioc_session')!.value };
    expect((await app.inject({ url: '/api/v1/auth/me', cookies: freshCookies })).statusCode).toBe(401);
    expect((await admin('PATCH', `/api/v1/admin/users/${id}`, {})).statusCode).toBe(400);
    expect((await admin('PATCH', '/api/v1/admin/users/nobody', { name: 'x' })).statusCode).toBe(404);
    expect((await admin('DELETE', `/api/v1/admin/users/${id}`)).statusCode).toBe(204);
    expect((await admin('DELETE', `/api/v1/admin/users/${id}`)).statusCode).toBe(404);
    expect((await login('an.lv', 'mật khẩu mới dài hơn 2026')).statusCode).toBe(401);
    expect((await audit('user.delete')).map((a) => a.target)).toEqual(['an.lv']);
  });

  it('an administrator cannot disable, demote or delete their own account', async () => {
    await start();
    const me = ((await admin('POST', '/api/v1/admin/users', { ...AN, username: 'quan.tri', role: 'admin' })).json() as AdminUser).id;
    const s = await login('quan.tri', AN.password);
    const { csrfToken } = s.json() as SessionResponse;
    const cookies = { ioc_session: s.cookies.find((c) => c.name === 'ioc_session')!.value };
    const self = (method: 'PATCH' | 'DELETE', payload?: object) =>
      app.inject({ method, url: `/api/v1/admin/users/${me}`, cookies, headers: { 'x-csrf-token': csrfToken }, payload });
    expect((await self('PATCH', { disabled: true })).json()).toMatchObject({ statusCode: 409, error: 'own_account' });
    expect((await self('PATCH', { role: 'leader' })).json()).toMatchObject({ statusCode: 409, error: 'own_account' });
    expect((await self('DELETE')).json()).toMatchObject({ statusCode: 409, error: 'own_account' });
    expect((await self('PATCH', { name: 'Quản trị viên' })).statusCode).toBe(200);
  });
});

describe('wall devices and kiosk links', () => {
  it('the link is shown once; opening it signs the wall in within its scope; revoking ends it', async () => {
    await start();
    const r = await admin('POST', '/api/v1/admin/devices', { name: 'Màn hình Ninh Kiều', scopes: { units: ['31135'], agencies: [] } });
    expect(r.statusCode).toBe(201);
    const { device, link } = r.json() as DeviceCreated;
    expect(link).toMatch(/^\/kiosk\/[A-Za-z0-9_-]{43}$/);
    const listed = await admin('GET', '/api/v1/admin/devices');
    expect(listed.json()).toEqual({ devices: [{ ...device, lastSeenAt: null }] });
    expect(listed.body).not.toContain(link.slice(7));

    const open = await app.inject({ url: link, remoteAddress: '10.20.0.1' });
    expect(open.statusCode).toBe(302);
    expect(open.headers.location).toBe('/');
    const c = open.cookies.find((x) => x.name === 'ioc_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 400 * 86_400 });
    const cookies = { ioc_session: c.value };
    expect((await app.inject({ url: '/api/v1/auth/me', cookies })).json()).toMatchObject({
      user: { id: device.id, name: 'Màn hình Ninh Kiều', role: 'leader', kind: 'device', scopes: { units: ['31135'], agencies: [] } },
    });
    expect((await app.inject({ url: '/api/v1/snapshot/31135', cookies })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/snapshot/92', cookies })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/dossiers/indicators.csv?period=2026-11', cookies })).statusCode).toBe(403); // a wall does not export

    expect((await admin('DELETE', `/api/v1/admin/devices/${device.id}`)).statusCode).toBe(204);
    expect((await admin('DELETE', `/api/v1/admin/devices/${device.id}`)).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/snapshot/31135', cookies })).statusCode).toBe(401);
    const again = await app.inject({ url: link, remoteAddress: '10.20.0.2' });
    expect(again.json()).toEqual({ statusCode: 401, error: 'invalid_kiosk_link', message: 'this kiosk link is not valid or was revoked' });
    const page = await app.inject({ url: link, remoteAddress: '10.20.0.2', headers: { accept: 'text/html' } });
    expect([page.statusCode, page.headers['content-type']]).toEqual([401, 'text/html; charset=utf-8']);
    expect(page.body).toContain('Liên kết màn hình không hợp lệ hoặc đã bị thu hồi');
    expect((await audit('device.')).map((a) => a.action)).toEqual(['device.revoke', 'device.create']);
    expect((await audit('auth.kiosk')).map((a) => [a.actor, a.ip])).toEqual([[`device:${device.id}`, '10.20.0.1']]);
  });

  it('guessing kiosk links is limited like any failed authentication', async () => {
    await start();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await app.inject({ url: `/kiosk/guess-${i}`, remoteAddress: '10.21.0.1' })).statusCode);
    expect(codes).toEqual([...Array(20).fill(401), 429]);
  });
});
