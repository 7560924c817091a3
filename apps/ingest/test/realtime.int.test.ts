import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION, type Delta, type Heartbeat, type Snapshot } from '@cityioc/contracts';
import { buildTestApp, ratio, T0, TEST_KEY, wl, AS, TEST_TOKENS } from './helpers/build-test-app.ts';
import { connected, socketClients, subscribe, listen, type ClientSocket } from './helpers/socket-client.ts';
import { waitUntil } from '../../../test-support/wait.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let url: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ tickMs: 50, heartbeatMs: 100 }));
  url = await listen(app);
});
afterEach(async () => cleanup());
const open = socketClients();

/** A client of this build's protocol, a leader of the whole city unless `auth` says otherwise. */
const client = (auth: Record<string, unknown> = { token: TEST_TOKENS.leader }): ClientSocket => open(url, auth);
const post = (observations: unknown[]) =>
  app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: { 'x-api-key': TEST_KEY }, payload: { observations } });

function collect(s: ClientSocket): Delta[] {
  const out: Delta[] = [];
  s.on('deltaV1', (d) => out.push(d));
  return out;
}
describe('Socket.IO live delivery (real client, real server on a free port)', () => {
  it('refuses a client with another protocol version, saying so', async () => {
    const s = client({ protocol: PROTOCOL_VERSION + 1 });
    const err = await connected(s).then(
      () => null,
      (e: Error & { data?: unknown }) => e,
    );
    expect(err?.message).toBe('protocol_mismatch');
    expect(err?.data).toEqual({ code: 'protocol_mismatch', serverProtocol: PROTOCOL_VERSION });
  });

  it('refuses unknown scopes at subscription', async () => {
    const s = client();
    await connected(s);
    expect(await subscribe(s, ['92', '999'])).toEqual({ ok: false, error: 'unknown scope', unknown: ['999'] });
  });

  it('delivers the delta of a posted observation to subscribers of its scope only', async () => {
    const city = client();
    const other = client();
    await Promise.all([connected(city), connected(other)]);
    const ack = await subscribe(city, ['92']);
    expect(ack).toEqual({ ok: true, scopes: [{ scope: '92', version: 0 }], epoch: app.ioc.live.epoch });
    await subscribe(other, ['31299']);
    const got = collect(city);
    const gotOther = collect(other);
    const r = await post([wl('w1', 191), ratio('p1', '31135', 42, 100)]);
    expect(r.statusCode).toBe(200);
    await waitUntil('the city delta', () => got.length > 0);
    const d = got[0]!;
    expect(d.scope).toBe('92');
    expect(d.fromVersion).toBe(0);
    // two observations and the two values derived from the water level (flood rank, margin to BĐ I)
    expect(d.toVersion).toBe(4);
    expect(d.epoch).toBe(app.ioc.live.epoch);
    const byKey = Object.fromEntries(d.changes.map((c) => [c.key, c]));
    expect(byKey['31135|wl-can-tho|water_level']?.value).toBe(191);
    expect(byKey['92||e_document_rate']).toMatchObject({ numerator: 42, denominator: 100, value: 0.42 });
    // deterministic "nothing for the other scope": its first delta is the one of its own later change
    await post([ratio('p2', '31299', 1, 4)]);
    await waitUntil("the other scope's own delta", () => gotOther.length > 0);
    expect(gotOther.flatMap((d) => d.changes.map((c) => c.key))).toEqual(['31299||e_document_rate']);
  });

  it('coalesces a burst into few deltas whose versions chain without gaps and end at the snapshot', async () => {
    const s = client();
    await connected(s);
    await subscribe(s, ['92']);
    const got = collect(s);
    const bursts = Array.from({ length: 10 }, (_, b) =>
      Array.from({ length: 500 }, (_, i) =>
        wl(`b${b}-${i}`, (b * 500 + i) % 250, { observedAt: new Date(Date.parse('2026-11-22T00:00:00Z') + b * 500 + i).toISOString() }),
      ),
    );
    for (const batch of bursts) await post(batch);
    const snap = (await app.inject({ headers: AS.analyst, url: '/api/v1/snapshot/92' })).json() as Snapshot;
    await waitUntil('the delta reaching the snapshot version', () => got.length > 0 && got[got.length - 1]!.toVersion === snap.version);
    expect(got.length).toBeLessThan(20);
    for (let i = 1; i < got.length; i++) expect(got[i]!.fromVersion).toBe(got[i - 1]!.toVersion);
    const last = new Map<string, number | null>();
    for (const d of got) for (const c of d.changes) last.set(c.key, c.value);
    for (const c of snap.cells) expect(last.get(c.key)).toBe(c.value);
    expect(snap.cells.find((c) => c.key === '31135|wl-can-tho|water_level')?.value).toBe(4999 % 250);
  });

  it('sends heartbeats with server time, epoch and live version', async () => {
    const s = client();
    await connected(s);
    await post([wl('h1', 100)]);
    // a heartbeat sent before the commit may still be on its way (seq 0): the first one after it counts
    const hb = await new Promise<Heartbeat>((r) => {
      const on = (h: Heartbeat) => {
        if (h.seq === 0) return;
        s.off('heartbeatV1', on);
        r(h);
      };
      s.on('heartbeatV1', on);
    });
    expect(hb.epoch).toBe(app.ioc.live.epoch);
    expect(hb.seq).toBe(3); // the observation and its two derived values
    expect(hb.tickMs).toBe(50);
    expect(hb.serverTime).toBe(T0 + 60_000); // the injected clock, not the machine's
  });
});

describe('adaptive coalescing (real client)', () => {
  it('a lone event on a quiet server reaches the client at once, not at the next tick', async () => {
    await cleanup();
    ({ app, cleanup } = await buildTestApp({ tickMs: 10_000, heartbeatMs: 60_000 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const s = client();
    await connected(s);
    await subscribe(s, ['92']);
    const got = collect(s);
    const t0 = performance.now();
    expect((await post([wl('quiet-1', 150)])).statusCode).toBe(200);
    await waitUntil('the delta of the lone event', () => got.length > 0, 5_000);
    // with a 10 s tick, a tick-bound push would take seconds; this one leaves right after the commit
    expect(performance.now() - t0).toBeLessThan(2_500);
    expect(got[0]!.changes.find((c) => c.key === '31135|wl-can-tho|water_level')?.value).toBe(150);
  });
});

describe('viewer token (IOC_VIEWER_TOKEN: a leader of the whole city)', () => {
  it('refuses sockets and snapshots without a credential; accepts the viewer token', async () => {
    await cleanup();
    ({ app, cleanup } = await buildTestApp({ viewerToken: 'wall-token-123' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const bad = client({ protocol: PROTOCOL_VERSION, token: 'nope' });
    await expect(connected(bad)).rejects.toThrow('the bearer token is not valid');
    await expect(connected(client({ protocol: PROTOCOL_VERSION }))).rejects.toThrow('sign in (session cookie) or send a bearer token (Authorization: Bearer)');
    const good = client({ protocol: PROTOCOL_VERSION, token: 'wall-token-123' });
    await connected(good);
    expect((await app.inject({ url: '/api/v1/snapshot/92' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/snapshot/92', headers: { authorization: 'Bearer wall-token-123' } })).statusCode).toBe(200);
  });
});
