import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS, buildTestApp, TEST_KEY, TEST_TOKENS, wl } from '../../test/helpers/build-test-app.ts';
import { loadConfig } from '../env.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { AccessService } from '../access/access.service.ts';
import { AuditService } from '../access/audit.service.ts';
import { CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { accessPlugin } from './access.ts';
import { errorsPlugin } from './errors.ts';

const VIEWER = 'viewer-token-0123456789';
let app: FastifyInstance;
let cleanup: () => Promise<void>;
let dashboard: string;

beforeAll(async () => {
  dashboard = mkdtempSync(join(tmpdir(), 'ioc-dash-'));
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>IOC</title>');
  ({ app, cleanup } = await buildTestApp(
    { dashboardDir: dashboard, benchRoutes: true, viewerToken: VIEWER, readRateLimitPerMinute: 3 },
    // the NGSI notification routes are always on; MQTT is off without a broker
    { env: {} },
  ));
});
afterAll(async () => {
  await cleanup();
  rmSync(dashboard, { recursive: true, force: true });
});

describe('access declarations', () => {
  it('every registered route declares who may call it (deny by default)', () => {
    const routes = app.routeAccess();
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const kind = (method: string, url: string) => routes.find((r) => r.method === method && r.url === url)?.access?.kind;
    expect(kind('GET', '/healthz')).toBe('public');
    expect(kind('HEAD,GET', '/*')).toBe('public'); // the dashboard's files
    expect(kind('POST', '/api/v1/auth/login')).toBe('public');
    expect(kind('GET', '/api/v1/auth/me')).toBe('signedIn');
    expect(kind('POST', '/api/v1/observations')).toBe('feed');
    expect(kind('POST', '/api/v1/ngsi-ld/notify')).toBe('feed');
    expect(kind('GET', '/api/v1/snapshot/:scope')).toBe('read');
    expect(kind('GET', '/api/v1/analyst/series.csv')).toBe('export');
    expect(kind('POST', '/api/v1/alerts/:id/ack')).toBe('operator');
    expect(kind('GET', '/api/v1/admin/users')).toBe('admin');
    // a third-party plugin's routes too (Swagger UI: public, as /openapi.json), both forms of its prefixed '/'
    expect(['/api/docs', '/api/docs/', '/api/docs/json', '/api/docs/static/*'].map((u) => [u, kind(u.endsWith('*') ? 'HEAD,GET' : 'GET', u)])).toEqual([
      ['/api/docs', 'public'],
      ['/api/docs/', 'public'],
      ['/api/docs/json', 'public'],
      ['/api/docs/static/*', 'public'],
    ]);
    // and nothing it lists is a route the router does not hold
    const methods = (m: string) => m.split(',') as ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[];
    expect(
      routes.flatMap((r) =>
        methods(r.method)
          .filter((m) => !app.hasRoute({ method: m, url: r.url }))
          .map((m) => `${m} ${r.url}`),
      ),
    ).toEqual([]);
  });

  it('refuses a route that declares nothing with 403', async () => {
    const config = loadConfig({ IOC_DEMO: 'false' });
    const store = openSqliteStore({ file: ':memory:' });
    const bare = Fastify();
    const index = indexCatalogue(CAN_THO_CATALOGUE);
    const access = new AccessService(config, index, store.accounts, new AuditService(store.auditLog, Date.now, () => {}), Date.now, {
      unit: () => true,
      agency: () => true,
    });
    bare.decorate('ioc', { clock: Date.now } as FastifyInstance['ioc']);
    await bare.register(errorsPlugin);
    await bare.register(accessPlugin, { access, metricsToken: null, feedPerMinute: 10, readPerMinute: 10 });
    bare.get('/forgotten', async () => 'secret');
    // a plugin's '/' under a prefix answers '/plugin' and '/plugin/' from one registration: the walk lists both
    await bare.register(async (p) => p.get('/', async () => 'secret'), { prefix: '/plugin' });
    const r = await bare.inject({ url: '/forgotten' });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toEqual({ statusCode: 403, error: 'access_undeclared', message: 'GET /forgotten declares no access and is refused' });
    expect(bare.routeAccess().filter((x) => x.method === 'GET')).toEqual([
      { method: 'GET', url: '/forgotten', access: undefined },
      { method: 'GET', url: '/plugin', access: undefined },
      { method: 'GET', url: '/plugin/', access: undefined },
    ]);
    for (const url of ['/plugin', '/plugin/']) expect((await bare.inject({ url })).json()).toMatchObject({ statusCode: 403, error: 'access_undeclared' });
    await bare.close();
    await store.close();
  });
});

describe('each kind of access', () => {
  it('public open; feed by API key; reads, exports, actions and administration by role', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/' })).statusCode).toBe(200);
    const noKey = await app.inject({ method: 'POST', url: '/api/v1/observations', payload: wl('a1', 1) });
    expect(noKey.json()).toEqual({ statusCode: 401, error: 'unauthorized', message: 'send the API key in the x-api-key header' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/observations', headers: { 'x-api-key': TEST_KEY }, payload: wl('a1', 1) })).statusCode).toBe(200);
    // nothing is readable without a credential
    expect((await app.inject({ url: '/api/v1/catalogue', remoteAddress: '10.1.1.1' })).json()).toEqual({
      statusCode: 401,
      error: 'unauthorized',
      message: 'sign in (session cookie) or send a bearer token (Authorization: Bearer)',
    });
    // IOC_VIEWER_TOKEN keeps working as a leader of the whole city (bearer, or ?access_token= on reads)
    expect((await app.inject({ url: `/api/v1/catalogue?access_token=${VIEWER}`, remoteAddress: '10.1.1.2' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/feeds/health', headers: { authorization: `Bearer ${VIEWER}` }, remoteAddress: '10.1.1.2' })).statusCode).toBe(200);
    const viewerActs = await app.inject({ method: 'POST', url: '/api/v1/alerts/x/ack', headers: { authorization: `Bearer ${VIEWER}` }, payload: {} });
    expect(viewerActs.json()).toEqual({ statusCode: 403, error: 'forbidden', message: 'POST /api/v1/alerts/:id/ack is for operator, admin; you are leader' });
    // a leader may not export; an analyst may not act; an operator may not administer
    expect((await app.inject({ url: '/api/v1/dossiers/indicators.csv?period=2026-10', headers: AS.leader })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/alerts/x/notes', headers: AS.analyst, payload: { note: 'x' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/admin/users', headers: AS.operator })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/admin/users', headers: AS.admin })).statusCode).toBe(200);
    // the older x-operator-token header is a bearer credential too
    expect((await app.inject({ url: '/api/v1/alerts/me', headers: { 'x-operator-token': TEST_TOKENS.operator } })).json()).toEqual({
      name: 'Vận hành Ninh Kiều',
      unit: 'UBND phường Ninh Kiều',
      scopes: ['31135'],
      role: 'operator',
    });
    // a bench ceiling route is public and bare
    expect((await app.inject({ method: 'POST', url: '/api/v1/_bench/bare', payload: {} })).json()).toEqual({ ok: true });
  });

  it('applies the read limit per address and per route, after the credential check', async () => {
    const get = (url: string, remoteAddress = '10.9.9.9') => app.inject({ url, headers: AS.leader, remoteAddress });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await get('/api/v1/geo/areas')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect((await get('/api/v1/geo/areas')).json()).toMatchObject({ statusCode: 429, error: 'rate_limited' });
    expect((await get('/api/v1/reporting/catalogue')).statusCode).toBe(200); // another route has its own budget
    expect((await get('/api/v1/geo/areas', '10.9.9.10')).statusCode).toBe(200);
  });

  it('X-Forwarded-For is ignored without IOC_TRUSTED_PROXIES: a new header per request does not get around the limit', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await app.inject({ url: '/api/v1/catalogue', headers: { ...AS.leader, 'x-forwarded-for': `203.0.113.${i}` }, remoteAddress: '10.8.8.8' })).statusCode,
      );
    expect(codes).toEqual([200, 200, 200, 429]);
  });
});

describe('failed authentication is limited before the credential is checked', () => {
  it('after 20 wrong tokens from one address a right one gets 429 too; another address is not affected', async () => {
    const read = (ip: string, token: string) => app.inject({ url: '/api/v1/procedures', remoteAddress: ip, headers: { authorization: `Bearer ${token}` } });
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await read('10.7.7.7', `wrong-token-${i}-0123456789`)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    const blocked = await read('10.7.7.7', TEST_TOKENS.leader);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: 'too_many_failures' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await read('10.7.7.8', TEST_TOKENS.leader)).statusCode).toBe(200);
  });

  it('wrong feed keys count too, per address', async () => {
    const post = (key: string) =>
      app.inject({ method: 'POST', url: '/api/v1/observations', remoteAddress: '10.6.6.6', headers: { 'x-api-key': key }, payload: wl(`k-${key}`, 1) });
    for (let i = 0; i < 20; i++) expect((await post(`not-a-key-${i}-0123456789`)).statusCode).toBe(401);
    expect((await post(TEST_KEY)).statusCode).toBe(429);
  });
});

describe('hardening', () => {
  it('only the dashboard pages fall back to the page; unknown paths beside /metrics, /openapi.json and /api/docs are JSON 404', async () => {
    for (const url of ['/', '/login', '/gallery', '/operator', '/operator/alerts', '/analyst/dossiers?period=2026', '/admin/users'])
      expect([url, (await app.inject({ url })).headers['content-type']]).toEqual([url, 'text/html; charset=utf-8']);
    for (const url of ['/metricsx', '/openapi.yaml', '/swagger.json', '/wp-login.php', '/api/v1/nothing', '/operatorx', '/api/docs/nothing.js']) {
      const r = await app.inject({ url });
      expect([url, r.statusCode, r.json()]).toEqual([url, 404, { statusCode: 404, error: 'not_found', message: `GET ${url} does not exist` }]);
    }
  });

  it('sends security headers: a CSP that lets the map worker and blob URLs run, nosniff, no framing', async () => {
    const r = await app.inject({ url: '/' });
    const csp = String(r.headers['content-security-policy']);
    for (const d of [
      "default-src 'self'",
      "script-src 'self'",
      "worker-src 'self' blob:",
      "img-src 'self' data: blob:",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ])
      expect(csp).toContain(d);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['referrer-policy']).toBe('same-origin');
  });

  it('CORS is closed by default: another origin gets no allow header', async () => {
    const r = await app.inject({ url: '/api/v1/catalogue', headers: { ...AS.leader, origin: 'https://evil.example' }, remoteAddress: '10.5.5.5' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/catalogue',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });
});
