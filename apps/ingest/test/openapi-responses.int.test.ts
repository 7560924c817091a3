import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS, buildTestApp, TEST_KEY, wl } from './helpers/build-test-app.ts';
import { receivedDossierEvent, risingTide } from './helpers/feed-samples.ts';

/**
 * Real answers of the main routes, checked against the OpenAPI document the app serves. The
 * checking itself is in every test app (helpers/openapi-check.ts: an answer that does not match
 * makes `inject` reject); this file makes sure each main operation is really reached with a
 * documented schema, so that the check cannot pass by skipping it, and that a drift is caught.
 */
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
let app: FastifyInstance;
let cleanup: () => Promise<void>;
let paths: Record<string, Record<string, Operation>>;
const feed = { 'x-api-key': TEST_KEY };

beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
  paths = (await app.inject({ url: '/openapi.json' })).json().paths;
  // a level rising through BĐ I at Cần Thơ (one alert), and a dossier of phường Ninh Kiều
  const rising = risingTide('o-rise');
  expect((await app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: feed, payload: { observations: rising } })).statusCode).toBe(200);
  const dossier = receivedDossierEvent('o-d1-2', 'OPENAPI-1');
  expect((await app.inject({ method: 'POST', url: '/api/v1/dossiers/events', headers: feed, payload: { events: [dossier] } })).statusCode).toBe(200);
  await app.ioc.alerts.flush();
});
afterAll(async () => cleanup());

/** Sends the request (the test app checks the answer against the document) and checks that a schema was there to check it with. */
async function checked(opts: InjectOptions & { url: string }, status: number, route = opts.url.split('?')[0]!) {
  const res = await app.inject(opts);
  expect([opts.url, res.statusCode]).toEqual([opts.url, status]);
  const op = paths[route]?.[(opts.method ?? 'GET').toLowerCase()];
  const documented = op?.responses[String(status)] ?? op?.responses[`${String(status)[0]}XX`];
  const type = String(res.headers['content-type']).split(';')[0]!;
  expect([opts.url, documented?.content?.[type]?.schema !== undefined]).toEqual([opts.url, true]);
  return res;
}

describe('real answers of the main routes match the OpenAPI document', () => {
  it('reads: catalogue, snapshot, areas, geo, dossiers, reporting, 766, alerts, PAKN, directives', async () => {
    const read = { headers: AS.analyst };
    await checked({ url: '/api/v1/catalogue', ...read }, 200);
    const snap = await checked({ url: '/api/v1/snapshot/92', ...read }, 200, '/api/v1/snapshot/{scope}');
    expect(snap.json().version).toBeGreaterThan(0);
    await checked({ url: '/api/v1/areas', ...read }, 200);
    const geo = await checked({ url: '/api/v1/geo/areas', ...read }, 200);
    expect(geo.json().features.length).toBeGreaterThan(0);
    await checked({ url: '/api/v1/dossiers/indicators?period=2026-11', ...read }, 200);
    const watch = await checked({ url: '/api/v1/dossiers/watchlist?within=30', headers: AS.operator }, 200);
    expect(watch.json().area).toBe(null);
    await checked({ url: '/api/v1/dossiers/OPENAPI-1', ...read }, 200, '/api/v1/dossiers/{code}');
    await checked({ url: '/api/v1/reporting/catalogue', ...read }, 200);
    await checked({ url: '/api/v1/reporting/status?regime=cchc-cds&period=2026-02', ...read }, 200);
    await checked({ url: '/api/v1/reporting/latest', ...read }, 200);
    const score = await checked({ url: '/api/v1/score766?period=2026-11', ...read }, 200);
    expect(score.json().groups.length).toBeGreaterThan(0);
    await checked({ url: '/api/v1/score766/3.1/items?period=2026-11', ...read }, 200, '/api/v1/score766/{metric}/items');
    const alerts = await checked({ url: '/api/v1/alerts', ...read }, 200);
    const [alert] = alerts.json().alerts as { id: string }[];
    expect(alert).toBeDefined();
    await checked({ url: `/api/v1/alerts/${encodeURIComponent(alert!.id)}`, ...read }, 200, '/api/v1/alerts/{id}');
    await checked({ url: '/api/v1/alerts/me', headers: AS.operator }, 200);
    await checked({ url: '/api/v1/pakn/watchlist', ...read }, 200);
    await checked({ url: '/api/v1/directives/board', headers: AS.leader }, 200);
    await checked({ url: '/healthz' }, 200);
    await checked({ url: '/readyz' }, 200);
  });

  it('feeds: a batch stored whole (200), a mixed batch (422 with every item), and errors in the one error shape', async () => {
    const ok = { method: 'POST' as const, url: '/api/v1/observations/batch', headers: feed };
    await checked({ ...ok, payload: { observations: [wl('o-ok-1', 150)] } }, 200);
    const mixed = await checked({ ...ok, payload: { observations: [wl('o-ok-2', 150), wl('o-bad', 0, { value: 'x' })] } }, 422);
    expect(mixed.json()).toMatchObject({ accepted: 1, rejected: 1 });
    const anonymous = await checked({ method: 'POST', url: '/api/v1/observations/batch', payload: { observations: [] } }, 401);
    expect(anonymous.json().error).toBe('unauthorized');
    const notJson = await checked({ ...ok, headers: { ...feed, 'content-type': 'application/json' }, payload: '{not json' }, 400);
    expect(notJson.json().error).toBe('invalid_json');
    await checked({ url: '/api/v1/snapshot/99999', headers: AS.analyst }, 404, '/api/v1/snapshot/{scope}');
    await checked({ url: '/api/v1/dossiers/indicators?period=nope', headers: AS.analyst }, 400);
  });

  it('a handler whose answer drifts from its schema fails the request', async () => {
    const real = app.ioc.live.snapshot.bind(app.ioc.live);
    try {
      // a field the schema does not declare would be dropped silently by the serializer
      app.ioc.live.snapshot = ((...a: Parameters<typeof real>) => ({ ...real(...a), drifted: true })) as typeof real;
      await expect(app.inject({ url: '/api/v1/snapshot/92', headers: AS.analyst })).rejects.toThrow(
        'GET /api/v1/snapshot/{scope} → 200: serializing by the response schema changed the body: /drifted: returned true, sent undefined',
      );
      // a field of the wrong type: the response schema's serializer refuses it, and the route answers 500 instead of 200
      app.ioc.live.snapshot = ((...a: Parameters<typeof real>) => ({ ...real(...a), version: 'v1' })) as unknown as typeof real;
      const wrong = await app.inject({ url: '/api/v1/snapshot/92', headers: AS.analyst });
      expect([wrong.statusCode, wrong.json().statusCode]).toEqual([500, 500]);
    } finally {
      app.ioc.live.snapshot = real;
    }
  });
});
