/**
 * Issue 12 #11: a large NDJSON upload (tens of MB, within the 64 MB limit) is checked and stored in
 * slices, so the other clients keep being answered while it is stored, and the route's contract
 * (per-line results, mixed batches, duplicates, 413/415) holds across slices.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { FeedHealthResponse, IngestResponse } from '@cityioc/contracts';
import { buildTestApp, T0, TEST_KEY, AS } from '../../test/helpers/build-test-app.ts';
import { NDJSON_MAX_LINE_BYTES } from './ndjson-body.ts';
import { NDJSON_MAX_LINES } from './ndjson-slices.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
afterEach(async () => cleanup?.());

async function start() {
  ({ app, cleanup } = await buildTestApp({ ndjsonLimitBytes: 64 * 1024 * 1024 }));
}

const AREAS = ['31135', '31153', '31174', '31201', '31228', '31232', '31261', '31299', '31258'];
/** A citizen-report counter of one agency in one commune, as a ward's system sends it. */
function reading(n: number) {
  return {
    id: `up-${String(n).padStart(8, '0')}`,
    indicator: 'citizen_reports_received',
    area: AREAS[n % 9]!,
    agency: `000.00.${String(n % 40).padStart(2, '0')}.H13`,
    observedAt: new Date(T0 - (n % 3_600_000)).toISOString(),
    value: n % 1000,
  };
}
const ndjson = (url: string, payload: string) =>
  app.inject({ method: 'POST', url, headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/x-ndjson' }, payload });

describe('a large NDJSON upload', () => {
  it('keeps /healthz answering while it is stored, and stores every valid line of the mixed body', async () => {
    await start();
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const total = 160_000;
    const lines = Array.from({ length: total }, (_, n) => JSON.stringify(reading(n)));
    lines[7] = '{"id": "broken';
    lines[100_000] = JSON.stringify(reading(0)); // a retry of line 0: a duplicate
    lines[total - 2] = JSON.stringify({ ...reading(total - 2), area: '999' });
    const body = lines.join('\n');
    expect(body.length).toBeGreaterThan(20_000_000);

    const upload = fetch(`${base}/api/v1/observations/ndjson`, {
      method: 'POST',
      headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/x-ndjson' },
      body,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as IngestResponse }));
    let uploaded = false;
    void upload.finally(() => (uploaded = true));

    // Another client, one request after the other: the stored position, /healthz, the position again.
    // A /healthz answered between two positions that both show the upload half stored was served
    // while the upload was being stored (a single long stall would show none).
    const stored = async () => ((await (await fetch(`${base}/readyz`)).json()) as { seq: number }).seq;
    const accepted = total - 3;
    let healthz = 0;
    let whileStoring = 0;
    while (!uploaded) {
      const before = await stored();
      const h = await fetch(`${base}/healthz`);
      expect([h.status, await h.json()]).toEqual([200, { status: 'ok' }]);
      healthz++;
      const after = await stored();
      if (before > 0 && after < accepted) whileStoring++;
    }
    const res = await upload;
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ accepted, duplicates: 1, rejected: 2 });
    expect(res.body.results.map((r) => [r.index, r.status, r.errors?.[0]?.reason])).toEqual([
      [7, 'rejected', 'invalid_json'],
      [100_000, 'duplicate', undefined],
      [total - 2, 'rejected', 'unknown_area'],
    ]);
    expect(await app.ioc.store.count()).toBe(accepted);
    expect(await stored()).toBe(accepted);
    expect(healthz).toBeGreaterThan(0);
    expect(whileStoring).toBeGreaterThanOrEqual(3);
  });

  it('keeps per-line results and every valid dossier event across slices', async () => {
    await start();
    const event = (n: number) => ({
      eventId: `HS-${n}-2`,
      dossierCode: `HS-${n}`,
      procedureCode: '1.000494',
      agencyCode: '000.00.01.H13',
      adminUnitCode: AREAS[n % 9]!,
      channel: 2,
      status: 2,
      statusAt: '2026-11-16T08:00:00+07:00',
      receivedAt: '2026-11-16T08:00:00+07:00',
      dueAt: '2026-11-20T17:00:00+07:00',
    });
    const lines = Array.from({ length: 5_000 }, (_, n) => JSON.stringify(event(n)));
    lines[0] = '[]';
    lines[2_500] = JSON.stringify({ ...event(2_500), adminUnitCode: '999' });
    lines[4_999] = '{oops';
    const r = await ndjson('/api/v1/dossiers/events/ndjson', lines.join('\n'));
    expect(r.statusCode).toBe(422);
    const res = r.json() as IngestResponse;
    expect(res).toMatchObject({ accepted: 4_997, duplicates: 0, rejected: 3 });
    expect(res.results.map((x) => [x.index, x.errors?.[0]?.reason])).toEqual([
      [0, 'type'],
      [2_500, 'unknown_area'],
      [4_999, 'invalid_json'],
    ]);
    expect(app.ioc.dossiers.size).toBe(4_997);
    // a retry of the whole body stores nothing twice
    const again = (await ndjson('/api/v1/dossiers/events/ndjson?results=all', lines.join('\n'))).json() as IngestResponse;
    expect(again).toMatchObject({ accepted: 0, duplicates: 4_997, rejected: 3 });
    expect(again.results).toHaveLength(5_000);
    expect(again.results.every((x, i) => x.index === i)).toBe(true);
  });

  it('answers a body of many bad lines with every line’s result, and counts them in the feed-health book', async () => {
    await start();
    const lines = [JSON.stringify(reading(1)), ...Array.from({ length: 6_000 }, () => '{}')];
    const r = await ndjson('/api/v1/observations/ndjson', lines.join('\n'));
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const res = r.json() as IngestResponse;
    expect({ ...res, results: res.results.length }).toEqual({ accepted: 1, duplicates: 0, rejected: 6_000, results: 6_000 });
    expect(res.results[5_999]).toEqual({
      index: 6_000,
      id: null,
      status: 'rejected',
      errors: [
        { field: '/id', reason: 'required', message: 'id is required' },
        { field: '/indicator', reason: 'required', message: 'indicator is required' },
        { field: '/area', reason: 'required', message: 'area is required' },
        { field: '/observedAt', reason: 'required', message: 'observedAt is required' },
      ],
    });
    const feeds = (await app.inject({ headers: AS.analyst, url: '/api/v1/feeds/health' })).json() as FeedHealthResponse;
    expect(feeds.feeds.find((f) => f.id === 'http:tester')).toMatchObject({ accepted: 1, duplicates: 0, rejected: 6_000 });
  });

  it('rejects a line longer than 1 MiB on its own, and refuses more lines than the limit before storing any', async () => {
    await start();
    const long = JSON.stringify({ ...reading(2), pad: 'x'.repeat(NDJSON_MAX_LINE_BYTES) });
    const r = await ndjson('/api/v1/observations/ndjson', [JSON.stringify(reading(1)), long, JSON.stringify(reading(3))].join('\n'));
    expect(r.statusCode).toBe(422);
    expect((r.json() as IngestResponse).results).toEqual([
      {
        index: 1,
        id: null,
        status: 'rejected',
        errors: [{ field: '', reason: 'line_too_long', message: `line 2 is longer than ${NDJSON_MAX_LINE_BYTES} bytes` }],
      },
    ]);
    expect(await app.ioc.store.count()).toBe(2);

    const many = `${JSON.stringify(reading(4))}\n${'\n'.repeat(NDJSON_MAX_LINES)}`;
    const tooMany = await ndjson('/api/v1/observations/ndjson', many);
    expect([tooMany.statusCode, tooMany.json()]).toEqual([
      413,
      { statusCode: 413, error: 'too_many_lines', message: `the body holds more than ${NDJSON_MAX_LINES} lines: split it into several requests` },
    ]);
    expect(await app.ioc.store.count()).toBe(2);
  });
});
