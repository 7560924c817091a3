import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DossierEventSchema,
  DossierRatingSchema,
  PaknEventSchema,
  ProcedureItemSchema,
  type DossierEvent,
  type IngestResponse,
  type ItemResult,
  type ObservationInput,
  type ProcedureItem,
} from '@cityioc/contracts';
import { CAN_THO_AGENCIES, CAN_THO_CATALOGUE, dossierEventRuleErrors, indexAgencies, indexCatalogue, validateObservation } from '@cityioc/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaErrors, type JsonSchema } from './json-schema-check.ts';
import { waitUntil } from '../../../test-support/wait.ts';
import { startSimulator, type LogEntry } from './simulator.ts';
import { DOSSIER_UNITS, PROCEDURES } from './dossier-data.ts';
import { DEMO_REGISTRY } from './geography.ts';
import { citizenReportHistory, CITIZEN_REPORTS } from './history.ts';
import { DEMO_766_PROCEDURES } from './demo-766-catalogue.ts';

// indexed as the ingest indexes it (services.ts): today's catalogue for the live tree, every code checked in the registry
// at the data's date, so a code the 2025 reform re-used (31120: phường An Hòa until 30/6/2025, phường Cái Khế since) is the old unit in 2024
const index = indexCatalogue(CAN_THO_CATALOGUE, DEMO_REGISTRY);
const agencies = indexAgencies(CAN_THO_AGENCIES);

/** The references of a PAKN event or a rating as the ingest checks them: unit, agency at the item's date, procedure in the catalogue received. */
function feedbackErrors(item: Record<string, unknown>, at: string, procedures: readonly ProcedureItem[]): string[] {
  const errors: string[] = [];
  if (typeof item.adminUnitCode === 'string' && !index.area(item.adminUnitCode)) errors.push(`unknown area ${item.adminUnitCode}`);
  if (typeof item.agencyCode === 'string') {
    const a = agencies.lookup(item.agencyCode, Date.parse(at));
    if (!a.ok) errors.push(a.message);
  }
  if (typeof item.procedureCode === 'string' && !procedures.some((p) => p.code === item.procedureCode)) errors.push(`unknown procedure ${item.procedureCode}`);
  return errors;
}
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A wall clock shifted to a fixed instant, so the back-fill is the same whatever day the tests run. */
function shiftedClock(startIso: string): () => number {
  const offset = Date.parse(startIso) - Date.now();
  return () => Date.now() + offset;
}

interface FakeIngest {
  url: string;
  /** Procedure catalogue items received through PUT /api/v1/procedures. */
  procedures: ProcedureItem[];
  /** Raw bodies of every batch request, in arrival order. */
  bodies: string[];
  /** Items stored (first time an id is seen). */
  stored: Map<string, ObservationInput>;
  /** PAKN events and ratings stored, by id. */
  feedback: Map<string, Record<string, unknown>>;
  events: Map<string, DossierEvent>;
  /** Bodies of dossier event requests. */
  eventBodies: number;
  duplicates: number;
  /** A duplicate id whose content differs from what was stored first. */
  conflicts: string[];
  invalid: { id: string; errors: unknown }[];
  keys: string[];
  /** Requests received per path (readiness checks included). */
  received: Map<string, number>;
}

/**
 * A stand-in for the ingest on port 0 speaking the public contract: /readyz, the observation
 * batch endpoint validating each item with the domain rules (codes checked in the registry at the data's date, as the ingest does), and the dossier events endpoint
 * checking the event schema and its rules; both idempotent by id; the procedure catalogue endpoint. `failFirst` answers that many
 * observation batches with 503 first.
 */
async function fakeIngest(
  opts: { ready?: boolean; failFirst?: number; now?: () => number; hold?: (path: string) => Promise<void> | undefined } = {},
): Promise<FakeIngest> {
  const state: FakeIngest = {
    url: '',
    procedures: [],
    bodies: [],
    stored: new Map(),
    feedback: new Map(),
    events: new Map(),
    eventBodies: 0,
    duplicates: 0,
    conflicts: [],
    invalid: [],
    keys: [],
    received: new Map(),
  };
  let failures = opts.failFirst ?? 0;
  const now = opts.now ?? Date.now;
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const answer = (res: ServerResponse, results: ItemResult[]) => {
    const count = (s: string) => results.filter((r) => r.status === s).length;
    const body: IngestResponse = { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results };
    send(res, body.rejected > 0 ? 422 : 200, body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const path = new URL(req.url!, state.url).pathname;
      state.received.set(path, (state.received.get(path) ?? 0) + 1);
      await opts.hold?.(path);
      if (req.url === '/readyz') return send(res, opts.ready === false ? 503 : 200, { ok: opts.ready !== false });
      const body = Buffer.concat(chunks).toString();
      state.keys.push(String(req.headers['x-api-key']));
      if (req.url === '/api/v1/procedures' && req.method === 'PUT') {
        const items = (JSON.parse(body) as { items: unknown[] }).items;
        const bad = items.flatMap((it) => schemaErrors(ProcedureItemSchema as JsonSchema, it));
        state.procedures.push(...(items as ProcedureItem[]));
        return send(res, bad.length > 0 ? 422 : 200, { stored: items.length, unchanged: 0, rejected: bad.length, results: [], errors: bad });
      }
      if (req.url === '/api/v1/dossiers/events' && req.method === 'POST') {
        state.eventBodies++;
        const items = (JSON.parse(body) as { events: DossierEvent[] }).events;
        return answer(
          res,
          items.map((e, i) => {
            const errors = [...schemaErrors(DossierEventSchema as JsonSchema, e), ...dossierEventRuleErrors(e).map((x) => x.message)];
            if (errors.length > 0) {
              state.invalid.push({ id: e.eventId, errors });
              return { index: i, id: e.eventId, status: 'rejected', errors: errors.map((message) => ({ field: '', reason: 'invalid', message })) };
            }
            const prev = state.events.get(e.eventId);
            if (prev) {
              state.duplicates++;
              if (JSON.stringify(prev) !== JSON.stringify(e)) state.conflicts.push(e.eventId);
              return { index: i, id: e.eventId, status: 'duplicate' };
            }
            state.events.set(e.eventId, e);
            return { index: i, id: e.eventId, status: 'accepted' };
          }),
        );
      }
      if ((req.url === '/api/v1/pakn/events' || req.url === '/api/v1/ratings') && req.method === 'POST') {
        const pakn = req.url === '/api/v1/pakn/events';
        const items = (JSON.parse(body) as Record<string, Record<string, unknown>[]>)[pakn ? 'events' : 'ratings']!;
        return answer(
          res,
          items.map((it, i) => {
            const id = String(pakn ? it.eventId : it.ratingId);
            const errors = [
              ...schemaErrors((pakn ? PaknEventSchema : DossierRatingSchema) as JsonSchema, it),
              ...feedbackErrors(it, String(pakn ? it.at : it.ratedAt), state.procedures),
            ];
            if (errors.length > 0) {
              state.invalid.push({ id, errors });
              return { index: i, id, status: 'rejected', errors: errors.map((message) => ({ field: '', reason: 'invalid', message })) };
            }
            if (state.feedback.has(id)) return { index: i, id, status: 'duplicate' };
            state.feedback.set(id, it);
            return { index: i, id, status: 'accepted' };
          }),
        );
      }
      if (req.url !== '/api/v1/observations/batch' || req.method !== 'POST') return send(res, 404, {});
      state.bodies.push(body);
      if (failures > 0) {
        failures--;
        return send(res, 503, { statusCode: 503, error: 'unavailable', message: 'warming up' });
      }
      const items = (JSON.parse(body) as { observations: ObservationInput[] }).observations;
      answer(
        res,
        items.map((o, i) => {
          const v = validateObservation(o, { index, now: now(), source: 'simulator' });
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
        }),
      );
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** fetch, counting the requests the simulator starts and those that have settled, per path. */
function countingFetch() {
  const started = new Map<string, number>();
  let pending = 0;
  const fetcher: typeof fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    started.set(path, (started.get(path) ?? 0) + 1);
    pending++;
    try {
      return await fetch(input, init);
    } finally {
      pending--;
    }
  };
  return { fetch: fetcher, started, pending: () => pending };
}

describe('startSimulator', () => {
  it('waits for readiness, posts valid observations and dossier events, retries with the same ids, stops cleanly', async () => {
    const now = shiftedClock('2026-11-04T10:00:00+07:00');
    const ioc = await fakeIngest({ failFirst: 1, now });
    const logs: LogEntry[] = [];
    const requests = countingFetch();
    const sim = startSimulator({
      iocUrl: ioc.url,
      apiKey: 'test-key',
      monitoringIntervalMs: 40,
      dossierIntervalMs: 60,
      logIntervalMs: 150,
      now,
      fetch: requests.fetch,
      log: (e) => logs.push(e),
      sender: { baseDelayMs: 20 },
    });
    await waitUntil(
      'dossier events, two summaries and a few batches',
      () =>
        ioc.events.size > 0 &&
        [...ioc.feedback.keys()].some((k) => k.startsWith('sim-rating-')) &&
        logs.filter((l) => l.msg === 'simulator').length >= 2 &&
        ioc.bodies.length > 5,
    );
    await sim.stop();
    expect(await sim.finished).toBe('stopped');

    expect(ioc.invalid).toEqual([]);
    expect(ioc.keys.every((k) => k === 'test-key')).toBe(true);
    // the demo's procedure catalogue went in through the public API, every item valid and labelled illustrative
    // every procedure the dossiers name is in it, and 5 that get no dossier; each once as its base version (since 2020), then on the days
    // who applies it changed (1 July 2025: the former district procedures at commune level, land at the land office) and as its publications
    const codes = new Set(ioc.procedures.map((p) => p.code));
    expect(codes.size).toBe(DEMO_766_PROCEDURES);
    expect(PROCEDURES.every((p) => codes.has(p.code))).toBe(true);
    expect(ioc.procedures.filter((p) => p.validFrom === '2020-01-01')).toHaveLength(DEMO_766_PROCEDURES);
    expect(ioc.procedures.filter((p) => p.publication).every((p) => p.validFrom === p.publication!.decidedOn)).toBe(true);
    expect(ioc.procedures.every((p) => p.illustrative === true && schemaErrors(ProcedureItemSchema as JsonSchema, p).length === 0)).toBe(true);
    expect(ioc.procedures.find((p) => p.code === '1.004227')).toMatchObject({ legalTime: { value: 10, unit: 'working_days' }, feeBearing: true });
    // The first request got a 503; the retry carried the very same body.
    expect(ioc.bodies[1]).toBe(ioc.bodies[0]);
    expect(ioc.bodies.length).toBeGreaterThan(5);

    const stored = [...ioc.stored.values()];
    const stations = (indicator: string) => new Set(stored.filter((o) => o.indicator === indicator).map((o) => o.station));
    expect(stations('water_level')).toEqual(new Set(['wl-can-tho', 'wl-cai-rang', 'wl-o-mon', 'wl-thot-not']));
    expect(stations('pm25')).toEqual(new Set(['aq-ninh-kieu', 'aq-tra-noc', 'aq-cai-rang']));
    expect(stations('aqi')).toEqual(new Set(['aq-ninh-kieu', 'aq-tra-noc', 'aq-cai-rang']));
    expect(new Set(stored.map((o) => o.indicator))).toEqual(new Set(['water_level', 'pm25', 'aqi', 'pm10', 'o3', 'no2', 'co', 'so2', CITIZEN_REPORTS]));
    // the history back-fill, once, on the units of each month: January 2024 to last month (October)
    const history = citizenReportHistory({ registry: DEMO_REGISTRY, from: '2024-01', to: '2026-10', seed: 92 });
    expect(history.filter((o) => !ioc.stored.has(o.id))).toEqual([]);
    expect(stored.filter((o) => o.indicator === CITIZEN_REPORTS)).toHaveLength(history.length);
    // Every one of today's 103 codes re-uses an old commune's code (31120: phường An Hòa until 30/6/2025, Cái Khế since), so
    // being accepted does not show the month's units: each month covers exactly the districts and communes in force on its date
    // (before the reform the old ones of Cần Thơ, Hậu Giang and Sóc Trăng, 291 in June 2025; today's 103 communes after).
    const byDate = new Map<string, Set<string>>();
    for (const o of stored.filter((x) => x.indicator === CITIZEN_REPORTS)) {
      const date = o.observedAt.slice(0, 10);
      byDate.set(date, (byDate.get(date) ?? new Set()).add(o.area));
    }
    expect(byDate.size).toBe(34);
    const inForce = (date: string) =>
      new Set(
        DEMO_REGISTRY.unitsValidAt(date)
          .filter((u) => u.level !== 'province')
          .map((u) => u.code),
      );
    for (const [date, areas] of byDate) expect([date, areas]).toEqual([date, inForce(date)]);
    expect([byDate.get('2025-06-30')!.size, byDate.get('2025-07-31')!.size]).toEqual([291, 103]);

    // The back-fill of 1–4 November: a few thousand dossiers across today's wards and communes, received from the 2nd (Monday).
    const events = [...ioc.events.values()];
    const received = events.filter((e) => e.status === 2);
    expect(received.length).toBeGreaterThan(1000);
    const units = new Set(DOSSIER_UNITS.map((u) => u.code));
    expect(received.every((e) => units.has(e.adminUnitCode))).toBe(true);
    expect(new Set(received.map((e) => e.adminUnitCode)).size).toBeGreaterThan(units.size * 0.9);
    expect(received.every((e) => e.statusAt >= '2026-11-02T07:00')).toBe(true);

    // Citizens' feedback of the month so far (every item accepted, checked above): PAKN from today's wards and communes,
    // ratings of the returned dossiers on their agency and commune
    const feedback = [...ioc.feedback.values()];
    const paknReceived = feedback.filter((f) => f.step === 'received');
    expect(paknReceived.length).toBeGreaterThan(10);
    expect(paknReceived.every((f) => units.has(String(f.adminUnitCode)))).toBe(true);
    const ratings = feedback.filter((f) => 'ratingId' in f);
    expect(ratings.length).toBeGreaterThan(0);
    for (const r of ratings) {
      const returned = events.find((e) => e.dossierCode === r.dossierCode && e.status === 10)!;
      expect(r).toMatchObject({ agencyCode: returned.agencyCode, adminUnitCode: returned.adminUnitCode });
    }

    const summaries = logs.filter((l) => l.msg === 'simulator');
    expect(summaries[0]).toMatchObject({ outbox: expect.any(Number), waterLevel: expect.any(Object), aqi: expect.any(Object), dossiers: { month: '2026-11' } });
    expect(logs.at(-1)).toMatchObject({ msg: 'stopped' });

    // stop() resolved with nothing in flight, and the IOC received exactly the requests the
    // simulator made, each answered: nothing can reach it after stop().
    expect(requests.pending()).toBe(0);
    expect(ioc.received).toEqual(requests.started);
  });

  it('stop() during a request lets it finish: the IOC answers it, the simulator counts it, nothing follows', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding = false;
    // the third observation batch is held in flight until the test has called stop()
    let batches = 0;
    const ioc = await fakeIngest({
      hold: (path) => {
        if (path !== '/api/v1/observations/batch' || ++batches !== 3) return undefined;
        holding = true;
        return released;
      },
    });
    const logs: LogEntry[] = [];
    const sim = startSimulator({
      iocUrl: ioc.url,
      monitoringIntervalMs: 40,
      dossierIntervalMs: 1000,
      ngsiLd: false,
      reportingDemo: false,
      log: (e) => logs.push(e),
    });
    await waitUntil('a batch held in flight', () => holding);
    const stopping = sim.stop();
    release();
    await stopping;
    const totals = logs.at(-1)!.totals as Record<'observations' | 'dossierEvents', { batches: number }>;
    expect(totals.observations.batches).toBe(3);
    expect(ioc.bodies).toHaveLength(3);
    expect(totals.dossierEvents.batches).toBe(ioc.eventBodies);
  });

  it('re-sends the back-fill as duplicates when restarted with the same seed', async () => {
    const ioc = await fakeIngest();
    const run = async (startIso: string, atLeast: number) => {
      const sim = startSimulator({ iocUrl: ioc.url, dossierIntervalMs: 50, monitoringIntervalMs: 1000, now: shiftedClock(startIso), log: () => {} });
      const before = ioc.events.size + ioc.duplicates;
      await waitUntil(`${atLeast} dossier events sent`, () => ioc.events.size + ioc.duplicates - before >= atLeast);
      await sim.stop();
    };
    await run('2026-11-03T09:00:00+07:00', 1000);
    const first = new Set(ioc.events.keys());
    // the second run re-sends at least as many as the first one stored
    await run('2026-11-03T11:00:00+07:00', first.size);
    expect(ioc.invalid).toEqual([]);
    expect(ioc.duplicates).toBeGreaterThan(first.size * 0.9);
    expect(ioc.conflicts).toEqual([]);
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
    await waitUntil('the first readiness check', () => ioc.received.get('/readyz'));
    const t0 = performance.now();
    await sim.stop();
    expect(await sim.finished).toBe('stopped');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
