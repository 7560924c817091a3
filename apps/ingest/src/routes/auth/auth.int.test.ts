import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord, SessionResponse } from '@cityioc/contracts';
import { AS, buildTestApp, T0 } from '../../../test/helpers/build-test-app.ts';
import { tokenHash } from '../../access/secrets.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let now = T0;
afterEach(async () => cleanup?.());

const DUNG = { username: 'dung.nt', name: 'Nguyễn Thị Dung', role: 'operator', scopes: { units: ['31135'], agencies: [] }, password: 'mật khẩu đủ dài 2026' };

async function start(overrides = {}) {
  now = T0;
  ({ app, cleanup } = await buildTestApp(overrides, { clock: () => now }));
  expect((await app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: AS.admin, payload: DUNG })).statusCode).toBe(201);
}
const login = (username: string, password: string, remoteAddress = '10.0.0.7', headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress, headers });
const cookieOf = (r: LightMyRequestResponse) => r.cookies.find((c) => c.name === 'ioc_session')!;
const audit = async (action: string) =>
  ((await app.inject({ url: `/api/v1/admin/audit?action=${action}`, headers: AS.admin })).json() as { records: AuditRecord[] }).records;

describe('signing in with a local account', () => {
  it('answers the user and a CSRF token, and sets an HttpOnly SameSite=Lax session cookie on /', async () => {
    await start();
    const r = await login('Dung.NT', DUNG.password);
    expect(r.statusCode).toBe(200);
    const body = r.json() as SessionResponse;
    expect(body.user).toEqual({ id: expect.any(String), name: 'Nguyễn Thị Dung', role: 'operator', scopes: { units: ['31135'], agencies: [] }, kind: 'user' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const c = cookieOf(r);
    expect(c).toMatchObject({ name: 'ioc_session', httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    expect(c.secure).toBeUndefined(); // plain http, no trusted proxy, IOC_COOKIE_SECURE unset
    const me = await app.inject({ url: '/api/v1/auth/me', cookies: { ioc_session: c.value } });
    expect(me.json()).toEqual(body);
    // the store keeps the token's hash, never the token
    const store = app.ioc.store.accounts;
    expect(await store.session(c.value)).toBeNull();
    expect(await store.session(tokenHash(c.value))).toMatchObject({ kind: 'user', subjectId: body.user.id, csrfToken: body.csrfToken, ip: '10.0.0.7' });
    await app.ioc.access.sessions.endAllOf('user', body.user.id);
    expect((await app.inject({ url: '/api/v1/auth/me', cookies: { ioc_session: c.value } })).statusCode).toBe(401);
    // sign-ins are audited, successful and failed, with the address
    await login('dung.nt', 'sai mật khẩu rồi');
    expect((await audit('auth.login')).map((a) => [a.actor, a.actorRole, a.ip, a.details])).toEqual([
      ['dung.nt', 'operator', '10.0.0.7', { method: 'password' }],
    ]);
    expect((await audit('auth.login_failed')).map((a) => [a.actor, a.ip])).toEqual([['dung.nt', '10.0.0.7']]);
  });

  it('a wrong username and a wrong password get the same answer, after the same work', async () => {
    await start();
    const unknown = await login('khong.co.ai', DUNG.password, '10.0.1.1');
    const wrong = await login('dung.nt', 'không phải mật khẩu', '10.0.1.2');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ statusCode: 401, error: 'invalid_credentials', message: 'the username or the password is wrong' });
    expect(wrong.json()).toEqual(unknown.json());
    expect(unknown.cookies).toEqual([]);
    // both verify an argon2id hash (a missing account against a fixed one): median times within a factor of three
    const median = async (username: string) => {
      const t: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await login(username, 'không phải mật khẩu', `10.0.2.${i}`);
        t.push(performance.now() - t0);
      }
      return t.sort((a, b) => a - b)[2]!;
    };
    const [a, b] = [await median('khong.co.ai.2'), await median('dung.nt')];
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(3);
  });

  it('a login flood gets 429 before any password is checked, the same for an account that exists and one that does not', async () => {
    await start();
    const flood = async (username: string, ip: string) => {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await login(username, `đoán mò số ${i}`, ip)).statusCode);
      return codes;
    };
    // one username: 10 failures, then 429 — even with the right password
    const exists = await flood('dung.nt', '10.1.0.1');
    const missing = await flood('ai.do', '10.1.0.2');
    expect(exists).toEqual(missing);
    expect(exists.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(exists.at(-1)).toBe(429);
    const blocked = await login('dung.nt', DUNG.password, '10.1.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ statusCode: 429, error: 'too_many_failures' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // one address, many usernames: 20 failures a minute, then 429 for any of them
    const spray: number[] = [];
    for (let i = 0; i < 21; i++) spray.push((await login(`ten.${i}`, 'đoán mò', '10.1.0.3')).statusCode);
    expect(spray).toEqual([...Array(20).fill(401), 429]);
    expect((await login('dung.nt', DUNG.password, '10.1.0.4')).statusCode).toBe(429); // the username is still locked
  });

  it('locks a username after 10 failures from any addresses, and a success resets the count', async () => {
    await start();
    for (let i = 0; i < 9; i++) expect((await login('dung.nt', `sai ${i}`, `10.2.0.${i}`)).statusCode).toBe(401);
    expect((await login('dung.nt', DUNG.password, '10.2.1.1')).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login('dung.nt', `sai lần hai ${i}`, `10.2.2.${i}`)).statusCode).toBe(401);
    // the 11th try from a fresh address, with the right password: locked
    expect((await login('dung.nt', DUNG.password, '10.2.3.1')).statusCode).toBe(429);
    // the same count for a name that is no account: a lock reveals nothing
    for (let i = 0; i < 10; i++) expect((await login('khong.ton.tai', `sai ${i}`, `10.2.4.${i}`)).statusCode).toBe(401);
    expect((await login('khong.ton.tai', 'bất kỳ', '10.2.5.1')).statusCode).toBe(429);
    expect((await audit('auth.login_blocked')).length).toBe(2);
  });

  it('a disabled account cannot sign in, and the sessions it had end', async () => {
    await start();
    const r = await login('dung.nt', DUNG.password);
    const id = (r.json() as SessionResponse).user.id;
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${id}`, headers: AS.admin, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', cookies: { ioc_session: cookieOf(r).value } })).statusCode).toBe(401);
    expect((await login('dung.nt', DUNG.password, '10.3.0.1')).statusCode).toBe(401);
  });
});

describe('cookie sessions', () => {
  it('a tampered or unknown cookie gets 401 and is cleared; no credential at all is 401 too', async () => {
    await start();
    const c = cookieOf(await login('dung.nt', DUNG.password));
    const tampered = `${c.value.slice(0, -1)}${c.value.endsWith('A') ? 'B' : 'A'}`;
    const r = await app.inject({ url: '/api/v1/alerts', cookies: { ioc_session: tampered } });
    expect(r.json()).toEqual({ statusCode: 401, error: 'unauthorized', message: 'the session is not valid: sign in again' });
    expect(r.cookies.find((x) => x.name === 'ioc_session')).toMatchObject({ value: '' });
    expect((await app.inject({ url: '/api/v1/alerts', cookies: { ioc_session: 'x'.repeat(5000) } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/alerts', headers: { cookie: 'ioc_session=%E0%A4%A' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/alerts', cookies: { ioc_session: c.value } })).statusCode).toBe(200);
  });

  it('a POST with the cookie but without x-csrf-token is 403 csrf; with it, it passes; a bearer token needs none', async () => {
    await start();
    const r = await login('dung.nt', DUNG.password);
    const { csrfToken } = r.json() as SessionResponse;
    const cookies = { ioc_session: cookieOf(r).value };
    const note = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/v1/alerts/nope/notes', cookies, headers, payload: { note: 'Kiểm tra CSRF' } });
    expect((await note({})).json()).toEqual({
      statusCode: 403,
      error: 'csrf',
      message: 'a signed-in browser sends the x-csrf-token header (from /api/v1/auth/me) with this request',
    });
    expect((await note({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await note({ 'x-csrf-token': csrfToken })).statusCode).toBe(404); // through to the handler: no such alert
    expect((await app.inject({ method: 'POST', url: '/api/v1/alerts/nope/notes', headers: AS.operator, payload: { note: 'x' } })).statusCode).toBe(404);
    // logout needs it too, then removes the session from the store
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies })).statusCode).toBe(403);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies, headers: { 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((x) => x.name === 'ioc_session')).toMatchObject({ value: '' });
    expect((await app.inject({ url: '/api/v1/auth/me', cookies })).statusCode).toBe(401);
    expect((await audit('auth.logout')).map((a) => a.actor)).toEqual(['dung.nt']);
  });

  it('ends a session idle for IOC_SESSION_IDLE_MINUTES, and every session at IOC_SESSION_MAX_HOURS', async () => {
    await start();
    const cookies = { ioc_session: cookieOf(await login('dung.nt', DUNG.password)).value };
    const me = () => app.inject({ url: '/api/v1/auth/me', cookies });
    // active every 100 minutes: never idle for 120, but the absolute end comes after 12 hours
    for (let h = 1; h <= 7; h++) {
      now = T0 + h * 100 * 60_000;
      expect([h, (await me()).statusCode]).toEqual([h, 200]);
    }
    now = T0 + 12 * 3600_000;
    expect((await me()).json()).toEqual({ statusCode: 401, error: 'session_expired', message: 'the session has expired: sign in again' });
    const again = { ioc_session: cookieOf(await login('dung.nt', DUNG.password, '10.4.0.1')).value };
    now += 121 * 60_000;
    expect((await app.inject({ url: '/api/v1/auth/me', cookies: again })).json()).toMatchObject({ error: 'session_expired' });
  });

  it('marks the cookie Secure behind a trusted TLS proxy, or always with IOC_COOKIE_SECURE', async () => {
    await start({ access: { ...(await defaults()).access, trustedProxies: ['10.9.0.1'] } });
    const viaProxy = await login('dung.nt', DUNG.password, '10.9.0.1', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.5' });
    expect(cookieOf(viaProxy).secure).toBe(true);
    // the client's address is the forwarded one (the proxy is trusted): it is what the audit keeps
    expect((await audit('auth.login')).map((a) => a.ip)).toEqual(['203.0.113.5']);
    const spoofed = await login('dung.nt', DUNG.password, '10.9.0.2', { 'x-forwarded-proto': 'https' });
    expect(cookieOf(spoofed).secure).toBeUndefined();
    await cleanup();
    await start({ access: { ...(await defaults()).access, cookieSecure: true } });
    expect(cookieOf(await login('dung.nt', DUNG.password)).secure).toBe(true);
  });
});

/** The default configuration, to change one access setting. */
async function defaults() {
  const { loadConfig } = await import('../../env.ts');
  return loadConfig({ IOC_DEMO: 'false' });
}
