import { describe, expect, it, vi } from 'vitest';
import { createApi, errorFromResponse, HttpError, isAuthError, retryAfterSeconds } from './http.ts';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  body: unknown;
}

/** A fake fetch that records each request and answers from `reply`. */
function fakeFetch(reply: (req: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const f = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      credentials: init?.credentials,
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
    };
    seen.push(req);
    return reply(req);
  });
  return { fetch: f as unknown as typeof fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('errorFromResponse', () => {
  it("surfaces the server's error code, message and details", () => {
    const e = errorFromResponse(
      'POST',
      '/api/v1/admin/users',
      409,
      { statusCode: 409, error: 'username_taken', message: "username 'dung' exists", details: { field: '/username' } },
      null,
    );
    expect(e).toBeInstanceOf(HttpError);
    expect([e.status, e.code, e.message, e.details]).toEqual([409, 'username_taken', "username 'dung' exists", { field: '/username' }]);
  });

  it('names the request when the body is not the server error shape', () => {
    const e = errorFromResponse('GET', '/api/v1/x', 502, undefined, null);
    expect([e.code, e.message]).toEqual([null, 'GET /api/v1/x → 502']);
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('42', 0)).toBe(42);
    expect(retryAfterSeconds('Thu, 01 Jan 1970 00:00:30 GMT', 10_000)).toBe(20);
    expect(retryAfterSeconds('Thu, 01 Jan 1970 00:00:05 GMT', 10_000)).toBe(0);
    expect(retryAfterSeconds(null, 0)).toBeNull();
    expect(retryAfterSeconds('soon', 0)).toBeNull();
  });
});

describe('the one fetch helper', () => {
  it('sends the session cookie (same origin), JSON, and no CSRF header on a GET', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, { ok: 1 }));
    const api = createApi({ fetch, baseUrl: () => '', bearer: () => null });
    api.setCsrfToken('csrf-1');
    expect(await api.getJson('/api/v1/catalogue')).toEqual({ ok: 1 });
    expect(seen[0]).toMatchObject({ url: '/api/v1/catalogue', method: 'GET', credentials: 'same-origin' });
    expect(seen[0]!.headers).toEqual({ accept: 'application/json' });
  });

  it('adds the CSRF token to POST, PATCH and DELETE once the session gave one, and the JSON body', async () => {
    const { fetch, seen } = fakeFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { done: r.method })));
    const api = createApi({ fetch, baseUrl: () => '', bearer: () => null });
    await api.send('POST', '/api/v1/alerts/a1/ack', { body: { note: 'Đã nhận' } });
    expect(seen[0]!.headers['x-csrf-token']).toBeUndefined(); // no session token yet
    api.setCsrfToken('tok-9');
    expect(await api.send('PATCH', '/api/v1/admin/users/u1', { body: { disabled: true } })).toEqual({ done: 'PATCH' });
    expect(await api.send('DELETE', '/api/v1/admin/devices/d1')).toBeUndefined();
    expect(seen[1]).toMatchObject({ method: 'PATCH', body: { disabled: true } });
    expect(seen[1]!.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': 'tok-9' });
    expect(seen[2]!.headers['x-csrf-token']).toBe('tok-9');
    api.setCsrfToken(null);
    await api.send('POST', '/api/v1/auth/logout');
    expect(seen[3]!.headers['x-csrf-token']).toBeUndefined();
  });

  it('uploads a file as read (the boundary import) with the session, its CSRF token and its content type, and hands back the report of a refusal', async () => {
    const report = { ok: false, problems: [{ code: 'ring_open', feature: 3 }] };
    const { fetch, seen } = fakeFetch((r) => (r.url.includes('dryRun') ? json(200, { ok: true }) : json(422, report)));
    const onUnauthorized = vi.fn();
    const api = createApi({ fetch, baseUrl: () => '', bearer: () => null, onUnauthorized });
    api.setCsrfToken('tok-7');
    const file = JSON.stringify({ type: 'FeatureCollection', features: [] });
    expect(await api.upload('POST', '/api/v1/admin/boundaries?dryRun=true', { body: file, contentType: 'application/geo+json' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(await api.upload('POST', '/api/v1/admin/boundaries', { body: file, contentType: 'application/geo+json' })).toEqual({ status: 422, body: report });
    expect(seen[1]).toMatchObject({ method: 'POST', credentials: 'same-origin', body: { type: 'FeatureCollection', features: [] } });
    expect(seen[1]!.headers).toEqual({ accept: 'application/json', 'content-type': 'application/geo+json', 'x-csrf-token': 'tok-7' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    const signedOut = createApi({
      fetch: fakeFetch(() => json(401, { statusCode: 401, error: 'unauthorized', message: 'sign in first' })).fetch,
      baseUrl: () => '',
      onUnauthorized,
    });
    expect(await signedOut.upload('POST', '/api/v1/admin/boundaries', { body: file, contentType: 'application/json' })).toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('sends credentials to an API on another origin, and the configured bearer token', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, {}));
    const api = createApi({ fetch, baseUrl: () => 'https://ioc.example', bearer: () => 'viewer-1' });
    await api.getJson('/api/v1/snapshot/92');
    expect(seen[0]).toMatchObject({ url: 'https://ioc.example/api/v1/snapshot/92', credentials: 'include' });
    expect(seen[0]!.headers.authorization).toBe('Bearer viewer-1');
  });

  it('goes to sign-in on a 401, unless the caller handles it', async () => {
    const { fetch } = fakeFetch(() => json(401, { statusCode: 401, error: 'unauthorized', message: 'sign in first' }));
    const onUnauthorized = vi.fn();
    const api = createApi({ fetch, baseUrl: () => '', bearer: () => null, onUnauthorized });
    await expect(api.getJson('/api/v1/dossiers/watchlist?area=916')).rejects.toMatchObject({ status: 401, code: 'unauthorized', message: 'sign in first' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(api.send('GET', '/api/v1/auth/me', { on401: 'throw' })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not go to sign-in on a 403: the page says it has no permission', async () => {
    const { fetch } = fakeFetch(() => json(403, { statusCode: 403, error: 'forbidden', message: "outside the scope: area '917'" }));
    const onUnauthorized = vi.fn();
    const api = createApi({ fetch, baseUrl: () => '', bearer: () => null, onUnauthorized });
    const err = await api.getJson('/api/v1/dossiers/watchlist?area=917').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 403, code: 'forbidden', message: "outside the scope: area '917'" });
    expect(isAuthError(err)).toBe(true);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reads Retry-After of a 429', async () => {
    const { fetch } = fakeFetch(() => json(429, { statusCode: 429, error: 'too_many_requests', message: 'slow down' }, { 'retry-after': '37' }));
    const api = createApi({ fetch, baseUrl: () => '', bearer: () => null });
    await expect(api.send('POST', '/api/v1/auth/login', { body: {}, on401: 'throw' })).rejects.toMatchObject({ status: 429, retryAfterSec: 37 });
  });

  it('turns a network failure into status 0 (unreachable), and keeps an abort an abort', async () => {
    const api = createApi({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
      baseUrl: () => '',
      bearer: () => null,
    });
    await expect(api.getJson('/api/v1/catalogue')).rejects.toMatchObject({ status: 0, code: 'unreachable' });
    const ctl = new AbortController();
    ctl.abort();
    const aborting = createApi({
      fetch: (async () => {
        throw new DOMException('aborted', 'AbortError');
      }) as unknown as typeof fetch,
      baseUrl: () => '',
      bearer: () => null,
    });
    await expect(aborting.getJson('/api/v1/catalogue', ctl.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a 200 that is not JSON (a proxy page), naming it', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const api = createApi({ fetch, baseUrl: () => '', bearer: () => null });
    await expect(api.getJson('/api/v1/catalogue')).rejects.toMatchObject({ code: 'not_json' });
  });
});
