/**
 * PostgreSQL stops under a running node (issue 16, "stop PostgreSQL"): ingest answers 503 with
 * Retry-After and a code, acknowledges nothing it has not stored, `/readyz` says why, and when the
 * database is back the same node takes the feed again; every acknowledged reading is in the history
 * exactly once. A real postmaster, halted and resumed on its port.
 */
import type { HistoryResponse, Snapshot } from '@cityioc/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../test-support/postgres.ts';
import { waitUntil } from '../../../test-support/wait.ts';
import { AS, buildTestApp, sendFeed, T0, wl } from './helpers/build-test-app.ts';

let pg: PostgresServer;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];

beforeAll(async () => {
  pg = await startPostgres();
  ({ app } = await buildTestApp({ databaseUrl: await pg.createDatabase('outage') }));
});
afterAll(async () => {
  await app?.close();
  await pg?.stop();
});

const reading = (id: string, i: number) => wl(id, 150 + i, { observedAt: new Date(T0 + i * 1000).toISOString() });
const ready = async () => (await app.inject({ url: '/readyz' })).statusCode;
const history = async () => {
  const to = new Date(T0 + 3_600_000).toISOString();
  const r = await app.inject({
    headers: AS.analyst,
    url: `/api/v1/history?indicator=water_level&station=wl-can-tho&from=${new Date(T0).toISOString()}&to=${to}`,
  });
  return (r.json() as HistoryResponse).points;
};

describe('PostgreSQL stops under a running node', () => {
  it('answers 503 + Retry-After while the database is away, acknowledges nothing unstored, and takes the feed again when it returns', async () => {
    expect((await sendFeed(app, 'POST', '/api/v1/observations', reading('before', 0))).statusCode).toBe(200);

    await pg.halt();
    const during = await sendFeed(app, 'POST', '/api/v1/observations/batch', { observations: [reading('during-1', 1), reading('during-2', 2)] });
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.json()).toMatchObject({ statusCode: 503, error: 'store_unavailable' });
    // a second try while it is still away: the same answer, never a 500
    expect((await sendFeed(app, 'POST', '/api/v1/observations', reading('during-3', 3))).statusCode).toBe(503);
    // the live state shows only what was stored: the refused readings never reached the wall
    const snap = (await app.inject({ headers: AS.analyst, url: '/api/v1/snapshot/92' })).json() as Snapshot;
    expect(snap.cells.find((c) => c.key === '31135|wl-can-tho|water_level')?.value).toBe(150);
    await waitUntil('readyz to report the database away', async () => (await ready()) === 503, 15_000, 200);
    const why = await app.inject({ url: '/readyz' });
    expect(why.json()).toMatchObject({ status: 'unavailable' });
    expect(why.headers['retry-after']).toBe('5');

    await pg.resume();
    await waitUntil('readyz after the database returned', async () => (await ready()) === 200, 30_000, 200);
    // the feed retries what was refused: stored once each, and nothing refused was kept
    const retry = await sendFeed(app, 'POST', '/api/v1/observations/batch', { observations: [reading('during-1', 1), reading('during-2', 2)] });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await history()).toEqual([
      { t: T0, value: 150 },
      { t: T0 + 1000, value: 151 },
      { t: T0 + 2000, value: 152 },
    ]);
  });
});
