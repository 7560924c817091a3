import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalystChildrenResponse, AnalystSeriesResponse, AreasResponse, ClientConfig, IngestResponse } from '@cityioc/contracts';
import { CAN_THO_REGISTRY } from '@cityioc/domain';
import { readHeader, tinyPmtiles } from '../../../test-support/pmtiles.ts';
import { AS, buildTestApp, TEST_KEY } from './helpers/build-test-app.ts';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;
const feed = { 'x-api-key': TEST_KEY, 'content-type': 'application/json' };

/** The population weight of the part of a split ward that went to a unit of today, as the registry carries it. */
function splitWeight(from: string, to: string): number {
  const link = CAN_THO_REGISTRY.links.find((l) => l.fromCode === from && l.toCode === to)!;
  return link.weights.population;
}

describe('Cần Thơ as it is today: units by date, code checks, history across 1 July 2025', () => {
  let t: Ctx;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-geo-'));
    const tiles = tinyPmtiles([
      [0, Buffer.from('tile-z0-bytes')],
      [1, Buffer.from('tile-z1-first')],
    ]);
    writeFileSync(join(dir, 'city.pmtiles'), tiles.bytes);
    t = await buildTestApp({ basemapFile: join(dir, 'city.pmtiles') });
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: AS.analyst });
  const post = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, headers: feed, payload: JSON.stringify(body) });

  it('GET /api/v1/areas lists the units in force on a date: 103 communes today, the old city of 9 districts before', async () => {
    const today = (await get('/api/v1/areas')).json<AreasResponse>();
    expect(today.at).toBe('2026-11-22');
    expect(today.units).toHaveLength(104);
    expect(today.units.find((u) => u.code === '31135')).toEqual({
      code: '31135',
      name: 'Ninh Kiều',
      nameEn: 'Ninh Kieu Ward',
      type: 'phường',
      level: 'commune',
      parent: '92',
      validFrom: '2025-07-01',
      validTo: null,
    });
    const before = (await get('/api/v1/areas?at=2025-06-30')).json<AreasResponse>();
    expect(before.units.filter((u) => u.level === 'district').map((u) => u.code)).toEqual(['916', '917', '918', '919', '923', '924', '925', '926', '927']);
    expect(before.units.filter((u) => u.level === 'commune')).toHaveLength(80);
    expect((await get('/api/v1/areas?at=2024-10-31')).json<AreasResponse>().units.filter((u) => u.level === 'commune')).toHaveLength(83);
    const bad = await get('/api/v1/areas?at=2025-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_date', details: [{ field: '/at', reason: 'invalid_date' }] });
  });

  it('accepts a commune-coded dossier of today and names it in the watchlist (unit, agency, procedure)', async () => {
    const event = {
      eventId: 'ev-nk-1',
      dossierCode: 'D-NK-1',
      procedureCode: '1.000494',
      agencyCode: '000.135.00.H13',
      adminUnitCode: '31135',
      level: 'COMMUNE',
      channel: 2,
      status: 2,
      statusAt: '2026-11-02T08:00:00+07:00',
      receivedAt: '2026-11-02T08:00:00+07:00',
      dueAt: '2026-11-05T17:00:00+07:00',
    };
    const r = await post('/api/v1/dossiers/events', { events: [event] });
    expect(r.statusCode).toBe(200);
    expect(r.json<IngestResponse>()).toMatchObject({ accepted: 1, rejected: 0 });
    const w = (await get('/api/v1/dossiers/watchlist?area=31135')).json<{ overdue: Record<string, unknown>[] }>();
    expect(w.overdue[0]).toMatchObject({
      dossierCode: 'D-NK-1',
      adminUnitCode: '31135',
      adminUnitName: 'Ninh Kiều',
      agencyName: { vi: 'UBND phường Ninh Kiều', en: "Ninh Kieu Ward People's Committee" },
    });
    const csv = (await get('/api/v1/dossiers/indicators.csv?period=2026-11')).body;
    expect(csv).toContain('31135;Ninh Kiều;1');
  });

  it('refuses an old code dated after 1 July 2025 with its successors, in every feed; valid items of a mixed batch are stored', async () => {
    // observations: a batch with one valid commune reading and one of the split ward Bùi Hữu Nghĩa
    const obs = await post('/api/v1/observations/batch', {
      observations: [
        { id: 'ok-1', indicator: 'citizen_reports_received', area: '31168', observedAt: '2026-11-20T08:00:00+07:00', value: 3 },
        { id: 'old-1', indicator: 'citizen_reports_received', area: '31178', observedAt: '2026-11-20T08:00:00+07:00', value: 3 },
      ],
    });
    expect(obs.statusCode).toBe(422);
    expect(obs.json<IngestResponse>()).toMatchObject({ accepted: 1, rejected: 1 });
    expect(obs.json<IngestResponse>().results[1]!.errors).toEqual([
      {
        field: '/area',
        reason: 'unit_not_valid_at',
        message: "area '31178' is not in force on 2026-11-20: it ended on 2025-07-01; its successors are 31120, 31168",
        successors: ['31120', '31168'],
      },
    ]);
    // the same ward dated before the reform is accepted
    expect(
      (
        await post('/api/v1/observations', {
          id: 'old-ok',
          indicator: 'citizen_reports_received',
          area: '31178',
          observedAt: '2025-05-10T08:00:00+07:00',
          value: 1,
        })
      ).statusCode,
    ).toBe(200);
    // dossiers: a district code received in 2026
    const dos = await post('/api/v1/dossiers/events', {
      events: [
        {
          eventId: 'ev-old',
          dossierCode: 'D-OLD',
          procedureCode: '1.000494',
          agencyCode: '000.00.21.H13',
          adminUnitCode: '916',
          channel: 1,
          status: 2,
          statusAt: '2026-11-03T08:00:00+07:00',
          receivedAt: '2026-11-03T08:00:00+07:00',
        },
      ],
    });
    expect(dos.statusCode).toBe(422);
    expect(dos.json<IngestResponse>().results[0]!.errors![0]).toMatchObject({
      field: '/adminUnitCode',
      reason: 'unit_not_valid_at',
      successors: ['31120', '31135', '31147', '31150'],
    });
    // NGSI-LD: an entity that says it serves the old district, in 2026
    const ngsi = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ngsi-ld/notify',
      headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/json' },
      payload: JSON.stringify({
        data: [
          {
            id: 'urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu',
            type: 'AirQualityObserved',
            dateObserved: '2026-11-20T08:00:00+07:00',
            areaServed: '916',
            pm25: 20,
          },
        ],
      }),
    });
    expect(JSON.stringify(ngsi.json())).toContain('unit_not_valid_at');
    // a report of a district committee for October 2026
    const rep = await post('/api/v1/reporting/reports', {
      regime: 'cchc-cds',
      unit: '916',
      period: '2026-10',
      values: [{ indicator: 'e_document_rate', value: 95 }],
    });
    expect(rep.statusCode).toBe(422);
    expect(rep.json()).toMatchObject({ error: 'invalid_report', details: [{ field: '/unit', reason: 'unit_not_valid_at' }] });
    expect(rep.json().details[0].successors).toEqual(['31120', '31135', '31147', '31150']);
    // the same unit for a period before the reform is accepted
    expect(
      (await post('/api/v1/reporting/reports', { regime: 'cchc-cds', unit: '916', period: '2025-03', values: [{ indicator: 'e_document_rate', value: 95 }] }))
        .statusCode,
    ).toBe(201);
    // a CSV report import naming the district for 2026
    const csv = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reporting/imports?regime=cchc-cds&period=2026-10',
      headers: { 'x-api-key': TEST_KEY, 'content-type': 'text/csv' },
      payload: 'Đơn vị;Chỉ tiêu;Giá trị\nQuận Ninh Kiều;e_document_rate;90\n',
    });
    expect(csv.statusCode).toBe(422);
    expect(csv.json().errors[0]).toMatchObject({ row: 2, field: 'unit', reason: 'unit_not_valid_at', successors: ['31120', '31135', '31147', '31150'] });
  });

  it('history across 1 July 2025 is continuous on today’s units (hand-computed: a merge and a split)', async () => {
    const at = (d: string) => `${d}T09:00:00+07:00`;
    const w = splitWeight('31178', '31120'); // the part of Bùi Hữu Nghĩa that went to Cái Khế (population)
    const r = await post('/api/v1/observations/batch', {
      observations: [
        // June 2025, old wards: Cái Khế (whole), An Hòa (whole) → phường Cái Khế; Bùi Hữu Nghĩa split between Cái Khế and Bình Thủy
        { id: 'h-1', indicator: 'citizen_reports_received', area: '31117', observedAt: at('2025-06-10'), value: 10 },
        { id: 'h-2', indicator: 'citizen_reports_received', area: '31120', observedAt: at('2025-06-11'), value: 20 },
        { id: 'h-3', indicator: 'citizen_reports_received', area: '31178', observedAt: at('2025-06-12'), value: 30 },
        { id: 'r-1', indicator: 'e_document_rate', area: '31117', observedAt: at('2025-06-10'), numerator: 1, denominator: 4 },
        { id: 'r-2', indicator: 'e_document_rate', area: '31178', observedAt: at('2025-06-10'), numerator: 6, denominator: 8 },
        // July 2025, today's units
        { id: 'h-4', indicator: 'citizen_reports_received', area: '31120', observedAt: at('2025-07-10'), value: 40 },
        { id: 'r-3', indicator: 'e_document_rate', area: '31120', observedAt: at('2025-07-10'), numerator: 3, denominator: 5 },
      ],
    });
    expect(r.json<IngestResponse>().rejected).toBe(0);
    const series = (q: string) => get(`/api/v1/analyst/series?period=month&from=2025-06&to=2025-07&${q}`).then((x) => x.json<AnalystSeriesResponse>());
    const today = await series('indicator=citizen_reports_received&areas=31120,31168');
    expect(today.view).toBe('today');
    const ck = today.series[0]!.points;
    expect(ck[0]!.value).toBeCloseTo(10 + 20 + 30 * w, 9);
    expect(ck[0]!.estimated).toBe(true);
    expect(ck[1]).toMatchObject({ period: '2025-07', value: 40 });
    expect(ck[1]!.estimated).toBeUndefined();
    expect(today.series[1]!.points[0]!.value).toBeCloseTo(30 * (1 - w), 9); // Bình Thủy: its part of Bùi Hữu Nghĩa (the May reading is outside the range)
    // a ratio is Σnum/Σden with both parts split by the same weight
    const rate = await series('indicator=e_document_rate&areas=31120');
    const june = rate.series[0]!.points[0]!;
    expect(june.numerator).toBeCloseTo(1 + 6 * w, 9);
    expect(june.denominator).toBeCloseTo(4 + 8 * w, 9);
    expect(june.value).toBeCloseTo((1 + 6 * w) / (4 + 8 * w), 12);
    expect(rate.series[0]!.points[1]).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
    // as it was: the old district of June 2025 holds its wards' figures; the city continues
    const old = await series('indicator=citizen_reports_received&areas=916,918,92&view=as-it-was');
    expect(old.view).toBe('as-it-was');
    expect(old.series.map((s) => s.points[0]!.value)).toEqual([30, 30, 60]);
    const csv = (await get('/api/v1/analyst/series.csv?period=month&from=2025-06&to=2025-07&indicator=citizen_reports_received&areas=31120')).body;
    expect(csv).toContain('Ước tính');
    expect(csv).toContain('có (tách theo trọng số ước tính)');
    expect(csv).toContain('theo đơn vị hành chính hiện nay');
  });

  it('drills down by date: city → commune today; city → district → commune before the reform', async () => {
    const c = (q: string) => get(`/api/v1/analyst/children?${q}`).then((x) => x.json<AnalystChildrenResponse>());
    const today = await c('area=92');
    expect(today.children).toHaveLength(103);
    expect(today.children[0]).toMatchObject({ code: '31120', name: 'Cái Khế', level: 'commune', hasGeometry: true, hasChildren: false });
    const old = await c('area=92&at=2025-06-30');
    expect(old.children.map((x) => x.code)).toEqual(['916', '917', '918', '919', '923', '924', '925', '926', '927']);
    expect(old.children[0]).toMatchObject({ level: 'district', hasGeometry: true, hasChildren: true });
    const nk = await c('area=916&at=2025-06-30');
    expect(nk.path.map((p) => p.code)).toEqual(['92']);
    expect(nk.children).toHaveLength(8);
    const gone = await get('/api/v1/analyst/children?area=916&at=2026-01-01');
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ error: 'unit_not_valid_at', details: [{ successors: ['31120', '31135', '31147', '31150'] }] });
  });

  it('serves the map of a date with an ETag: 103 schematic communes and the outline today, the old districts before', async () => {
    const r = await get('/api/v1/geo/areas');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-cache');
    const fc = r.json<{ features: { properties: Record<string, unknown> }[] }>();
    expect(fc.features[0]!.properties).toMatchObject({ kind: 'outline', code: '92', schematic: true, source: 'schematic' });
    const communes = fc.features.filter((f) => f.properties.level === 'commune');
    expect(communes).toHaveLength(103);
    expect(communes.find((f) => f.properties.code === '31135')!.properties).toEqual({
      code: '31135',
      name: 'Ninh Kiều',
      nameEn: 'Ninh Kieu Ward',
      level: 'commune',
      parent: '92',
      schematic: true,
      source: 'schematic',
    });
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/geo/areas', headers: { ...AS.analyst, 'if-none-match': r.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    const old = (await get('/api/v1/geo/areas?at=2025-06-30')).json<{ features: { properties: Record<string, unknown> }[] }>();
    expect(old.features.filter((f) => f.properties.level === 'district')).toHaveLength(9);
  });

  it('says where the basemap is, and serves it by HTTP Range (206, Content-Range, 416)', async () => {
    expect((await get('/api/v1/config')).json<ClientConfig>()).toEqual({
      basemap: { url: '/api/v1/basemap.pmtiles' },
      city: { code: '92', name: 'Cần Thơ', todayFrom: '2025-07-01' },
      today: '2026-11-22',
      dossierUrlTemplate: null,
    });
    const range = (r: string) => t.app.inject({ method: 'GET', url: '/api/v1/basemap.pmtiles', headers: { ...AS.analyst, range: r } });
    const head = await range('bytes=0-126');
    expect(head.statusCode).toBe(206);
    expect(head.headers['accept-ranges']).toBe('bytes');
    const size = Number(/\/(\d+)$/.exec(head.headers['content-range'] as string)![1]);
    expect(head.headers['content-range']).toBe(`bytes 0-126/${size}`);
    const h = readHeader(head.rawPayload);
    expect(h).toMatchObject({ magic: 'PMTiles', version: 3, rootOffset: 127, tileType: 2 });
    const dir = await range(`bytes=${h.rootOffset}-${h.rootOffset + h.rootLength - 1}`);
    expect(dir.statusCode).toBe(206);
    expect(dir.rawPayload.length).toBe(h.rootLength);
    expect(dir.rawPayload[0]).toBe(2); // two entries
    const tail = await range('bytes=-13');
    expect(tail.rawPayload.toString()).toBe('tile-z1-first');
    const bad = await range(`bytes=${size}-`);
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${size}`);
    const whole = await get('/api/v1/basemap.pmtiles');
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.length).toBe(size);
  });
});
