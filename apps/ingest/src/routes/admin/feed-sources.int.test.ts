import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord, FeedKeyCreated, FeedSource, IngestResponse } from '@cityioc/contracts';
import { AS, buildTestApp, T0, TEST_KEY, wl } from '../../../test/helpers/build-test-app.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let now = T0;
afterEach(async () => cleanup?.());
async function start() {
  now = T0;
  ({ app, cleanup } = await buildTestApp({}, { clock: () => now }));
}
const HOUR = 3600_000;
const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers: AS.admin, payload });
const GRANT = { endpoints: ['observations'], stations: ['wl-can-tho', 'aq-ninh-kieu'], units: null, agencies: null };
const SOURCE = { id: 'tram-ninh-kieu', name: 'Trạm quan trắc Ninh Kiều', grant: GRANT };
const postAs = (key: string, observations: unknown[]) =>
  app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: { 'x-api-key': key }, payload: { observations } });
const newKey = async (source = SOURCE.id) => (await admin('POST', `/api/v1/admin/feed-sources/${source}/keys`)).json() as FeedKeyCreated;

describe('feed sources, grants and keys', () => {
  it('a source gets a grant and keys shown once (stored as hashes); its sources of IOC_API_KEYS stay read-only', async () => {
    await start();
    const bad = await admin('POST', '/api/v1/admin/feed-sources', { ...SOURCE, grant: { ...GRANT, stations: ['wl-khong-co'] } });
    expect(bad.json()).toEqual({
      statusCode: 400,
      error: 'invalid_grant',
      message: "station 'wl-khong-co' is not in the catalogue",
      details: [{ field: '/grant/stations/0', reason: 'unknown_station', message: "station 'wl-khong-co' is not in the catalogue" }],
    });
    const created = await admin('POST', '/api/v1/admin/feed-sources', SOURCE);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ ...SOURCE, fromEnvironment: false, createdAt: T0, updatedAt: T0, keys: [] });
    expect((await admin('POST', '/api/v1/admin/feed-sources', SOURCE)).statusCode).toBe(409);
    expect((await admin('POST', '/api/v1/admin/feed-sources', { ...SOURCE, id: 'tester' })).json()).toMatchObject({ error: 'source_taken' });
    expect((await admin('PATCH', '/api/v1/admin/feed-sources/tester', { name: 'x' })).json()).toMatchObject({ statusCode: 409, error: 'from_environment' });
    const k = await newKey();
    expect(k.secret).toMatch(/^ioc_[A-Za-z0-9_-]{43}$/);
    expect(k.key).toEqual({ id: k.key.id, prefix: k.secret.slice(0, 10), createdAt: T0, expiresAt: null, revokedAt: null });
    const list = await admin('GET', '/api/v1/admin/feed-sources');
    expect(list.body).not.toContain(k.secret);
    const sources = (list.json() as { sources: FeedSource[] }).sources;
    expect(sources.map((s) => [s.id, s.fromEnvironment, s.keys.length])).toEqual([
      ['tester', true, 0],
      [SOURCE.id, false, 1],
    ]);
    expect((await app.ioc.store.accounts.feedKeys())[0]!.keyHash).not.toContain(k.secret);
    expect((await postAs(k.secret, [wl('g1', 120)])).json()).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('judges a batch item by item against the grant: outside_grant names the part; an endpoint not granted is 403', async () => {
    await start();
    await admin('POST', '/api/v1/admin/feed-sources', SOURCE);
    const { secret } = await newKey();
    const r = await postAs(secret, [wl('i1', 121), wl('i2', 122, { station: 'wl-o-mon', area: '31153' }), wl('i3', 123)]);
    expect(r.statusCode).toBe(422);
    const body = r.json() as IngestResponse;
    expect(body.accepted).toBe(2);
    expect(body.results[1]).toEqual({
      index: 1,
      id: 'i2',
      status: 'rejected',
      errors: [{ field: '/station', reason: 'outside_grant', message: "this key may not write station 'wl-o-mon'" }],
    });
    // by unit: a grant of 916 admits its stations, refuses another district's
    await admin('PATCH', `/api/v1/admin/feed-sources/${SOURCE.id}`, { grant: { ...GRANT, stations: null, units: ['31135'] } });
    const byUnit = (await postAs(secret, [wl('u1', 120), wl('u2', 120, { station: 'wl-o-mon', area: '31153' })])).json() as IngestResponse;
    expect(byUnit.results.map((x) => [x.status, x.errors?.[0]?.reason ?? null])).toEqual([
      ['accepted', null],
      ['rejected', 'outside_grant'],
    ]);
    const dossier = await app.inject({ method: 'POST', url: '/api/v1/dossiers/events', headers: { 'x-api-key': secret }, payload: { events: [{}] } });
    expect(dossier.json()).toEqual({ statusCode: 403, error: 'outside_grant', message: `the key of '${SOURCE.id}' is not granted the dossiers feed` });
    // the environment's keys keep writing everything
    expect((await postAs(TEST_KEY, [wl('e1', 120, { station: 'wl-o-mon', area: '31153' })])).statusCode).toBe(200);
  });

  it('rotation: the old key stays valid for IOC_KEY_OVERLAP_HOURS, then 401; a revoked key stops at once', async () => {
    await start();
    await admin('POST', '/api/v1/admin/feed-sources', SOURCE);
    const first = await newKey();
    now = T0 + HOUR;
    const second = await newKey();
    const listed = ((await admin('GET', '/api/v1/admin/feed-sources')).json() as { sources: FeedSource[] }).sources.find((s) => s.id === SOURCE.id)!;
    expect(listed.keys.map((k) => [k.id, k.expiresAt])).toEqual([
      [first.key.id, T0 + HOUR + 24 * HOUR],
      [second.key.id, null],
    ]);
    const at = (ms: number, key: string, id: string) => {
      now = ms;
      return postAs(key, [wl(id, 120, { observedAt: new Date(ms - 60_000).toISOString() })]);
    };
    expect((await at(T0 + 2 * HOUR, first.secret, 'r1')).statusCode).toBe(200);
    expect((await at(T0 + 25 * HOUR - 1, first.secret, 'r2')).statusCode).toBe(200);
    expect((await at(T0 + 25 * HOUR, first.secret, 'r3')).json()).toEqual({ statusCode: 401, error: 'unauthorized', message: 'the API key is not valid' });
    expect((await at(T0 + 25 * HOUR, second.secret, 'r4')).statusCode).toBe(200);
    expect((await admin('DELETE', `/api/v1/admin/feed-sources/${SOURCE.id}/keys/${second.key.id}`)).statusCode).toBe(204);
    expect((await at(T0 + 25 * HOUR, second.secret, 'r5')).statusCode).toBe(401);
    expect((await admin('DELETE', `/api/v1/admin/feed-sources/${SOURCE.id}/keys/${second.key.id}`)).statusCode).toBe(404);
    const audit = ((await admin('GET', '/api/v1/admin/audit?action=feed_source.')).json() as { records: AuditRecord[] }).records;
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ['feed_source.key_revoke', `${SOURCE.id}/${second.key.id}`],
      ['feed_source.key_create', `${SOURCE.id}/${second.key.id}`],
      ['feed_source.key_create', `${SOURCE.id}/${first.key.id}`],
      ['feed_source.create', SOURCE.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(first.secret);
  });

  it('keys survive a restart (the keyring is read from the store before any request)', async () => {
    await start();
    await admin('POST', '/api/v1/admin/feed-sources', SOURCE);
    const { secret } = await newKey();
    const config = app.ioc.config;
    await app.close();
    ({ app, cleanup } = await buildTestApp({}, { clock: () => now, config }));
    expect((await postAs(secret, [wl('after', 120)])).statusCode).toBe(200);
  });
});
