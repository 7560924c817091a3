/**
 * NGSI-LD and NGSI v2 against a real HTTP peer: a node:http server in the test plays the context
 * broker. It pushes notifications to the IOC over HTTP and serves its entities, page by page, for
 * reconciliation; one notification is "lost" and must still be caught.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedHealthResponse, NgsiNotifyResponse } from '@cityioc/contracts';
import { buildTestApp, T0, AS } from '../../../test/helpers/build-test-app.ts';
import { connectorContract, type ContractReading } from '../connector.contract.ts';

const KEY = 'broker-key-0123456789abcdef';
type Flavour = 'ld' | 'v2';

/** A context broker of our own: entities by id, GET /ngsi-ld/v1/entities and /v2/entities with limit/offset, and pushes. */
class FakeBroker {
  readonly entities = new Map<string, Record<string, unknown>>();
  readonly pages: string[] = [];
  private server!: Server;
  url = '';
  constructor(
    private readonly flavour: Flavour,
    private readonly iocUrl: () => string,
  ) {}

  async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const path = this.flavour === 'ld' ? '/ngsi-ld/v1/entities' : '/v2/entities';
      if (req.method !== 'GET' || u.pathname !== path) {
        res.writeHead(404).end();
        return;
      }
      this.pages.push(u.search);
      const type = u.searchParams.get('type');
      const limit = Number(u.searchParams.get('limit'));
      const offset = Number(u.searchParams.get('offset') ?? 0);
      const all = [...this.entities.values()].filter((e) => e.type === type).sort((a, b) => String(a.id).localeCompare(String(b.id)));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(all.slice(offset, offset + limit)));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** Stores the entity; pushes a notification unless `lost`. */
  async upsert(entity: Record<string, unknown>, opts: { lost?: boolean } = {}): Promise<NgsiNotifyResponse | null> {
    this.entities.set(String(entity.id), entity);
    if (opts.lost) return null;
    return this.notify([entity]);
  }

  async notify(data: unknown[]): Promise<NgsiNotifyResponse> {
    const body =
      this.flavour === 'ld'
        ? {
            id: `urn:ngsi-ld:Notification:${Math.random()}`,
            type: 'Notification',
            subscriptionId: 'urn:ngsi-ld:Subscription:ioc',
            notifiedAt: new Date().toISOString(),
            data,
          }
        : { subscriptionId: 'ioc-sub', data };
    const res = await fetch(`${this.iocUrl()}/api/v1/ngsi-${this.flavour}/notify`, {
      method: 'POST',
      headers: { 'content-type': this.flavour === 'ld' ? 'application/ld+json' : 'application/json', 'x-api-key': KEY },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as NgsiNotifyResponse;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

async function startIoc(flavour: Flavour, broker: FakeBroker | null, extraEnv: Record<string, string> = {}) {
  const P = flavour === 'ld' ? 'IOC_NGSI_LD' : 'IOC_NGSI_V2';
  const source = `ngsi-${flavour}`;
  const t = await buildTestApp(
    { apiKeys: new Map([[source, KEY]]) },
    {
      env: {
        ...(broker ? { [`${P}_BROKER_URL`]: broker.url } : {}),
        [`${P}_RECONCILE_SEC`]: '3600',
        [`${P}_PAGE_SIZE`]: '2',
        ...extraEnv,
      },
    },
  );
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  return { ...t, url, source };
}

/** Normalized NGSI-LD or NGSI v2 WaterObserved (height in metres) for a reading in cm. */
function waterEntity(flavour: Flavour, r: ContractReading, id = `urn:ngsi-ld:WaterObserved:${r.station}`) {
  return flavour === 'ld'
    ? { id, type: 'WaterObserved', height: { type: 'Property', value: r.value / 100, unitCode: 'MTR', observedAt: r.observedAt } }
    : { id, type: 'WaterObserved', height: { type: 'Number', value: r.value / 100, metadata: {} }, dateObserved: { type: 'DateTime', value: r.observedAt } };
}

for (const flavour of ['ld', 'v2'] as const) {
  connectorContract({
    name: `ngsi-${flavour} notifications from a real HTTP peer`,
    reading: (n) => ({ station: 'wl-o-mon', area: '31153', indicator: 'water_level', value: 150 + n, observedAt: new Date(T0 - n * 60_000).toISOString() }),
    async start() {
      let iocUrl = '';
      const broker = new FakeBroker(flavour, () => iocUrl);
      await broker.listen();
      const t = await startIoc(flavour, broker);
      iocUrl = t.url;
      // the reconciler's first pass starts with the connector; let it end before the readings come, or
      // a reading it reads from the broker arrives through the reconciler first and the notification is a duplicate
      await (t.app.ioc.connectors.get(`ngsi-${flavour}`) as unknown as { reconcile(): Promise<number> }).reconcile();
      return {
        app: t.app,
        feedId: `ngsi-${flavour}:ngsi-${flavour}`,
        deliver: async (r) => {
          await broker.upsert(waterEntity(flavour, r));
        },
        deliverMalformed: async () => {
          const res = await fetch(`${iocUrl}/api/v1/ngsi-${flavour}/notify`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': KEY },
            body: '{"data": [',
          });
          expect(res.status).toBe(400);
        },
        teardown: async () => {
          await t.cleanup();
          await broker.close();
        },
      };
    },
  });
}

describe.each(['ld', 'v2'] as const)('NGSI %s reconciliation against a real HTTP peer', (flavour) => {
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it('catches the entity whose notification was lost, reading every page, and counts nothing twice', async () => {
    let iocUrl = '';
    const broker = new FakeBroker(flavour, () => iocUrl);
    await broker.listen();
    cleanup.push(() => broker.close());
    const t = await startIoc(flavour, broker);
    iocUrl = t.url;
    cleanup.push(t.cleanup);
    const connector = t.app.ioc.connectors.get(`ngsi-${flavour}`) as unknown as { reconcile(): Promise<number> };
    // the pass the connector starts with reads an empty broker: let it finish first
    expect(await connector.reconcile()).toBe(0);
    const stations = ['wl-can-tho', 'wl-cai-rang', 'wl-o-mon', 'wl-thot-not'];
    const areas: Record<string, string> = { 'wl-can-tho': '31135', 'wl-cai-rang': '31201', 'wl-o-mon': '31153', 'wl-thot-not': '31228' };
    const at = new Date(T0 - 5 * 60_000).toISOString();
    for (const [i, st] of stations.entries()) {
      const r = { station: st, area: areas[st]!, indicator: 'water_level', value: 160 + i, observedAt: at };
      // the third station's notification never reaches the IOC
      await broker.upsert(waterEntity(flavour, r), { lost: st === 'wl-o-mon' });
    }
    // an entity of another type on the broker: a different type filter, a different page sequence
    await broker.upsert(
      flavour === 'ld'
        ? { id: 'urn:ngsi-ld:AirQualityObserved:aq-tra-noc', type: 'AirQualityObserved', pm25: { type: 'Property', value: 41.5, observedAt: at } }
        : {
            id: 'AirQualityObserved:aq-tra-noc',
            type: 'AirQualityObserved',
            pm25: { type: 'Number', value: 41.5 },
            dateObserved: { type: 'DateTime', value: at },
          },
    );
    expect(await t.app.ioc.store.count()).toBe(4);

    broker.pages.length = 0;
    const fresh = await connector.reconcile();
    expect(fresh).toBe(1);
    expect(await t.app.ioc.store.count()).toBe(5);
    // 4 water entities at page size 2: pages at offset 0, 2 and an empty one at 4; air: one short page
    expect(broker.pages.filter((p) => p.includes('WaterObserved')).map((p) => new URLSearchParams(p).get('offset'))).toEqual(['0', '2', '4']);
    const omon = await t.app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/snapshot/31153' });
    expect((omon.json() as { cells: { station: string; value: number }[] }).cells.find((c) => c.station === 'wl-o-mon')?.value).toBe(162);

    // a second pass finds nothing new
    expect(await connector.reconcile()).toBe(0);
    expect(await t.app.ioc.store.count()).toBe(5);
    const health = (await t.app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/feeds/health' })).json() as FeedHealthResponse;
    const rec = health.feeds.find((f) => f.id === `ngsi-${flavour}-reconcile`)!;
    expect(rec).toMatchObject({ accepted: 1, duplicates: 9, errors: 0 });
  });

  it('a broker that cannot be read is an error on the reconciliation feed, not a crash', async () => {
    const t = await startIoc(flavour, null, { [`IOC_NGSI_${flavour.toUpperCase()}_BROKER_URL`]: 'http://127.0.0.1:1' });
    cleanup.push(t.cleanup);
    const connector = t.app.ioc.connectors.get(`ngsi-${flavour}`) as unknown as { reconcile(): Promise<number> };
    expect(await connector.reconcile()).toBe(0);
    const health = (await t.app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/feeds/health' })).json() as FeedHealthResponse;
    const rec = health.feeds.find((f) => f.id === `ngsi-${flavour}-reconcile`)!;
    expect(rec.errors).toBeGreaterThanOrEqual(1);
    expect(rec.lastErrors[0]!.reason).toBe('broker_unreachable');
  });
});

describe('NGSI notifications: messy payloads get a per-entity verdict', () => {
  it('flags zone-less times, intervals and swapped axes, rejects Booleans and unknown types with reasons, keeps the rest', async () => {
    const t = await startIoc('ld', null);
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ngsi-ld/notify',
        headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
        payload: {
          id: 'urn:ngsi-ld:Notification:1',
          type: 'Notification',
          data: [
            // keyValues, zone-less time, swapped coordinates, no station in the id
            {
              id: 'urn:ngsi-ld:WaterObserved:gauge-77',
              type: 'WaterObserved',
              dateObserved: '2026-11-22T06:50:00',
              height: 1.83,
              location: { type: 'Point', coordinates: [10.0378, 105.7883] },
            },
            // concise, interval, a Boolean where a number belongs, a missing attribute
            {
              id: 'urn:ngsi-ld:TrafficFlowObserved:tf-cau-can-tho',
              type: 'TrafficFlowObserved',
              dateObserved: '2026-11-22T06:45:00+07:00/2026-11-22T06:55:00+07:00',
              intensity: { value: 812 },
              averageVehicleSpeed: { value: true },
            },
            { id: 'urn:ngsi-ld:Device:filling001', type: 'FillingLevelSensor', filling: 0.5 },
            'not an entity',
          ],
        },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as NgsiNotifyResponse;
      expect(body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 3 });
      const [water, traffic, filling, junk] = body.entities;
      expect(water).toMatchObject({ station: 'wl-can-tho', accepted: [{ attribute: 'height', indicator: 'water_level', status: 'accepted' }] });
      expect(water!.flags.map((f) => f.code)).toEqual(['coordinates_swapped', 'station_by_location', 'no_time_zone']);
      expect(traffic!.flags.map((f) => f.code)).toEqual(['interval_end']);
      expect(traffic!.accepted.map((a) => a.indicator)).toEqual(['traffic_intensity']);
      expect(traffic!.rejected).toEqual([expect.objectContaining({ attribute: 'averageVehicleSpeed', reason: 'boolean_not_number' })]);
      expect(filling!.rejected[0]!.reason).toBe('unsupported_type');
      expect(junk!.rejected[0]!.reason).toBe('not_an_entity');
      const stored: [string, number, number][] = [];
      await t.app.ioc.store.replay(0, (b) => b.forEach((o) => stored.push([o.indicator, o.value!, o.observedAt])));
      expect(stored).toEqual([
        ['water_level', 183, Date.parse('2026-11-22T06:50:00+07:00')],
        // 812 vehicles counted in the 10-minute interval: 4872 per hour
        ['traffic_intensity', 4872, Date.parse('2026-11-22T06:55:00+07:00')],
      ]);
      const feeds = ((await t.app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/feeds/health' })).json() as FeedHealthResponse).feeds;
      expect(feeds.find((f) => f.id === 'ngsi-ld:ngsi-ld')).toMatchObject({ accepted: 2, rejected: 1, errors: 2 });
    } finally {
      await t.cleanup();
    }
  });

  it('401 without the source key; 400 naming the field when the body is not a notification', async () => {
    const t = await startIoc('v2', null);
    try {
      const anon = await t.app.inject({ method: 'POST', url: '/api/v1/ngsi-v2/notify', payload: { data: [] } });
      expect(anon.statusCode).toBe(401);
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/ngsi-v2/notify', headers: { 'x-api-key': KEY }, payload: { subscriptionId: 's' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: 'invalid_notification', details: [{ field: '/data' }] });
    } finally {
      await t.cleanup();
    }
  });
});
