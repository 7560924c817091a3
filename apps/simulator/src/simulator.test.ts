import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IngestResponse, ItemResult, ObservationInput } from '@cityioc/contracts';
import { CAN_THO_CATALOGUE, indexCatalogue, validateObservation } from '@cityioc/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type LogEntry } from './simulator.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface FakeIngest {
  url: string;
  /** Raw bodies of every batch request, in arrival order. */
  bodies: string[];
  /** Observations stored (first time an id is seen). */
  stored: Map<string, ObservationInput>;
  duplicates: number;
  invalid: { id: string; errors: unknown }[];
  keys: string[];
}

/**
 * A stand-in for the ingest on port 0 speaking the public contract: /readyz, and the batch
 * endpoint validating each item with the domain rules, idempotent by id. `failFirst` answers
 * that many batch requests with 503 first.
 */
async function fakeIngest(opts: { ready?: boolean; failFirst?: number } = {}): Promise<FakeIngest> {
  const state: FakeIngest = { url: '', bodies: [], stored: new Map(), duplicates: 0, invalid: [], keys: [] };
  let failures = opts.failFirst ?? 0;
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/readyz') return send(res, opts.ready === false ? 503 : 200, { ok: opts.ready !== false });
      if (req.url !== '/api/v1/observations/batch' || req.method !== 'POST') return send(res, 404, {});
      const body = Buffer.concat(chunks).toString();
      state.bodies.push(body);
      state.keys.push(String(req.headers['x-api-key']));
      if (failures > 0) {
        failures--;
        return send(res, 503, { statusCode: 503, error: 'unavailable', message: 'warming up' });
      }
      const items = (JSON.parse(body) as { observations: ObservationInput[] }).observations;
      const results: ItemResult[] = items.map((o, i) => {
        const v = validateObservation(o, { index, now: Date.now(), source: 'simulator' });
        if (!v.ok) {
          state.invalid.push({ id: o.id, errors: v.errors });
          return { index: i, id: o.id, status: 'rejected', errors: v.errors };
        }
        if (state.stored.has(o.id)) {
          state.duplicates++;
          return { index: i, id: o.id, status: 'duplicate' };
        }
        state.stored.set(o.id, o);
        return { index: i, id: o.id, status: 'accepted' };
      });
      const count = (s: string) => results.filter((r) => r.status === s).length;
      const answer: IngestResponse = { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results };
      send(res, answer.rejected > 0 ? 422 : 200, answer);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startSimulator', () => {
  it('waits for readiness, posts valid observations of every feed, retries with the same ids, stops cleanly', async () => {
    const ioc = await fakeIngest({ failFirst: 1 });
    const logs: LogEntry[] = [];
    const sim = startSimulator({
      iocUrl: ioc.url,
      apiKey: 'test-key',
      monitoringIntervalMs: 40,
      dossierIntervalMs: 60,
      logIntervalMs: 150,
      log: (e) => logs.push(e),
      sender: { baseDelayMs: 20 },
    });
    await wait(600);
    await sim.stop();
    expect(await sim.finished).toBe('stopped');

    expect(ioc.invalid).toEqual([]);
    expect(ioc.keys.every((k) => k === 'test-key')).toBe(true);
    // The first request got a 503; the retry carried the very same body.
    expect(ioc.bodies[1]).toBe(ioc.bodies[0]);
    expect(ioc.bodies.length).toBeGreaterThan(5);

    const stored = [...ioc.stored.values()];
    const stations = (indicator: string) => new Set(stored.filter((o) => o.indicator === indicator).map((o) => o.station));
    expect(stations('water_level')).toEqual(new Set(['wl-can-tho', 'wl-cai-rang', 'wl-o-mon', 'wl-thot-not']));
    expect(stations('pm25')).toEqual(new Set(['aq-ninh-kieu', 'aq-tra-noc', 'aq-cai-rang']));
    expect(stations('aqi')).toEqual(new Set(['aq-ninh-kieu', 'aq-tra-noc', 'aq-cai-rang']));
    for (const ind of ['dossiers_received', 'dossiers_overdue', 'dossiers_on_time_rate', 'dossiers_online_rate', 'online_payment_rate']) {
      expect(new Set(stored.filter((o) => o.indicator === ind).map((o) => o.area)).size).toBe(9);
    }

    const summaries = logs.filter((l) => l.msg === 'simulator');
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    expect(summaries[0]).toMatchObject({ outbox: expect.any(Number), waterLevel: expect.any(Object), aqi: expect.any(Object) });
    expect(logs.at(-1)).toMatchObject({ msg: 'stopped' });

    // Nothing is sent after stop().
    const n = ioc.bodies.length;
    await wait(150);
    expect(ioc.bodies.length).toBe(n);
  });

  it("ends with 'not_ready' when /readyz never answers 200", async () => {
    const ioc = await fakeIngest({ ready: false });
    const logs: LogEntry[] = [];
    const sim = startSimulator({ iocUrl: ioc.url, readyTimeoutMs: 300, log: (e) => logs.push(e) });
    expect(await sim.finished).toBe('not_ready');
    await sim.stop();
    expect(ioc.bodies).toEqual([]);
    expect(logs.some((l) => l.level === 'error')).toBe(true);
  });

  it('can be stopped while it waits for the IOC', async () => {
    const ioc = await fakeIngest({ ready: false });
    const sim = startSimulator({ iocUrl: ioc.url, log: () => {} });
    await wait(50);
    const t0 = performance.now();
    await sim.stop();
    expect(await sim.finished).toBe('stopped');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
