/**
 * Smart Data Models payloads as context brokers send them, through the real notify endpoints,
 * read back through the API: each model's time attribute and units, refused unit codes, one value
 * per series and instant, locations that contradict the station, and a fuzz run that never gets
 * a 5xx. Our own fixtures, shaped after the models' published examples.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { NgsiNotifyResponse } from '@cityioc/contracts';
import { seededRandom } from '@cityioc/domain';
import { buildTestApp, T0, AS } from './helpers/build-test-app.ts';

const LD_KEY = 'orion-ld-key-0123456789abcdef';
const V2_KEY = 'orion-v2-key-0123456789abcdef';
const MIN = 60_000;
let app: FastifyInstance;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await buildTestApp({
    apiKeys: new Map([
      ['ngsi-ld', LD_KEY],
      ['ngsi-v2', V2_KEY],
    ]),
  });
  app = t.app;
  cleanup = t.cleanup;
});
afterAll(async () => cleanup());

async function notify(flavour: 'ld' | 'v2', data: unknown[]): Promise<NgsiNotifyResponse> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/ngsi-${flavour}/notify`,
    headers: { 'x-api-key': flavour === 'ld' ? LD_KEY : V2_KEY, 'content-type': 'application/json' },
    payload:
      flavour === 'ld'
        ? { id: 'urn:ngsi-ld:Notification:t', type: 'Notification', subscriptionId: 'urn:ngsi-ld:Subscription:ioc', data }
        : { subscriptionId: 's', data },
  });
  expect(res.statusCode).toBe(200);
  return res.json() as NgsiNotifyResponse;
}

async function history(indicator: string, station: string, from = T0 - 60 * MIN, to = T0 + MIN): Promise<[number, number][]> {
  const q = new URLSearchParams({ indicator, station, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  const res = await app.inject({ method: 'GET', headers: AS.analyst, url: `/api/v1/history?${q}` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { points: { t: number; value: number }[] }).points.map((p) => [p.t, p.value]);
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('Smart Data Models through the notify endpoints', () => {
  it('FloodMonitoring (keyValues, NGSI-LD): observationDateTime is read; metres stored as cm', async () => {
    const res = await notify('ld', [
      {
        id: 'urn:ngsi-ld:FloodMonitoring:fm-cai-rang-01',
        type: 'FloodMonitoring',
        stationID: 'wl-cai-rang',
        referenceLevel: 4.5,
        measuredDistance: 2.66,
        currentLevel: 1.84,
        floodLevelStatus: 'Alert',
        observationDateTime: iso(T0 - 5 * MIN),
      },
    ]);
    expect(res.entities[0]).toMatchObject({
      station: 'wl-cai-rang',
      rejected: [],
      accepted: [{ attribute: 'currentLevel', indicator: 'water_level', status: 'accepted' }],
    });
    expect(await history('water_level', 'wl-cai-rang')).toEqual([[T0 - 5 * MIN, 184]]);
  });

  it('WaterQualityObserved (normalized, NGSI v2): conductivity in S/m by default, 0.005 → 50 µS/cm on the wall', async () => {
    const res = await notify('v2', [
      {
        id: 'WaterQualityObserved:wq-song-hau',
        type: 'WaterQualityObserved',
        dateObserved: { type: 'DateTime', value: iso(T0 - 10 * MIN) },
        conductivity: { type: 'Number', value: 0.005 },
        temperature: { type: 'Number', value: 29.1, metadata: { unitCode: { type: 'Text', value: 'CEL' } } },
        location: { type: 'geo:json', value: { type: 'Point', coordinates: [105.782, 10.036] } },
      },
    ]);
    expect(res).toMatchObject({ accepted: 2, rejected: 0 });
    const snap = (await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/snapshot/31135' })).json() as {
      cells: { key: string; value: number }[];
    };
    expect(snap.cells.find((c) => c.key === '31135|wq-song-hau|wq_conductivity')?.value).toBe(50);
    expect(await history('wq_conductivity', 'wq-song-hau')).toEqual([[T0 - 10 * MIN, 50]]);
  });

  it('a unitCode of null, true, 0 or {} is refused for that attribute with invalid_unit_code; nothing is guessed or stored', async () => {
    const at = T0 - 20 * MIN;
    const res = await notify(
      'ld',
      [null, true, 0, {}].map((unitCode, i) => ({
        id: `urn:ngsi-ld:WaterObserved:wl-thot-not-${i}`,
        type: 'WaterObserved',
        refDevice: { type: 'Relationship', object: 'urn:ngsi-ld:Device:wl-thot-not' },
        height: { type: 'Property', value: 1.9 + i / 100, unitCode, observedAt: iso(at) },
      })),
    );
    expect(res).toMatchObject({ accepted: 0, rejected: 4 });
    expect(res.entities.map((e) => e.rejected.map((r) => [r.attribute, r.reason, r.message]))).toEqual([
      [['height', 'invalid_unit_code', 'height has unitCode null; a UN/CEFACT unit code (text) is expected']],
      [['height', 'invalid_unit_code', 'height has unitCode true; a UN/CEFACT unit code (text) is expected']],
      [['height', 'invalid_unit_code', 'height has unitCode 0; a UN/CEFACT unit code (text) is expected']],
      [['height', 'invalid_unit_code', 'height has unitCode {}; a UN/CEFACT unit code (text) is expected']],
    ]);
    expect(await history('water_level', 'wl-thot-not')).toEqual([]);
  });

  it('WaterObserved with height and waterLevel stores one value for the instant (height); waterLevel is refused', async () => {
    const at = T0 - 15 * MIN;
    const res = await notify('v2', [
      { id: 'WaterObserved:wl-o-mon', type: 'WaterObserved', dateObserved: iso(at), flow: 12, height: 1.72, waterLevel: 2.4, waterDischarge: 3 },
    ]);
    expect(res.entities[0]!.accepted.map((a) => a.attribute)).toEqual(['height']);
    expect(res.entities[0]!.rejected.map((r) => [r.attribute, r.reason])).toEqual([['waterLevel', 'duplicate_series']]);
    expect(await history('water_level', 'wl-o-mon')).toEqual([[at, 172]]);
  });

  it('an entity naming a city station but located in Spain is refused: its 2016 reading never becomes the live value', async () => {
    const before = await app.ioc.store.count();
    const res = await notify('v2', [
      {
        id: 'WaterObserved:wl-can-tho',
        type: 'WaterObserved',
        dateObserved: { type: 'DateTime', value: '2016-03-15T11:00:00.209Z' },
        height: { type: 'Number', value: 3.52 },
        location: { type: 'geo:json', value: { type: 'Point', coordinates: [-3.712, 40.424] } },
      },
    ]);
    expect(res).toMatchObject({ accepted: 0, rejected: 1 });
    expect(res.entities[0]).toMatchObject({ station: 'wl-can-tho', rejected: [{ attribute: 'height', reason: 'location_outside_city' }] });
    expect(await app.ioc.store.count()).toBe(before);
    const snap = (await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/snapshot/31135' })).json() as { cells: { key: string }[] };
    expect(snap.cells.find((c) => c.key === '31135|wl-can-tho|water_level')).toBeUndefined();
  });
});

const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -0,
  '',
  'NaN',
  '∞',
  'x'.repeat(5000),
  [],
  [1, [2, [3]]],
  {},
  { value: {} },
  { '@value': null },
  '\u0000',
  '\ud800',
];

describe('fuzz: mutated Smart Data Models bodies never get a 5xx', () => {
  it('300 seeded mutations of real-shaped entities and notifications, on both endpoints', async () => {
    const r = seededRandom(1459);
    // a fresh copy each time, so that mutations never tie a value to itself
    const pick = <T>(xs: readonly T[]): T => structuredClone(xs[Math.floor(r() * xs.length)]!);
    const seeds: Record<string, unknown>[] = [
      { id: 'urn:ngsi-ld:FloodMonitoring:wl-cai-rang', type: 'FloodMonitoring', currentLevel: 1.8, observationDateTime: iso(T0) },
      {
        id: 'WaterQualityObserved:wq-song-hau',
        type: 'WaterQualityObserved',
        dateObserved: { type: 'DateTime', value: iso(T0) },
        conductivity: { type: 'Number', value: 0.02 },
      },
      { id: 'urn:ngsi-ld:WaterObserved:wl-can-tho', type: 'WaterObserved', dateObserved: iso(T0), height: { type: 'Property', value: 1.7, unitCode: 'MTR' } },
      {
        id: 'urn:ngsi-ld:TrafficFlowObserved:tf-cmt8',
        type: 'TrafficFlowObserved',
        dateObserved: `${iso(T0 - 5 * MIN)}/${iso(T0)}`,
        intensity: 120,
        averageVehicleSpeed: { value: 31, unitCode: 'KMH' },
        location: {
          type: 'GeoProperty',
          value: {
            type: 'LineString',
            coordinates: [
              [105.75, 10.05],
              [105.76, 10.06],
            ],
          },
        },
      },
      {
        id: 'AirQualityObserved:aq-tra-noc',
        type: 'AirQualityObserved',
        dateObserved: iso(T0),
        pm25: { type: 'Number', value: 30, metadata: { unitCode: { value: 'GQ' } } },
      },
    ];
    const mutate = (e: Record<string, unknown>): unknown => {
      const copy: Record<string, unknown> = structuredClone(e);
      const keys = Object.keys(copy);
      for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
        const roll = r();
        const k = pick(keys);
        if (roll < 0.4) copy[k] = pick(WEIRD);
        else if (roll < 0.55) delete copy[k];
        else if (roll < 0.7) copy[pick(['unitCode', 'location', 'observedAt', 'stationID', 'waterLevel', 'dateObservedFrom'])] = pick(WEIRD);
        else if (roll < 0.85 && typeof copy[k] === 'object' && copy[k] !== null)
          (copy[k] as Record<string, unknown>)[pick(['value', 'unitCode', 'observedAt', 'metadata', 'object'])] = pick(WEIRD);
        else return pick([copy, pick(WEIRD), [copy], { data: copy }]);
      }
      return copy;
    };
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const flavour = r() < 0.5 ? 'ld' : 'v2';
      const roll = r();
      const body =
        roll < 0.7
          ? JSON.stringify({ data: Array.from({ length: 1 + Math.floor(r() * 4) }, () => mutate(pick(seeds))) })
          : roll < 0.85
            ? JSON.stringify(pick([{ data: pick(WEIRD) }, pick(WEIRD), { data: [] }, { data: seeds, extra: pick(WEIRD) }]))
            : JSON.stringify({ data: [pick(seeds)] }).slice(0, Math.floor(r() * 80));
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/ngsi-${flavour}/notify`,
        headers: { 'x-api-key': flavour === 'ld' ? LD_KEY : V2_KEY, 'content-type': 'application/json' },
        payload: body,
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, `case ${i}: ${body.slice(0, 300)}`).toBeLessThan(500);
      if (res.statusCode === 200) expect(Array.isArray((res.json() as NgsiNotifyResponse).entities)).toBe(true);
      else expect((res.json() as { error: string }).error).toMatch(/^[a-z_ ]+$/i);
    }
    // both verdicts were exercised, and the server still answers
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(10);
    expect((await app.inject({ method: 'GET', headers: AS.analyst, url: '/healthz' })).statusCode).toBe(200);
  });
});
