import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { io as connect, type Socket } from 'socket.io-client';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ClientToServerEvents, type Delta, type ServerToClientEvents } from '@cityioc/contracts';
import { loadConfig } from '../env.ts';
import { AS, buildTestApp, T0, TEST_KEY, TEST_TOKENS, wl } from '../../test/helpers/build-test-app.ts';
import { waitUntil } from '../../../../test-support/wait.ts';

const TOKEN = 'metrics-token-0123456789';
const MIN = 60_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An app whose IOC_METRICS_TOKEN is `token` (none: null). */
async function start(overrides: Parameters<typeof buildTestApp>[0] = {}, token: string | null = TOKEN): Promise<FastifyInstance> {
  const access = loadConfig({ IOC_API_KEYS: `tester:${TEST_KEY}`, ...(token ? { IOC_METRICS_TOKEN: token } : {}) }).access;
  const t = await buildTestApp({ tickMs: 50, access, ...overrides });
  cleanups.push(t.cleanup);
  return t.app;
}

type Family = ReturnType<typeof parsePrometheusTextFormat>[number];

/**
 * The endpoint read the way Prometheus reads it: the text format, parsed by a Prometheus text
 * parser. That parser folds only unlabelled histograms into one family; labelled ones are read
 * series by series (`<name>_bucket`, `_sum`, `_count`, each line still parsed and checked).
 */
async function scrape(app: FastifyInstance): Promise<Map<string, Family>> {
  const r = await app.inject({ url: '/metrics' });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = r.body.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped');
  return new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
}

/** The value of the sample of `name` whose labels include `labels`. */
function value(m: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  const family = m.get(name);
  if (!family) throw new Error(`no metric ${name}`);
  const sample = family.metrics.find((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v));
  if (!sample || !('value' in sample)) throw new Error(`no sample of ${name} with ${JSON.stringify(labels)}`);
  return Number(sample.value);
}

function histogram(m: Map<string, Family>, name: string, labels: Record<string, string>): { count: number; sum: number } {
  return { count: value(m, `${name}_count`, labels), sum: value(m, `${name}_sum`, labels) };
}

const batch = (app: FastifyInstance, observations: unknown[]) =>
  app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: { 'x-api-key': TEST_KEY }, payload: { observations } });

describe('GET /metrics (Prometheus)', () => {
  it('after real ingest: per-feed counts and refusals by reason, commits, live version, deltas and clients, store, checkpoint, alerts, runtime', async () => {
    const app = await start();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
      auth: { protocol: PROTOCOL_VERSION, token: TEST_TOKENS.leader },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    cleanups.push(async () => void socket.disconnect());
    await new Promise<void>((r) => socket.once('connect', () => r()));
    await new Promise((r) => socket.emit('subscribeV1', ['92'], r));
    const deltas: Delta[] = [];
    socket.on('deltaV1', (d) => deltas.push(d));

    const before = await scrape(app);
    expect(value(before, 'ioc_checkpoint_age_seconds')).toBeNaN();
    expect(value(before, 'ioc_socket_clients')).toBe(1);

    // a level rising through BĐ I at Cần Thơ (8 readings: one flood-band alert), then a batch with 2 bad items
    const rising = [170, 176, 181, 183, 185, 186, 187, 188].map((v, i) => wl(`m-rise-${i}`, v, { observedAt: new Date(T0 - (7 - i) * 5 * MIN).toISOString() }));
    expect((await batch(app, rising)).statusCode).toBe(200);
    const mixed = await batch(app, [wl('m-ok', 150), wl('m-high', 5000), wl('m-bad', 0, { value: 'x' }), wl('m-ok', 150)]);
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json()).toMatchObject({ accepted: 1, duplicates: 1, rejected: 2 });
    const nd = await app.inject({
      method: 'POST',
      url: '/api/v1/observations/ndjson',
      headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/x-ndjson' },
      payload: [wl('m-nd-1', 151), wl('m-nd-2', 152)].map((o) => JSON.stringify(o)).join('\n') + '\n{not json',
    });
    expect(nd.statusCode).toBe(422);
    await app.ioc.alerts.flush();
    await waitUntil('the delta of the last commit', () => deltas.at(-1)?.toVersion === app.ioc.live.state.version('92'));
    await app.checkpointNow();

    const m = await scrape(app);
    const feed = { feed: 'http:tester', kind: 'http', source: 'tester' };
    expect(value(m, 'ioc_feed_items_total', { ...feed, outcome: 'accepted' })).toBe(8 + 1 + 2);
    expect(value(m, 'ioc_feed_items_total', { ...feed, outcome: 'duplicate' })).toBe(1);
    expect(value(m, 'ioc_feed_items_total', { ...feed, outcome: 'rejected' })).toBe(2 + 1);
    expect(value(m, 'ioc_feed_refusals_total', { feed: 'http:tester', reason: 'range' })).toBe(1);
    expect(value(m, 'ioc_feed_refusals_total', { feed: 'http:tester', reason: 'type' })).toBe(1);
    expect(value(m, 'ioc_feed_refusals_total', { feed: 'http:tester', reason: 'invalid_json' })).toBe(1);
    expect(value(m, 'ioc_feed_status', { feed: 'http:tester', status: 'live' })).toBe(1);
    expect(value(m, 'ioc_feed_status', { feed: 'http:tester', status: 'stale' })).toBe(0);
    expect(value(m, 'ioc_feed_last_seen_age_seconds', { feed: 'http:tester' })).toBe(0); // the injected clock stands still

    // three requests, three transactions, 11 rows stored (a duplicate id inside the batch is not a row)
    const rows = histogram(m, 'ioc_commit_rows', { log: 'observations' });
    expect(rows).toEqual({ count: 3, sum: 8 + 2 + 2 });
    expect(histogram(m, 'ioc_commit_duration_seconds', { log: 'observations' }).count).toBe(3);
    expect(histogram(m, 'ioc_group_commit_requests', { log: 'observations' })).toEqual({ count: 3, sum: 3 });

    expect(value(m, 'ioc_live_version')).toBe(app.ioc.live.currentVersion);
    expect(value(m, 'ioc_live_observations_seq')).toBe(11);
    expect(value(m, 'ioc_store_observations_seq')).toBe(11);
    expect(value(m, 'ioc_store_size_bytes', { store: 'sqlite' })).toBeGreaterThan(4096);
    expect(value(m, 'ioc_checkpoint_age_seconds')).toBe(0);
    expect(value(m, 'ioc_alerts_open', { severity: 'medium' })).toBe(1);
    expect(value(m, 'ioc_alerts_open', { severity: 'critical' })).toBe(0);
    expect(value(m, 'ioc_socket_clients')).toBe(1);
    expect(value(m, 'ioc_deltas_total')).toBeGreaterThanOrEqual(deltas.length);
    // every delta this client received was one delivery, and only this socket listens
    expect(value(m, 'ioc_delta_deliveries_total')).toBe(deltas.length);
    expect(histogram(m, 'ioc_tick_duration_seconds', {}).count).toBeGreaterThan(0);
    expect(value(m, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(m.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('answers loopback, another address with the bearer token or an administrator; a request forwarded by a local proxy needs one of them', async () => {
    const app = await start();
    const remote = { remoteAddress: '10.1.2.3' };
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
    const anonymous = await app.inject({ url: '/metrics', ...remote });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({
      statusCode: 401,
      error: 'unauthorized',
      message: 'sign in (session cookie) or send a bearer token (Authorization: Bearer)',
    });
    const wrong = await app.inject({ url: '/metrics', ...remote, headers: { authorization: 'Bearer wrong-token-0123456789' } });
    expect([wrong.statusCode, wrong.json().error]).toEqual([401, 'unauthorized']);
    expect((await app.inject({ url: '/metrics', ...remote, headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics', ...remote, headers: AS.admin })).statusCode).toBe(200);
    const analyst = await app.inject({ url: '/metrics', ...remote, headers: AS.analyst });
    expect(analyst.json()).toEqual({
      statusCode: 403,
      error: 'forbidden',
      message: 'metrics are for the loopback address, the IOC_METRICS_TOKEN or an administrator',
    });
    // nginx on the same machine connects from loopback, but names the client it forwards for
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const viaProxy = await app.inject({ url: '/metrics', headers: { [header]: header === 'forwarded' ? 'for=203.0.113.9' : '203.0.113.9' } });
      expect([header, viaProxy.statusCode]).toEqual([header, 401]);
    }
    expect((await app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
  });

  it('without a token, loopback and administrators only; with IOC_METRICS=false there is no endpoint at all', async () => {
    const app = await start({}, null);
    const r = await app.inject({ url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${TOKEN}` } });
    expect([r.statusCode, r.json().error]).toEqual([401, 'unauthorized']);
    expect((await app.inject({ url: '/metrics', remoteAddress: '10.1.2.4', headers: AS.admin })).statusCode).toBe(200);
    const off = await start({ metrics: false });
    const none = await off.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({ statusCode: 404, error: 'not_found', message: 'GET /metrics does not exist' });
  });
});
