/**
 * Dates without bounds and ids without a character set, through every feed's real route: an item
 * dated 1970 or 9999, or with an id holding NUL, a lone surrogate or '../', is refused with a
 * precise reason (implausible_date wins over every other check of the item), nothing of it is
 * stored, and the valid items of the same batch are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DossierIndicatorsResponse, ImportResponse, IngestResponse, NgsiNotifyResponse } from '@cityioc/contracts';
import { buildTestApp, T0, TEST_KEY, wl, AS } from './helpers/build-test-app.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
const OPERATOR = 'operator-token-0123456789';
beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp({ operators: [{ token: OPERATOR, name: 'Trực ban', unit: 'IOC', scopes: ['92'] }] }));
});
afterAll(async () => cleanup());

const post = (url: string, payload: unknown, type = 'application/json') =>
  app.inject({ method: 'POST', url, headers: { 'x-api-key': TEST_KEY, 'content-type': type }, payload: payload as string });
const errorsOf = (r: { json(): unknown }) =>
  (r.json() as IngestResponse).results.map((x) => [x.status, ...(x.errors ?? []).map((e) => `${e.field}:${e.reason}`)]);
const IMPLAUSIBLE = (field: string) => ['rejected', `${field}:implausible_date`];

describe('observations', () => {
  it('refuses a reading dated before IOC_DATE_MIN, whatever else is wrong with it, and ids outside the id character set', async () => {
    const r = await post('/api/v1/observations/batch', {
      observations: [
        wl('ok-1', 150),
        { ...wl('old-1', 150), observedAt: '1970-01-01T00:00:00Z', area: '999' },
        { ...wl('late-1', 150), observedAt: '9999-12-31T00:00:00+07:00' },
        wl('st/../../etc/passwd', 150),
        wl('nul\u0000id', 150),
        wl('lone\uD800', 150),
        wl('ok/2026/11/22', 151),
      ],
    });
    expect(r.statusCode).toBe(422);
    expect(errorsOf(r)).toEqual([
      ['accepted'],
      IMPLAUSIBLE('/observedAt'),
      ['rejected', '/observedAt:in_future'],
      ['rejected', '/id:pattern'],
      ['rejected', '/id:pattern'],
      ['rejected', '/id:pattern'],
      ['accepted'],
    ]);
    expect((r.json() as IngestResponse).results[1]!.errors![0]!.message).toBe(
      'observedAt 1970-01-01T00:00:00Z is before the earliest date the IOC accepts (IOC_DATE_MIN)',
    );
    const ids: string[] = [];
    await app.ioc.store.replay(0, (b) => ids.push(...b.map((o) => o.id)));
    expect(ids).toEqual(['ok-1', 'ok/2026/11/22']);
  });

  it('through an NGSI-LD notification too', async () => {
    const at = new Date(T0).toISOString();
    const r = await post(
      '/api/v1/ngsi-ld/notify',
      {
        id: 'urn:ngsi-ld:Notification:b1',
        type: 'Notification',
        data: [
          {
            id: 'urn:ngsi-ld:AirQualityObserved:aq-tra-noc',
            type: 'AirQualityObserved',
            pm25: { type: 'Property', value: 20, observedAt: '1970-01-01T07:00:00+07:00' },
          },
          { id: 'urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu', type: 'AirQualityObserved', pm25: { type: 'Property', value: 21, observedAt: at } },
        ],
      },
      'application/ld+json',
    );
    expect(r.statusCode).toBe(200);
    const body = r.json() as NgsiNotifyResponse;
    expect(body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(body.entities[0]!.rejected).toEqual([
      {
        attribute: 'pm25',
        reason: 'implausible_date',
        message: 'observedAt 1970-01-01T07:00:00.000+07:00 is before the earliest date the IOC accepts (IOC_DATE_MIN)',
      },
    ]);
  });
});

const event = (code: string, extra: Record<string, unknown> = {}) => ({
  eventId: `${code}-2`,
  dossierCode: code,
  procedureCode: '1.000494',
  agencyCode: '000.00.21.H13',
  adminUnitCode: '31135',
  channel: 2,
  status: 2,
  statusAt: '2026-11-16T08:00:00+07:00',
  receivedAt: '2026-11-16T08:00:00+07:00',
  dueAt: '2026-11-20T17:00:00+07:00',
  ...extra,
});

describe('dossier events', () => {
  it('refuses dates before 2015 or in 9999 first, and ids with NUL, lone surrogates or ../, keeping the valid events of the batch', async () => {
    const r = await post('/api/v1/dossiers/events', {
      events: [
        event('B-OK'),
        event('B-1970', { receivedAt: '1970-01-01T07:00:00+07:00', procedureCode: 'nope' }),
        event('B-9999', { status: 9, statusAt: '9999-12-31T17:00:00+07:00', finishedAt: '9999-12-31T17:00:00+07:00' }),
        event('B-DUE', { dueAt: '3026-01-01T17:00:00+07:00' }),
        event('B-SUP', { supplements: [{ requestedAt: '2026-11-17T08:00:00+07:00', completedAt: '2999-01-01T08:00:00+07:00' }] }),
        { ...event('B-NUL'), eventId: 'B-NUL\u0000-2' },
        { ...event('B-SUR'), eventId: 'B-SUR-\uDC00' },
        { ...event('B-DOT'), eventId: '../../etc/passwd' },
        { ...event('B-SEG'), eventId: 'feed/../../etc/passwd' },
        event('B SPACE'),
        event('B-TXT', { processingUnit: 'UBND\u0000' }),
        event('B/OK/2'),
      ],
    });
    expect(r.statusCode).toBe(422);
    expect(errorsOf(r)).toEqual([
      ['accepted'],
      IMPLAUSIBLE('/receivedAt'),
      ['rejected', '/statusAt:implausible_date', '/finishedAt:implausible_date'],
      IMPLAUSIBLE('/dueAt'),
      IMPLAUSIBLE('/supplements/0/completedAt'),
      ['rejected', '/eventId:pattern'],
      ['rejected', '/eventId:pattern'],
      ['rejected', '/eventId:pattern'],
      ['rejected', '/eventId:pattern'],
      ['rejected', '/eventId:pattern', '/dossierCode:pattern'],
      ['rejected', '/processingUnit:pattern'],
      ['accepted'],
    ]);
    expect(await app.ioc.store.countDossierEvents()).toBe(2);
    const y1970 = (await app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/indicators?period=1970' })).json() as DossierIndicatorsResponse;
    expect(y1970.total.received).toBe(0);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/B-9999' })).statusCode).toBe(404);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/B-OK' })).statusCode).toBe(200);
  });

  it('in the national portal’s names: implausible dates by their portal name, control characters and oversize lists refused', async () => {
    const portal = (code: string, extra: Record<string, unknown> = {}) => ({
      MaHoSo: code,
      MaTTHC: '1.000494',
      MaCoQuan: '000.135.00.H13',
      KenhThucHien: 2,
      TrangThaiHoSo: 2,
      NgayTiepNhan: '20261116080000',
      NgayHenTra: '20261120170000',
      ...extra,
    });
    const r = await post('/api/v1/dossiers/events', {
      events: [
        portal('P-OK'),
        portal('P-1970', { NgayTiepNhan: '19700101080000', MaTTHC: 'x' }),
        portal('P-9999', { TrangThaiHoSo: 9, NgayKetThucXuLy: '31/12/9999 17:00' }),
        portal('P#1'),
        portal('P-CTL', { DonViXuLy: 'UBND\u0007' }),
        portal('P-SUP', { DanhSachHoSoBoSung: Array.from({ length: 51 }, () => ({ NgayBoSung: '20261117080000' })) }),
      ],
    });
    expect(errorsOf(r)).toEqual([
      ['accepted'],
      IMPLAUSIBLE('/NgayTiepNhan'),
      IMPLAUSIBLE('/NgayKetThucXuLy'),
      ['rejected', '/MaHoSo:pattern'],
      ['rejected', '/DonViXuLy:pattern'],
      ['rejected', '/DanhSachHoSoBoSung:too_many'],
    ]);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/P-OK' })).statusCode).toBe(200);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/P-1970' })).statusCode).toBe(404);
  });
});

describe('official 766 scores', () => {
  const score = (extra: Record<string, unknown> = {}) => ({
    kind: 'official',
    origin: 'dvcqg-evaluation-api',
    unitCode: 'H13',
    period: '2026-10',
    total: 84.2,
    groups: [{ id: 'dvc-progress-tree', score: 19.1, maxScore: 20 }],
    fetchedAt: '2026-11-01T06:00:00+07:00',
    ...extra,
  });
  it('go through the per-item ingest: implausible dates first, ids checked, cross-field rules, the valid ones stored', async () => {
    const r = await post('/api/v1/score766/official', {
      scores: [
        score(),
        score({ period: '2014-10', total: 500 }),
        score({ period: '2027-01' }),
        score({ period: '2026-09', fetchedAt: '1970-01-01T00:00:00Z' }),
        score({ unitCode: '../../etc/passwd' }),
        score({ period: '2026-08', rank: 40, rankOf: 34 }),
      ],
    });
    expect(r.statusCode).toBe(422);
    expect(errorsOf(r)).toEqual([
      ['accepted'],
      IMPLAUSIBLE('/period'),
      IMPLAUSIBLE('/period'),
      IMPLAUSIBLE('/fetchedAt'),
      ['rejected', '/unitCode:pattern'],
      ['rejected', '/rank:range'],
    ]);
    const got = (await app.inject({ headers: AS.analyst, url: '/api/v1/score766/official' })).json() as { scores: { period: string }[] };
    expect(got.scores.map((s) => s.period)).toEqual(['2026-10']);
  });
});

describe('reports', () => {
  const report = (period: string, extra: Record<string, unknown> = {}) => ({
    regime: 'par-index',
    unit: 'SNV',
    period,
    values: [{ indicator: 'par_index', value: 90 }],
    ...extra,
  });
  it('refuse a period before IOC_DATE_MIN or not yet begun, and a submission dated before it, before any other check', async () => {
    const old = await post('/api/v1/reporting/reports', report('2014', { unit: 'NOPE' }));
    expect(old.statusCode).toBe(422);
    expect(old.json()).toMatchObject({ error: 'invalid_report', details: [{ field: '/period', reason: 'implausible_date' }] });
    expect((old.json() as { details: unknown[] }).details).toHaveLength(1);
    const ahead = await post('/api/v1/reporting/reports', report('2027'));
    expect(ahead.json()).toMatchObject({ details: [{ field: '/period', reason: 'implausible_date', message: 'period 2027 has not begun yet (2026-11-22)' }] });
    const sent = await post('/api/v1/reporting/reports', report('2023', { submittedAt: '1999-01-01T00:00:00+07:00' }));
    expect(sent.json()).toMatchObject({ details: [{ field: '/submittedAt', reason: 'implausible_date' }] });
    expect(await app.ioc.store.reportSubmissions({ unit: 'SNV' })).toEqual([]);
  });

  it('refuse an imported file with a row of an implausible period, storing nothing of it', async () => {
    const csv = 'Mã đơn vị;Chỉ tiêu;Kỳ;Giá trị\r\nSNV;par_index;2023;90\r\nSTP;par_index;2013;91\r\n';
    const r = await post('/api/v1/reporting/imports', csv, 'text/csv');
    expect(r.statusCode).toBe(422);
    const res = r.json() as ImportResponse;
    expect(res.errors.map((e) => [e.row, e.field, e.reason])).toEqual([[3, 'period', 'implausible_date']]);
    expect(await app.ioc.store.reportSubmissions({})).toEqual([]);
    const q = await post('/api/v1/reporting/imports?period=2010', csv, 'text/csv');
    expect(q.json()).toMatchObject({ statusCode: 400, error: 'implausible_date', details: [{ field: '/period', reason: 'implausible_date' }] });
  });
});

describe('free text and codes around the feeds', () => {
  it('refuses control characters where PostgreSQL would fail and unchecked codes where they were free', async () => {
    const note = await app.inject({
      method: 'POST',
      url: '/api/v1/alerts/any/notes',
      headers: { 'x-operator-token': OPERATOR },
      payload: { note: 'đã xử lý\u0000' },
    });
    expect(note.statusCode).toBe(400);
    expect(note.json()).toMatchObject({ error: 'invalid_request', details: [{ field: '/note', reason: 'pattern' }] });
    const review = await post('/api/v1/reporting/reviews', { regime: 'par-index', unit: '../SNV', period: '2023', version: 1, review: 'accepted' });
    expect(review.json()).toMatchObject({ statusCode: 400, details: [{ field: '/unit', reason: 'pattern' }] });
    const named = await post(`/api/v1/reporting/imports?filename=${encodeURIComponent('bao-cao\u0000.csv')}`, 'a;b\r\n', 'text/csv');
    expect(named.json()).toMatchObject({ statusCode: 400, details: [{ field: '/filename', reason: 'pattern' }] });
  });
});
