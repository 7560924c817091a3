import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Catalogue, HistoryResponse } from '@cityioc/contracts';
import { buildTestApp, T0, TEST_KEY, wl, AS } from '../../../test/helpers/build-test-app.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterEach(async () => cleanup());

const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
const history = (q: string) => app.inject({ headers: AS.analyst, url: `/api/v1/history?${q}` });

describe('read API', () => {
  it('serves the catalogue with Vietnamese names intact', async () => {
    const c = (await app.inject({ headers: AS.analyst, url: '/api/v1/catalogue' })).json() as Catalogue;
    expect(c.city).toMatchObject({ code: '92', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(c.areas.filter((a) => a.level === 'commune').map((a) => a.name)).toContain('Ô Môn');
    expect(c.indicators.find((i) => i.id === 'online_payment_rate')).toMatchObject({ target: 30, aggregation: 'ratio' });
  });

  it('answers 404 with the field for an unknown snapshot scope', async () => {
    const r = await app.inject({ headers: AS.analyst, url: '/api/v1/snapshot/999' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'unknown_scope', details: [{ field: '/scope' }] });
  });

  it('returns a station series ordered by observation time', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/observations/batch',
      headers: { 'x-api-key': TEST_KEY },
      payload: {
        observations: [wl('h2', 182, { observedAt: new Date(T0 + 2000).toISOString() }), wl('h1', 175, { observedAt: new Date(T0 + 1000).toISOString() })],
      },
    });
    const r = await history(`indicator=water_level&station=wl-can-tho&from=${iso(T0)}&to=${iso(T0 + 3600_000)}`);
    expect(r.statusCode).toBe(200);
    expect((r.json() as HistoryResponse).points).toEqual([
      { t: T0 + 1000, value: 175 },
      { t: T0 + 2000, value: 182 },
    ]);
  });

  it.each([
    [`indicator=water_level&from=${iso(T0)}&to=${iso(T0 + 1)}`, 400, 'invalid_request'],
    [`indicator=nope_nope&station=wl-can-tho&from=${iso(T0)}&to=${iso(T0 + 1)}`, 404, 'unknown_indicator'],
    [`indicator=water_level&station=ghost&from=${iso(T0)}&to=${iso(T0 + 1)}`, 404, 'unknown_station'],
    [`indicator=water_level&station=wl-can-tho&from=${iso(T0 + 10)}&to=${iso(T0)}`, 400, 'inverted_range'],
    [`indicator=water_level&station=wl-can-tho&from=${iso(T0)}&to=${iso(T0 + 40 * 86400_000)}`, 400, 'range_too_large'],
    [`indicator=water_level&station=wl-can-tho&from=today&to=${iso(T0)}`, 400, 'invalid_request'],
    [`indicator=water_level&station=wl-can-tho&from=${iso(T0)}&to=${iso(T0 + 1)}&limit=0`, 400, 'invalid_request'],
  ])('GET /api/v1/history?%s → %i %s', async (q, status, error) => {
    const r = await history(q);
    expect(r.statusCode).toBe(status);
    expect(r.json()).toMatchObject({ error });
  });

  it('answers /healthz and /readyz', async () => {
    expect((await app.inject({ headers: AS.analyst, url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ headers: AS.analyst, url: '/readyz' })).json()).toMatchObject({ status: 'ready', store: 'sqlite', seq: 0 });
  });

  it('answers 404 in JSON for an unknown API path', async () => {
    const r = await app.inject({ headers: AS.analyst, url: '/api/v1/nothing' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('read rate limit', () => {
  it('answers 429 rate_limited past the per-address ceiling', async () => {
    await cleanup();
    ({ app, cleanup } = await buildTestApp({ readRateLimitPerMinute: 3 }));
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject({ headers: AS.analyst, url: '/api/v1/snapshot/92' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/snapshot/92' })).json()).toMatchObject({ error: 'rate_limited' });
  });
});
