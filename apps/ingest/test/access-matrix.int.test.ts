/**
 * The access matrix (issue 11): every registered route × every kind of caller × scope → the exact
 * status. The routes come from app.routeAccess(); each needs sample requests in
 * access-matrix.data.ts (a route without one fails the test, so a new route cannot slip past).
 * What a declaration decides is computed from it: no credential 401; a role the kind does not
 * admit 403; a person's token on a feed 403 (unless the feed also takes an administrator); a feed
 * key on anything else 401; a key without the endpoint in its grant 403. The rest is the sample's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows } from '@cityioc/domain';
import type { Access } from '../src/plugins/access.ts';
import { matrixSamples, type Caller, type Sample } from './access-matrix.data.ts';
import { AS, buildTestApp, TEST_KEY } from './helpers/build-test-app.ts';
import { receivedDossierEvent, risingTide } from './helpers/feed-samples.ts';
import { createAccount, ninhKieuOperator, signInAccount } from './helpers/session.ts';

const L917 = 'matrix-leader-917-token-0123456789';
const O917 = 'matrix-operator-917-token-0123456789';
const CALLERS: Caller[] = [
  'anonymous',
  'leader',
  'leader917',
  'operator916',
  'operator917',
  'analyst',
  'admin',
  'feed',
  'feed916',
  'session916',
  'sessionNoCsrf',
];
const SESSION: Caller[] = ['session916', 'sessionNoCsrf'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ROLE: Partial<Record<Caller, 'leader' | 'operator' | 'analyst' | 'admin'>> = {
  leader: 'leader',
  leader917: 'leader',
  operator916: 'operator',
  operator917: 'operator',
  session916: 'operator',
  sessionNoCsrf: 'operator',
  analyst: 'analyst',
  admin: 'admin',
};

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let dashboard: string;
const headers: Record<Caller, Record<string, string>> = {
  anonymous: {},
  leader: AS.leader,
  leader917: { authorization: `Bearer ${L917}` },
  operator916: AS.operator,
  operator917: { authorization: `Bearer ${O917}` },
  analyst: AS.analyst,
  admin: AS.admin,
  feed: { 'x-api-key': TEST_KEY },
  feed916: {},
  session916: {},
  sessionNoCsrf: {},
};
const OPERATOR_916 = ninhKieuOperator('matrix.op916', 'Vận hành Ninh Kiều', 'vận hành ma trận 2026');

/** Signs the cookie callers in (again, after the matrix's logout request ended their session). */
async function signInSession(): Promise<void> {
  const { cookie, csrfToken } = await signInAccount(app, OPERATOR_916);
  headers.session916 = { cookie, 'x-csrf-token': csrfToken };
  headers.sessionNoCsrf = { cookie };
}
let samples: Record<string, Sample[]>;

beforeAll(async () => {
  dashboard = mkdtempSync(join(tmpdir(), 'ioc-dash-'));
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>IOC</title>');
  ({ app, cleanup } = await buildTestApp(
    {
      dashboardDir: dashboard,
      operators: [
        { token: L917, name: 'Lãnh đạo Ô Môn', unit: 'UBND phường Ô Môn', role: 'leader', scopes: ['31153'] },
        { token: O917, name: 'Vận hành Ô Môn', unit: 'UBND phường Ô Môn', scopes: ['31153'] },
      ],
    },
    { env: {} },
  ));
  // an alert of 916 (a tide rising through BĐ I) and a dossier of 916
  const rising = risingTide('m-rise');
  expect((await app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: headers.feed, payload: { observations: rising } })).statusCode).toBe(
    200,
  );
  await app.ioc.alerts.flush();
  const [alert] = (await app.ioc.store.listAlerts({ areas: ['31135'], limit: 1 })) ?? [];
  const dossier = receivedDossierEvent('m-d1-2', 'MATRIX-916-1');
  expect((await app.inject({ method: 'POST', url: '/api/v1/dossiers/events', headers: headers.feed, payload: { events: [dossier] } })).statusCode).toBe(200);
  // a feed source granted only observations of 916, with its key
  const src = { id: 'tram-916', name: 'Trạm Ninh Kiều', grant: { endpoints: ['observations'], stations: null, units: ['31135'], agencies: null } };
  expect((await app.inject({ method: 'POST', url: '/api/v1/admin/feed-sources', headers: AS.admin, payload: src })).statusCode).toBe(201);
  const key = await app.inject({ method: 'POST', url: '/api/v1/admin/feed-sources/tram-916/keys', headers: AS.admin });
  headers.feed916 = { 'x-api-key': (key.json() as { secret: string }).secret };
  await createAccount(app, OPERATOR_916);
  await signInSession();
  samples = matrixSamples({ alert916: alert!.id, dossier916: 'MATRIX-916-1' });
});
afterAll(async () => {
  await cleanup();
  rmSync(dashboard, { recursive: true, force: true });
});

/** What a caller gets from a route, by its declaration, then by its sample. */
function expected(access: Access, method: string, caller: Caller, sample: Sample): number {
  const reached = sample.as?.[caller] ?? sample.as?.[caller === 'session916' || caller === 'sessionNoCsrf' ? 'operator916' : caller] ?? sample.ok;
  if (access.kind === 'public') return reached;
  if (caller === 'anonymous') return 401;
  const role = ROLE[caller];
  const session = SESSION.includes(caller);
  if (access.kind === 'feed') {
    if (!role) return caller === 'feed916' && access.endpoint !== 'observations' ? 403 : reached;
    // a cookie is no feed key: refused, unless the feed also takes an administrator (then the role decides)
    if (session && !access.orAdmin) return 401;
    if (caller === 'sessionNoCsrf') return 403;
    return access.orAdmin && role === 'admin' ? reached : 403;
  }
  if (!role) return 401; // a feed key is no credential of a person
  // a browser's session must send its CSRF token with every change
  if (caller === 'sessionNoCsrf' && UNSAFE.has(method)) return 403;
  if (access.kind === 'signedIn') return reached;
  if (access.kind === 'metrics') return role === 'admin' ? reached : 403;
  return roleAllows(role, access.kind) ? reached : 403;
}

let address = 0;
/** Each request from its own address: the matrix measures access, not the rate limits. */
const nextAddress = () => {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

describe('access matrix: every route × role × scope', () => {
  it('every registered route has sample requests, and every caller gets exactly its status', async () => {
    const routes = app.routeAccess();
    const missing: string[] = [];
    const wrong: string[] = [];
    let cells = 0;
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      const list = samples[key] ?? (r.method === 'HEAD' ? samples[`GET ${r.url}`] : undefined);
      if (!list || !r.access) {
        missing.push(key);
        continue;
      }
      for (const sample of list)
        for (const caller of CALLERS) {
          const method = r.method === 'HEAD,GET' ? 'GET' : r.method;
          const url = typeof sample.url === 'function' ? sample.url(caller) : sample.url;
          const opts: InjectOptions = { method: method as InjectOptions['method'], url, headers: { ...headers[caller] }, remoteAddress: nextAddress() };
          if (sample.payload !== undefined) {
            opts.payload = (
              typeof sample.payload === 'function' ? (sample.payload as (c: Caller) => unknown)(caller) : sample.payload
            ) as InjectOptions['payload'];
            if (sample.contentType) opts.headers = { ...opts.headers, 'content-type': sample.contentType };
          }
          const res = await app.inject(opts);
          cells++;
          const want = expected(r.access, method, caller, sample);
          if (caller === 'session916' && key === 'POST /api/v1/auth/logout') await signInSession();
          if (res.statusCode !== want) wrong.push(`${method} ${url} as ${caller}: ${res.statusCode} (expected ${want}) ${res.body.slice(0, 160)}`);
        }
    }
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
    // the size of the matrix, for the record
    console.log(`access matrix: ${routes.length} routes, ${cells} requests (${CALLERS.length} callers)`);
    expect(cells).toBeGreaterThan(routes.length * CALLERS.length);
    // over 2,000 requests in one test: 46 s on a loaded 2-core machine, past vitest's 60 s default under heavier load
  }, 240_000);
});
