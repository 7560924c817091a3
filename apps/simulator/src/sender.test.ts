import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IngestResponse, ObservationInput } from '@cityioc/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, createSender, parseRetryAfter, sleep, waitForReady } from './sender.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: Received, res: ServerResponse, n: number) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A throwaway HTTP server on port 0 that records every request and answers with `handler`. */
async function startServer(handler: Handler, port = 0): Promise<{ url: string; port: number; requests: Received[] }> {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
      requests.push(r);
      handler(r, res, requests.length);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const p = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${p}`, port: p, requests };
}

/** A free port with nothing listening on it (so connections are refused). */
async function refusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** What a well-behaved ingest answers: everything accepted. */
function acceptAll(req: Received): IngestResponse {
  const items = (JSON.parse(req.body) as { observations: ObservationInput[] }).observations;
  return {
    accepted: items.length,
    duplicates: 0,
    rejected: 0,
    results: items.map((o, index) => ({ index, id: o.id, status: 'accepted' as const })),
  };
}

const OBS: ObservationInput[] = [
  { id: 'sim-wl-can-tho-water_level-1', indicator: 'water_level', area: '916', station: 'wl-can-tho', observedAt: '2026-11-22T07:00:00.000+07:00', value: 180 },
  { id: 'sim-aq-ninh-kieu-aqi-1', indicator: 'aqi', area: '916', station: 'aq-ninh-kieu', observedAt: '2026-11-22T07:00:00.000+07:00', value: 60 },
  { id: 'sim-aq-ninh-kieu-pm25-1', indicator: 'pm25', area: '916', station: 'aq-ninh-kieu', observedAt: '2026-11-22T07:00:00.000+07:00', value: 31 },
];

/** Records the waits the sender asks for, without waiting. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

describe('sender', () => {
  it('POSTs the batch with the API key and reports the counts', async () => {
    const srv = await startServer((req, res) => json(res, 200, acceptAll(req)));
    const out = await createSender({ baseUrl: srv.url, apiKey: 'k1' }).send(OBS);
    expect(out).toMatchObject({ kind: 'stored', status: 200, accepted: 3, duplicates: 0, rejected: 0, attempts: 1 });
    const [req] = srv.requests;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/api/v1/observations/batch');
    expect(req!.headers['x-api-key']).toBe('k1');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req!.body)).toEqual({ observations: OBS });
  });

  it('posts to another endpoint under another key, splitting at its own batch limit', async () => {
    const srv = await startServer((req, res) => {
      const events = (JSON.parse(req.body) as { events: { eventId: string }[] }).events;
      json(res, 200, {
        accepted: events.length,
        duplicates: 0,
        rejected: 0,
        results: events.map((e, index) => ({ index, id: e.eventId, status: 'accepted' })),
      });
    });
    const events = [1, 2, 3].map((n) => ({ eventId: `sim-dos-x-${n}` }));
    const out = await createSender<{ eventId: string }>({
      baseUrl: srv.url,
      apiKey: 'k',
      path: '/api/v1/dossiers/events',
      itemsKey: 'events',
      maxItems: 2,
    }).send(events);
    expect(out).toMatchObject({ kind: 'stored', status: 200, accepted: 3 });
    expect(srv.requests.map((r) => r.url)).toEqual(['/api/v1/dossiers/events', '/api/v1/dossiers/events']);
    expect(srv.requests.map((r) => JSON.parse(r.body))).toEqual([{ events: events.slice(0, 2) }, { events: events.slice(2) }]);
  });

  it('retries a 503 with backoff and the SAME ids, then succeeds', async () => {
    const srv = await startServer((req, res, n) =>
      n < 3 ? json(res, 503, { statusCode: 503, error: 'unavailable', message: 'busy' }) : json(res, 200, acceptAll(req)),
    );
    const s = recordingSleep();
    const retries: unknown[] = [];
    const out = await createSender({
      baseUrl: srv.url,
      apiKey: 'k',
      sleep: s.sleep,
      random: () => 1,
      baseDelayMs: 100,
      onRetry: (r) => retries.push(r),
    }).send(OBS);
    expect(out).toMatchObject({ kind: 'stored', accepted: 3, attempts: 3 });
    expect(srv.requests).toHaveLength(3);
    const ids = srv.requests.map((r) => (JSON.parse(r.body) as { observations: ObservationInput[] }).observations.map((o) => o.id));
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    expect(srv.requests[2]!.body).toBe(srv.requests[0]!.body);
    expect(s.delays).toEqual([100, 200]);
    expect(retries).toEqual([
      { attempt: 1, status: 503, error: '503 unavailable: busy', delayMs: 100 },
      { attempt: 2, status: 503, error: '503 unavailable: busy', delayMs: 200 },
    ]);
  });

  it('honours Retry-After on 429 (seconds and HTTP date)', async () => {
    const srv = await startServer((req, res, n) =>
      n === 1
        ? json(res, 429, { statusCode: 429, error: 'rate_limited', message: 'slow down' }, { 'retry-after': '2' })
        : n === 2
          ? json(res, 429, { statusCode: 429, error: 'rate_limited', message: 'slow down' }, { 'retry-after': 'Sun, 22 Nov 2026 00:00:07 GMT' })
          : json(res, 200, acceptAll(req)),
    );
    const s = recordingSleep();
    const now = () => Date.parse('2026-11-22T00:00:00Z');
    const out = await createSender({ baseUrl: srv.url, apiKey: 'k', sleep: s.sleep, now, random: () => 0 }).send(OBS);
    expect(out).toMatchObject({ kind: 'stored', attempts: 3 });
    expect(s.delays).toEqual([2000, 7000]);
  });

  it('really waits for Retry-After with the default clock', async () => {
    const srv = await startServer((req, res, n) =>
      n === 1 ? json(res, 429, { statusCode: 429, error: 'rate_limited', message: '' }, { 'retry-after': '1' }) : json(res, 200, acceptAll(req)),
    );
    const t0 = performance.now();
    const out = await createSender({ baseUrl: srv.url, apiKey: 'k' }).send(OBS);
    expect(out.kind).toBe('stored');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('reports the rejected items of a 422 and does not retry them', async () => {
    const srv = await startServer((req, res) => {
      const r = acceptAll(req);
      r.results[1] = {
        index: 1,
        id: OBS[1]!.id,
        status: 'rejected',
        errors: [{ field: '/value', reason: 'range', message: 'value 900 is above the maximum 500 AQI' }],
      };
      json(res, 422, { ...r, accepted: 2, rejected: 1 });
    });
    const s = recordingSleep();
    const out = await createSender({ baseUrl: srv.url, apiKey: 'k', sleep: s.sleep }).send(OBS);
    expect(out).toMatchObject({ kind: 'stored', status: 422, accepted: 2, rejected: 1, attempts: 1 });
    if (out.kind !== 'stored') throw new Error('unreachable');
    expect(out.rejectedItems).toEqual([
      { index: 1, id: OBS[1]!.id, errors: [{ field: '/value', reason: 'range', message: 'value 900 is above the maximum 500 AQI' }] },
    ]);
    expect(srv.requests).toHaveLength(1);
    expect(s.delays).toEqual([]);
  });

  it('backs off exponentially when the connection is refused, then gives up (retryable)', async () => {
    const port = await refusedPort();
    const s = recordingSleep();
    const out = await createSender({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'k',
      sleep: s.sleep,
      random: () => 1,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      maxAttempts: 6,
    }).send(OBS);
    expect(out).toMatchObject({ kind: 'failed', retryable: true, status: null, error: 'ECONNREFUSED', attempts: 6 });
    expect(s.delays).toEqual([100, 200, 400, 800, 1000]);
  });

  it('recovers when the server comes up during the backoff, sending the same ids', async () => {
    const port = await refusedPort();
    let srv: Awaited<ReturnType<typeof startServer>> | undefined;
    const delays: number[] = [];
    const out = await createSender({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'k',
      baseDelayMs: 10,
      sleep: async (ms) => {
        delays.push(ms);
        if (delays.length === 2) srv = await startServer((req, res) => json(res, 200, acceptAll(req)), port);
      },
    }).send(OBS);
    expect(out).toMatchObject({ kind: 'stored', accepted: 3, attempts: 3 });
    expect(delays).toHaveLength(2);
    expect(JSON.parse(srv!.requests[0]!.body)).toEqual({ observations: OBS });
  });

  it('does not retry 401 (bad key)', async () => {
    const srv = await startServer((_req, res) => json(res, 401, { statusCode: 401, error: 'unauthorized', message: 'bad API key' }));
    const s = recordingSleep();
    const out = await createSender({ baseUrl: srv.url, apiKey: 'nope', sleep: s.sleep }).send(OBS);
    expect(out).toEqual({ kind: 'failed', retryable: false, status: 401, error: '401 unauthorized: bad API key', attempts: 1 });
    expect(srv.requests).toHaveLength(1);
  });

  it('splits a batch the server finds too large (413), keeping item indexes', async () => {
    const srv = await startServer((req, res) => {
      const items = (JSON.parse(req.body) as { observations: ObservationInput[] }).observations;
      if (items.length > 1) return json(res, 413, { statusCode: 413, error: 'body_too_large', message: 'too large' });
      json(res, 422, { accepted: 0, duplicates: 0, rejected: 1, results: [{ index: 0, id: items[0]!.id, status: 'rejected', errors: [] }] });
    });
    const out = await createSender({ baseUrl: srv.url, apiKey: 'k' }).send(OBS);
    expect(out).toMatchObject({ kind: 'stored', status: 422, rejected: 3 });
    if (out.kind !== 'stored') throw new Error('unreachable');
    expect(out.rejectedItems.map((r) => [r.index, r.id])).toEqual(OBS.map((o, i) => [i, o.id]));
  });

  it('stops waiting when aborted', async () => {
    const srv = await startServer((_req, res) => json(res, 503, {}));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = performance.now();
    const out = await createSender({ baseUrl: srv.url, apiKey: 'k', baseDelayMs: 10_000, signal: ac.signal }).send(OBS);
    expect(out.kind).toBe('aborted');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('lets a request in flight at shutdown finish, and sends nothing after it', async () => {
    const ac = new AbortController();
    // shutdown while the server holds each request; the first is answered 200, a retry would be a second request
    const ok = await startServer((req, res) => {
      ac.abort();
      json(res, 200, acceptAll(req));
    });
    expect(await createSender({ baseUrl: ok.url, apiKey: 'k', signal: ac.signal }).send(OBS)).toMatchObject({ kind: 'stored', accepted: 3 });
    expect(ok.requests).toHaveLength(1);
    const again = new AbortController();
    const failing = await startServer((_req, res) => {
      again.abort();
      json(res, 503, {});
    });
    expect(await createSender({ baseUrl: failing.url, apiKey: 'k', baseDelayMs: 1, signal: again.signal }).send(OBS)).toEqual({ kind: 'aborted', attempts: 1 });
    expect(failing.requests).toHaveLength(1);
  });

  it('computes backoff and parses Retry-After', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffDelay(a, 500, 30_000, () => 1))).toEqual([500, 1000, 2000, 4000, 30_000]);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(1000);
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1000)).toBe(4000);
  });
});

describe('waitForReady', () => {
  it('polls /readyz until it answers 200', async () => {
    const srv = await startServer((_req, res, n) => json(res, n < 3 ? 503 : 200, {}));
    const s = recordingSleep();
    expect(await waitForReady(srv.url, { sleep: s.sleep })).toBe(true);
    expect(srv.requests.map((r) => r.url)).toEqual(['/readyz', '/readyz', '/readyz']);
    expect(s.delays).toEqual([250, 500]);
  });

  it('gives up after its timeout when nothing answers', async () => {
    const port = await refusedPort();
    let t = 0;
    const out = await waitForReady(`http://127.0.0.1:${port}`, {
      timeoutMs: 60_000,
      now: () => t,
      sleep: async (ms) => void (t += ms),
    });
    expect(out).toBe(false);
    expect(t).toBe(60_000);
  });

  it('the default sleep resolves early on abort', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const t0 = performance.now();
    await sleep(10_000, ac.signal);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
