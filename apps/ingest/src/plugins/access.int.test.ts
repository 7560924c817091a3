import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_KEY, wl } from '../../test/helpers/build-test-app.ts';
import { accessPlugin } from './access.ts';
import { errorsPlugin } from './errors.ts';

const VIEWER = 'viewer-token-0123456789';
const OPERATOR = 'operator-token-0123456789';
let app: FastifyInstance;
let cleanup: () => Promise<void>;
let dashboard: string;

beforeAll(async () => {
  dashboard = mkdtempSync(join(tmpdir(), 'ioc-dash-'));
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>IOC</title>');
  ({ app, cleanup } = await buildTestApp(
    {
      dashboardDir: dashboard,
      benchRoutes: true,
      viewerToken: VIEWER,
      readRateLimitPerMinute: 3,
      operators: [{ token: OPERATOR, name: 'Trực ban', unit: 'IOC', scopes: ['92'] }],
    },
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
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const kind = (method: string, url: string) => routes.find((r) => r.method === method && r.url === url)?.access?.kind;
    expect(kind('GET', '/healthz')).toBe('public');
    expect(kind('GET', '/readyz')).toBe('public');
    expect(kind('HEAD,GET', '/*')).toBe('public'); // the dashboard's files
    expect(kind('POST', '/api/v1/observations')).toBe('feed');
    expect(kind('POST', '/api/v1/ngsi-ld/notify')).toBe('feed');
    expect(kind('POST', '/api/v1/score766/official')).toBe('feed');
    expect(kind('GET', '/api/v1/snapshot/:scope')).toBe('read');
    expect(kind('POST', '/api/v1/alerts/:id/ack')).toBe('operator');
  });

  it('refuses a route that declares nothing with 403', async () => {
    const bare = Fastify();
    await bare.register(errorsPlugin);
    await bare.register(accessPlugin, { apiKeys: new Map(), viewerToken: null, operators: [], feedPerMinute: 10, readPerMinute: 10 });
    bare.get('/forgotten', async () => 'secret');
    const r = await bare.inject({ url: '/forgotten' });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toEqual({ statusCode: 403, error: 'access_undeclared', message: 'GET /forgotten declares no access and is refused' });
    await bare.close();
  });

  it('checks each kind: public open, feed by API key, read by viewer token, operator by operator token', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/' })).statusCode).toBe(200);
    const noKey = await app.inject({ method: 'POST', url: '/api/v1/observations', payload: wl('a1', 1) });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json()).toEqual({ statusCode: 401, error: 'unauthorized', message: 'send the API key in the x-api-key header' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/observations', headers: { 'x-api-key': TEST_KEY }, payload: wl('a1', 1) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/catalogue' })).json()).toEqual({ statusCode: 401, error: 'unauthorized', message: 'a viewer token is required' });
    expect((await app.inject({ url: `/api/v1/catalogue?access_token=${VIEWER}` })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/feeds/health', headers: { authorization: `Bearer ${VIEWER}` } })).statusCode).toBe(200);
    // alert reads take an operator token instead of the viewer's; actions take only an operator's
    expect((await app.inject({ url: '/api/v1/alerts', headers: { 'x-operator-token': OPERATOR } })).statusCode).toBe(200);
    const viewerActs = await app.inject({ method: 'POST', url: '/api/v1/alerts/x/ack', headers: { authorization: `Bearer ${VIEWER}` }, payload: {} });
    expect(viewerActs.statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/alerts/me', headers: { 'x-operator-token': OPERATOR } })).json()).toMatchObject({ name: 'Trực ban' });
    // a bench ceiling route is public and bare
    expect((await app.inject({ method: 'POST', url: '/api/v1/_bench/bare', payload: {} })).json()).toEqual({ ok: true });
  });

  it('applies the read limit per address and per route, after the credential check', async () => {
    const get = (url: string) => app.inject({ url, headers: { authorization: `Bearer ${VIEWER}` }, remoteAddress: '10.9.9.9' });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await get('/api/v1/geo/areas')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect((await get('/api/v1/geo/areas')).json()).toMatchObject({ statusCode: 429, error: 'rate_limited' });
    expect((await get('/api/v1/reporting/catalogue')).statusCode).toBe(200); // another route has its own budget
    expect((await app.inject({ url: '/api/v1/geo/areas', remoteAddress: '10.9.9.10', headers: { authorization: `Bearer ${VIEWER}` } })).statusCode).toBe(200);
  });
});
