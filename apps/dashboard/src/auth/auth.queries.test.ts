import { describe, expect, it } from 'vitest';
import { createApi, HttpError, type Api } from '../queries/http.ts';
import { fetchAuthConfig, fetchSession, sessionUser, signIn, signOut } from './auth.queries.ts';
import { requestErrorText, signInErrorText } from './error-text.ts';
import type { SessionUser } from './session.ts';

const DUNG: SessionUser = { id: 'u1', name: 'Nguyễn Thị Dung', role: 'operator', scopes: { units: ['916'], agencies: [] }, kind: 'user' };

/**
 * A test-only fake of the access server's auth routes (the API of issue 11), behind a fake fetch:
 * one account, a cookie jar of one session, CSRF on unsafe methods, and a lock-out after 3
 * failed sign-ins (429 + Retry-After).
 */
function fakeAuthServer(opts: { accounts?: boolean } = {}) {
  let session: string | null = null;
  let failures = 0;
  const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (opts.accounts === false) return reply(404, { statusCode: 404, error: 'not_found', message: `${method} ${url} not found` });
    if (url === '/api/v1/auth/config') return reply(200, { local: true, oidc: { enabled: true, label: 'VNeID Cần Thơ' }, demo: true });
    if (url === '/api/v1/auth/me')
      return session ? reply(200, { user: DUNG, csrfToken: `csrf-${session}` }) : reply(401, { statusCode: 401, error: 'unauthorized', message: 'no session' });
    if (url === '/api/v1/auth/login' && method === 'POST') {
      if (failures >= 3) return reply(429, { statusCode: 429, error: 'too_many_requests', message: 'wait' }, { 'retry-after': '45' });
      const { username, password } = JSON.parse(String(init?.body)) as { username: string; password: string };
      if (username !== 'dung.nk' || password !== 'mật khẩu đủ dài 1') {
        failures++;
        return reply(401, { statusCode: 401, error: 'invalid_credentials', message: 'wrong username or password' });
      }
      session = 's1';
      return reply(200, { user: DUNG, csrfToken: 'csrf-s1' });
    }
    if (url === '/api/v1/auth/logout' && method === 'POST') {
      if (!session) return reply(401, { statusCode: 401, error: 'unauthorized', message: 'no session' });
      if (headers['x-csrf-token'] !== `csrf-${session}`) return reply(403, { statusCode: 403, error: 'csrf', message: 'missing or wrong x-csrf-token' });
      session = null;
      return reply(204);
    }
    return reply(404, { statusCode: 404, error: 'not_found', message: 'not found' });
  }) as typeof globalThis.fetch;
  const api: Api = createApi({ fetch, baseUrl: () => '', bearer: () => null });
  return { api, endSession: () => (session = null) };
}

describe('signing in against the access API', () => {
  it('reads the sign-in options, and says "no accounts" for a server without them', async () => {
    expect(await fetchAuthConfig(fakeAuthServer().api)).toEqual({ local: true, oidc: { enabled: true, label: 'VNeID Cần Thơ' }, demo: true });
    expect(await fetchAuthConfig(fakeAuthServer({ accounts: false }).api)).toBeNull();
  });

  it('knows signed out (401), open (no auth routes: 404) and signed in', async () => {
    const { api } = fakeAuthServer();
    expect(await fetchSession(api)).toEqual({ status: 'signedOut' });
    expect(await fetchSession(fakeAuthServer({ accounts: false }).api)).toEqual({ status: 'open' });
    await signIn('dung.nk', 'mật khẩu đủ dài 1', api);
    const s = await fetchSession(api);
    expect(s).toEqual({ status: 'signedIn', user: DUNG });
    expect(sessionUser(s)).toEqual(DUNG);
  });

  it('signs out with the CSRF token of the session (the fake refuses without it)', async () => {
    const { api } = fakeAuthServer();
    await signIn('dung.nk', 'mật khẩu đủ dài 1', api);
    api.setCsrfToken('forged');
    const refused = await signOut(api).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, code: 'csrf' });
    expect(requestErrorText(refused)).toEqual({ key: 'auth.error.csrf' });
    // /auth/me gives the token back (a reload, another tab)
    expect((await fetchSession(api)).status).toBe('signedIn');
    await signOut(api);
    expect(await fetchSession(api)).toEqual({ status: 'signedOut' });
  });

  it('treats signing out of an ended session as done', async () => {
    const server = fakeAuthServer();
    await signIn('dung.nk', 'mật khẩu đủ dài 1', server.api);
    server.endSession();
    await expect(signOut(server.api)).resolves.toBeUndefined();
  });

  it('says precisely why a sign-in failed: wrong credentials, then too many attempts with the wait', async () => {
    const { api } = fakeAuthServer();
    for (let i = 0; i < 3; i++) {
      const e = await signIn('dung.nk', 'sai', api).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(HttpError);
      expect(signInErrorText(e)).toEqual({ key: 'auth.error.credentials' });
    }
    const flooded = await signIn('dung.nk', 'mật khẩu đủ dài 1', api).catch((x: unknown) => x);
    expect(signInErrorText(flooded)).toEqual({ key: 'auth.error.tooMany', params: { seconds: 45 } });
  });
});

describe('error texts', () => {
  it('maps each failure to its Vietnamese message key', () => {
    expect(signInErrorText(new HttpError(0, '/api/v1/auth/login', 'Failed to fetch', 'unreachable'))).toEqual({ key: 'auth.error.unreachable' });
    expect(signInErrorText(new HttpError(429, '/x', 'wait'))).toEqual({ key: 'auth.error.tooManyLater' });
    expect(signInErrorText(new HttpError(503, '/x', 'down'))).toEqual({ key: 'auth.error.server', params: { status: 503 } });
    expect(signInErrorText(new HttpError(404, '/x', 'no route'))).toEqual({ key: 'auth.error.noAccounts' });
    expect(requestErrorText(new HttpError(403, '/x', "outside the scope: area '917'", 'forbidden'))).toEqual({ key: 'auth.forbidden' });
    expect(requestErrorText(new HttpError(400, '/x', 'deadline: must be ≥ 1', 'invalid_body'))).toEqual({
      key: 'auth.error.other',
      params: { message: 'deadline: must be ≥ 1' },
    });
    expect(requestErrorText(new HttpError(429, '/x', 'slow', null, 12))).toEqual({ key: 'auth.error.slowDown', params: { seconds: 12 } });
    expect(requestErrorText(new HttpError(0, '/x', 'net', 'unreachable'))).toEqual({ key: 'auth.error.unreachable' });
  });
});
