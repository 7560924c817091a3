/** HTTP feed sources in GET /api/v1/feeds/health: one book per API-key source, fed by the shared feed-route hook. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { FeedHealthResponse, IngestResponse } from '@cityioc/contracts';
import { buildTestApp, T0, TEST_KEY, wl, AS } from '../../../test/helpers/build-test-app.ts';

const OTHER_KEY = 'other-source-key-0123456789';
let app: FastifyInstance;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({
    apiKeys: new Map([
      ['tester', TEST_KEY],
      ['ward-9', OTHER_KEY],
    ]),
  }));
});
afterEach(async () => cleanup());

const post = (url: string, payload: unknown, key = TEST_KEY, type = 'application/json') =>
  app.inject({ method: 'POST', url, headers: { 'x-api-key': key, 'content-type': type }, payload: payload as InjectOptions['payload'] });
const feeds = async () => ((await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/feeds/health' })).json() as FeedHealthResponse).feeds;

describe('GET /api/v1/feeds/health lists HTTP feed sources', () => {
  it('counts a mixed batch, an NDJSON body with a broken line and a refused request under the key’s source', async () => {
    expect((await feeds()).filter((f) => f.kind === 'http')).toEqual([]);

    const batch = await post('/api/v1/observations/batch', {
      observations: [wl('h1', 180), wl('h2', 181), { ...wl('h3', 182), indicator: 'water_levl' }],
    });
    expect(batch.statusCode).toBe(422);
    expect(batch.json()).toMatchObject({ accepted: 2, duplicates: 0, rejected: 1 });
    // a retry of the first item is a duplicate
    expect((await post('/api/v1/observations', wl('h1', 180))).json()).toMatchObject({ duplicates: 1 });
    const nd = await post('/api/v1/observations/ndjson', `${JSON.stringify(wl('h4', 183))}\n{not json\n`, TEST_KEY, 'application/x-ndjson');
    expect((nd.json() as IngestResponse).rejected).toBe(1);
    // refused before the handler (schema): one rejected request with the reason
    expect((await post('/api/v1/reporting/reports', { regime: 'x' })).statusCode).toBe(400);

    const all = await feeds();
    const mine = all.find((f) => f.id === 'http:tester')!;
    expect(mine).toMatchObject({
      kind: 'http',
      source: 'tester',
      connected: null,
      lastSeen: T0 + 60_000,
      accepted: 3,
      duplicates: 1,
      rejected: 3,
      errors: 0,
      status: 'live',
    });
    // items per minute: 3 + 1 + 2 + 1 requests' items
    expect(mine.ratePerMin).toBe(7);
    expect(mine.lastErrors.map((e) => e.reason)).toEqual(['invalid_request', 'invalid_json', 'unknown_indicator']);
    expect(mine.lastErrors[2]!.message).toContain('item 2');
    // the other source has no book until it sends; an unknown key is not a source
    expect(all.find((f) => f.source === 'ward-9')).toBeUndefined();
    expect((await post('/api/v1/observations', wl('h9', 1), 'not-a-key-0123456789')).statusCode).toBe(401);
    expect((await post('/api/v1/observations', wl('w1', 170), OTHER_KEY)).statusCode).toBe(200);
    const after = await feeds();
    expect(after.find((f) => f.id === 'http:ward-9')).toMatchObject({ accepted: 1, rejected: 0, ratePerMin: 1 });
    expect(after.filter((f) => f.kind === 'http').map((f) => f.source)).toEqual(['tester', 'ward-9']);
  });

  it('counts reporting submissions: stored, unchanged (a duplicate) and refused with its reason', async () => {
    const report = { regime: 'par-index', unit: 'SNV', period: '2023', values: [{ indicator: 'par_index', value: 92.27 }] };
    expect((await post('/api/v1/reporting/reports', report, OTHER_KEY)).statusCode).toBe(201);
    expect((await post('/api/v1/reporting/reports', report, OTHER_KEY)).statusCode).toBe(200);
    expect((await post('/api/v1/reporting/reports', { ...report, unit: 'NOPE' }, OTHER_KEY)).statusCode).toBe(422);
    const ward = (await feeds()).find((f) => f.id === 'http:ward-9')!;
    expect(ward).toMatchObject({ kind: 'http', accepted: 1, duplicates: 1, rejected: 1, ratePerMin: 3 });
    expect(ward.lastErrors[0]).toMatchObject({ reason: 'invalid_report' });
    expect(ward.lastErrors[0]!.message).toContain('unit');
  });
});
