import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { IngestResponse, Snapshot } from '@cityioc/contracts';
import { buildTestApp, ratio, sendFeed, T0, TEST_KEY, wl, AS } from '../../../test/helpers/build-test-app.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
const headers = { 'x-api-key': TEST_KEY };

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ bodyLimitBytes: 64 * 1024, ndjsonLimitBytes: 256 * 1024 }));
});
afterEach(async () => cleanup());

const post = (url: string, payload: unknown, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: payload as InjectOptions['payload'] });
const snapshot = async (scope: string) => (await app.inject({ headers: AS.analyst, url: `/api/v1/snapshot/${scope}` })).json() as Snapshot;
const cell = (s: Snapshot, key: string) => s.cells.find((c) => c.key === key);

describe('POST /api/v1/observations', () => {
  it('stores one observation and shows it in the snapshot of its district and the city', async () => {
    const r = await post('/api/v1/observations', wl('a1', 184));
    expect(r.statusCode).toBe(200);
    const body = r.json() as IngestResponse;
    expect(body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0 });
    expect(body.results[0]).toMatchObject({ index: 0, id: 'a1', status: 'accepted' });
    expect(cell(await snapshot('92'), '31135|wl-can-tho|water_level')?.value).toBe(184);
    expect(cell(await snapshot('31135'), '31135||water_level')?.value).toBe(184);
  });

  it('is idempotent: a retry is a duplicate and is not counted twice', async () => {
    await post('/api/v1/observations', { id: 'd1', indicator: 'citizen_reports_received', area: '31153', observedAt: new Date(T0).toISOString(), value: 10 });
    await post('/api/v1/observations', { id: 'd2', indicator: 'citizen_reports_received', area: '31174', observedAt: new Date(T0).toISOString(), value: 5 });
    const again = await post('/api/v1/observations', {
      id: 'd1',
      indicator: 'citizen_reports_received',
      area: '31153',
      observedAt: new Date(T0).toISOString(),
      value: 10,
    });
    expect(again.statusCode).toBe(200);
    expect((again.json() as IngestResponse).results[0]!.status).toBe('duplicate');
    expect(cell(await snapshot('92'), '92||citizen_reports_received')?.value).toBe(15);
  });

  it('refuses a bad item with 422 naming each field and reason, unknown codes included', async () => {
    const r = await post('/api/v1/observations', { id: 'x', indicator: 'water_levl', area: '999', observedAt: 'yesterday', value: '3', colour: 'red' });
    expect(r.statusCode).toBe(422);
    const errors = (r.json() as IngestResponse).results[0]!.errors!;
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.reason]));
    expect(byField).toEqual({
      '/colour': 'unknown_field',
      '/observedAt': 'format',
      '/value': 'type',
      '/indicator': 'unknown_indicator',
      '/area': 'unknown_area',
    });
  });

  it.each([
    [{ ...wl('s1', 100), station: 'wl-cai-rang' }, '/area', 'station_area_mismatch'],
    [{ ...wl('s2', 100), value: 5000 }, '/value', 'range'],
    [{ ...wl('s3', 100), observedAt: new Date(T0 + 3600_000).toISOString() }, '/observedAt', 'in_future'],
    [{ ...ratio('s4', '31135', 5, 4) }, '/numerator', 'range'],
    [{ ...ratio('s5', '31135', 1, 4), value: 3 }, '/value', 'value_kind'],
    [{ id: 's6', indicator: 'e_document_rate', area: '31135', observedAt: new Date(T0).toISOString(), value: 0.4 }, '/numerator', 'required'],
    [{ ...wl('s7', 100), observedAt: '2026-11-22T07:00:00' }, '/observedAt', 'format'],
    [{ ...wl('s8', 100), station: 'aq-ninh-kieu' }, '/indicator', 'not_measured_by_station'],
  ])('rejects %j at %s with %s', async (item, field, reason) => {
    const r = await post('/api/v1/observations', item);
    expect(r.statusCode).toBe(422);
    expect((r.json() as IngestResponse).results[0]!.errors).toContainEqual(expect.objectContaining({ field, reason }));
  });

  it('answers 401 without a key or with a wrong one, and stores nothing', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/observations', payload: wl('k1', 1) })).statusCode).toBe(401);
    expect((await post('/api/v1/observations', wl('k2', 1), { 'x-api-key': 'wrong-key-wrong-key' })).json()).toMatchObject({ error: 'unauthorized' });
    expect(await app.ioc.store.count()).toBe(0);
  });

  it('answers 400 invalid_json for a body that is not JSON, and 413 past the body limit', async () => {
    const bad = await sendFeed(app, 'POST', '/api/v1/observations', '{"id": ', 'application/json');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_json' });
    const big = await post('/api/v1/observations/batch', { observations: Array.from({ length: 1000 }, (_, i) => wl(`big${i}`, i % 300)) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'body_too_large' });
  });

  it('accepts the Authorization: Bearer form of the key', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: { authorization: `Bearer ${TEST_KEY}` }, payload: wl('b1', 10) });
    expect(r.statusCode).toBe(200);
  });
});

describe('POST /api/v1/observations/batch', () => {
  it('keeps every valid item of a mixed batch and reports the bad ones by index', async () => {
    const r = await post('/api/v1/observations/batch', {
      observations: [wl('m1', 150), { ...wl('m2', 150), area: 'abc' }, null, ratio('m3', '31135', 42, 100), wl('m1', 150)],
    });
    expect(r.statusCode).toBe(422);
    const body = r.json() as IngestResponse;
    expect(body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 2 });
    expect(body.results.map((x) => x.status)).toEqual(['accepted', 'rejected', 'rejected', 'accepted', 'duplicate']);
    expect(body.results[1]!.errors![0]).toMatchObject({ field: '/area', reason: 'pattern' });
    expect(body.results[2]!.errors![0]).toMatchObject({ field: '', reason: 'type' });
    expect(await app.ioc.store.count()).toBe(2);
  });

  it('refuses a body without an observations array, and more than 5,000 items', async () => {
    const r = await post('/api/v1/observations/batch', { items: [] });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: 'invalid_request' });
    expect((r.json() as { details: { field: string }[] }).details.map((d) => d.field)).toContain('/observations');
  });

  it('aggregates ratios as Σnumerator/Σdenominator up the tree, never as an average of percentages', async () => {
    await post('/api/v1/observations/batch', { observations: [ratio('r1', '31135', 1, 10), ratio('r2', '31153', 90, 90)] });
    const c = cell(await snapshot('92'), '92||e_document_rate')!;
    expect(c.numerator).toBe(91);
    expect(c.denominator).toBe(100);
    expect(c.value).toBeCloseTo(0.91, 12);
  });

  it('a later observation of the same series replaces the earlier one; an older one arriving late does not', async () => {
    await post('/api/v1/observations/batch', {
      observations: [
        ratio('p1', '31135', 10, 100),
        { ...ratio('p2', '31135', 30, 100), observedAt: new Date(T0 + 1000).toISOString() },
        { ...ratio('p0', '31135', 99, 100), observedAt: new Date(T0 - 1000).toISOString() },
      ],
    });
    const c = cell(await snapshot('92'), '92||e_document_rate')!;
    expect([c.numerator, c.denominator]).toEqual([30, 100]);
  });
});

describe('POST /api/v1/observations/ndjson', () => {
  const ndjson = (lines: string[]) => sendFeed(app, 'POST', '/api/v1/observations/ndjson', lines.join('\n'), 'application/x-ndjson');

  it('stores every good line, reports bad lines by line number, skips blank lines', async () => {
    const r = await ndjson([JSON.stringify(wl('n1', 1)), '{oops', '', JSON.stringify({ ...wl('n2', 2), value: null }), JSON.stringify(wl('n3', 3)), '']);
    expect(r.statusCode).toBe(422);
    const body = r.json() as IngestResponse;
    expect(body).toMatchObject({ accepted: 2, rejected: 2, duplicates: 0 });
    expect(body.results.map((x) => [x.index, x.status, x.errors?.[0]?.reason])).toEqual([
      [1, 'rejected', 'invalid_json'],
      [3, 'rejected', 'type'],
    ]);
    expect(await app.ioc.store.count()).toBe(2);
  });

  it('lists every line with ?results=all and answers 200 when all are good', async () => {
    const r = await sendFeed(
      app,
      'POST',
      '/api/v1/observations/ndjson?results=all',
      [wl('q1', 1), wl('q2', 2)].map((x) => JSON.stringify(x)).join('\n'),
      'application/x-ndjson',
    );
    expect(r.statusCode).toBe(200);
    expect((r.json() as IngestResponse).results.map((x) => x.status)).toEqual(['accepted', 'accepted']);
  });

  it('answers 400 for an empty body and 413 past the NDJSON limit', async () => {
    expect((await ndjson(['', ''])).statusCode).toBe(400);
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(wl(`L${i}`, i % 300)));
    const r = await ndjson(lines);
    expect(r.statusCode).toBe(413);
    expect(await app.ioc.store.count()).toBe(0);
  });

  it('answers 415 for a content type it does not take', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/observations/ndjson', headers: { ...headers, 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(r.statusCode).toBe(415);
  });
});
