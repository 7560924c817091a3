import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { AnalystChildrenResponse, AnalystSeriesResponse } from '@cityioc/contracts';
import { buildTestApp, ratio, TEST_KEY, AS } from '../../../test/helpers/build-test-app.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterEach(async () => cleanup());

const pm = (id: string, area: string, at: string, value: number) => ({ id, indicator: 'pm25', area, observedAt: at, value });
const post = async (observations: unknown[]) => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: { 'x-api-key': TEST_KEY }, payload: { observations } });
  expect(r.statusCode).toBeLessThan(300);
};
const series = (q: string) => app.inject({ headers: AS.analyst, url: `/api/v1/analyst/series?${q}` });

describe('GET /api/v1/analyst/series', () => {
  beforeEach(async () => {
    await post([
      pm('a', '31135', '2026-07-31T23:30:00+07:00', 10), // July, local time
      pm('b', '31135', '2026-08-01T00:30:00+07:00', 20),
      pm('c', '31135', '2026-08-15T10:00:00+07:00', 40),
      pm('d', '31201', '2026-08-20T10:00:00+07:00', 90),
      pm('e', '31135', '2026-10-02T10:00:00+07:00', 5),
      ratio('r1', '31135', 3, 10),
      ratio('r2', '31201', 5, 10),
    ]);
    await post([pm('b', '31135', '2026-08-01T00:30:00+07:00', 20)]); // duplicate: counted once
  });

  it('answers months per area from the rollups, the city included, with empty months as null', async () => {
    const r = await series('indicator=pm25&areas=92,31135,31201&period=month&from=2026-07&to=2026-10');
    expect(r.statusCode).toBe(200);
    const body = r.json() as AnalystSeriesResponse;
    expect(body.source).toBe('rollups');
    const byArea = Object.fromEntries(body.series.map((s) => [s.area, s.points.map((p) => [p.period, p.value, p.count])]));
    expect(byArea['31135']).toEqual([
      ['2026-07', 10, 1],
      ['2026-08', 30, 2],
      ['2026-09', null, 0],
      ['2026-10', 5, 1],
    ]);
    expect(byArea['92']![1]).toEqual(['2026-08', 50, 3]);
    expect(body.series.find((s) => s.area === '31135')!.name).toBe('Ninh Kiều');
  });

  it('merges months into quarters and compares with the previous range', async () => {
    const body = (await series('indicator=pm25&areas=31135&period=quarter&from=2026-Q4&to=2026-Q4&compare=previous')).json() as AnalystSeriesResponse;
    expect(body.series[0]!.points).toEqual([{ period: '2026-Q4', value: 5, count: 1 }]);
    expect(body.compare).toMatchObject({ from: '2026-Q3', to: '2026-Q3' });
    expect(body.compare!.series[0]!.points).toEqual([{ period: '2026-Q3', value: 23.333333333, count: 3 }]);
  });

  it('adds ratios as Σnumerator/Σdenominator up the tree', async () => {
    const body = (await series('indicator=e_document_rate&areas=92,31135&period=year&from=2026&to=2026')).json() as AnalystSeriesResponse;
    expect(body.series.map((s) => s.points[0])).toEqual([
      { period: '2026', value: 0.4, count: 2, numerator: 8, denominator: 20 },
      { period: '2026', value: 0.3, count: 1, numerator: 3, denominator: 10 },
    ]);
  });

  it.each([
    ['indicator=nope_x&areas=92&period=month&from=2026-01&to=2026-02', 404, 'unknown_indicator', 'indicator'],
    ['indicator=pm25&areas=92,999&period=month&from=2026-01&to=2026-02', 404, 'unknown_area', 'areas'],
    ['indicator=pm25&areas=92&period=month&from=2026-05&to=2026-02', 400, 'inverted_range', 'from'],
    ['indicator=pm25&areas=92&period=month&from=2026-Q1&to=2026-02', 400, 'invalid_range', 'from'],
    ['indicator=pm25&areas=92&period=day&from=2026-02-30&to=2026-03-02', 400, 'invalid_range', 'from'],
    ['indicator=pm25&areas=92&period=week&from=2026-01&to=2026-02', 400, 'invalid_request', '/period'],
    ['indicator=dossiers_on_time_rate&areas=92&period=day&from=2026-01-01&to=2026-01-02', 400, 'unsupported_period', 'period'],
  ])('%s → %i %s', async (q, status, error, field) => {
    const r = await series(q);
    expect(r.statusCode).toBe(status);
    expect(r.json()).toMatchObject({ error, details: [{ field }] });
  });

  it('refuses a query that would be too large, with the limit, without reading it', async () => {
    const r = await series('indicator=pm25&areas=92,31135,31201&period=hour&from=2026-01-01T00&to=2026-12-31T23');
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ error: 'too_large', limit: 5000, points: 3 * 8760 });
  });

  it('exports the query as CSV with a byte-order mark and Vietnamese headers, and as XLSX', async () => {
    const q = 'indicator=e_document_rate&areas=31135,31201&period=month&from=2026-11&to=2026-11&compare=previous';
    const csv = await app.inject({ headers: AS.analyst, url: `/api/v1/analyst/series.csv?${q}&sep=comma` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('e_document_rate_month_2026-11_2026-11_today.csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFFMã đơn vị,Đơn vị,Kỳ,Tên kỳ,Giá trị (%),Tử số,Mẫu số,Số bản ghi,Ước tính,Cách xem,Kỳ trước,Giá trị kỳ trước (%),Chênh lệch');
    expect(lines[1]).toBe('31135,Ninh Kiều,2026-11,Tháng 11/2026,30,3,10,1,,theo đơn vị hành chính hiện nay,2026-10,,');
    const xlsx = await app.inject({ headers: AS.analyst, url: `/api/v1/analyst/series.xlsx?${q}&lang=en` });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(5).value).toBe('Value (%)');
    expect(ws.getRow(4).values).toEqual([undefined, '31201', 'Hưng Phú', '2026-11', 'Nov 2026', 50, 5, 10, 1, undefined, "on today's units", '2026-10']);
  });
});

describe('GET /api/v1/analyst/children', () => {
  it('lists today’s communes of the city with their shapes', async () => {
    const city = (await app.inject({ headers: AS.analyst, url: '/api/v1/analyst/children?area=92' })).json() as AnalystChildrenResponse;
    expect(city.area).toMatchObject({ code: '92', hasChildren: true });
    expect(city.children.length).toBeGreaterThanOrEqual(9);
    expect(city.children.find((c) => c.code === '31135')).toMatchObject({ name: 'Ninh Kiều', hasGeometry: true });
    const d = (await app.inject({ headers: AS.analyst, url: '/api/v1/analyst/children?area=31135' })).json() as AnalystChildrenResponse;
    expect(d.path.map((a) => a.code)).toEqual(['92']);
    expect(d.children.every((c) => !c.hasGeometry)).toBe(true);
    const bad = await app.inject({ headers: AS.analyst, url: '/api/v1/analyst/children?area=999' });
    expect(bad.statusCode).toBe(404);
    expect(bad.json()).toMatchObject({ error: 'unknown_area' });
  });
});

describe('dossier indicators through the same API', () => {
  it('answers the on-time rate per month from the dossier period cells, the city summing its districts', async () => {
    const ev = (code: string, area: string, status: number, statusAt: string, extra: Record<string, unknown> = {}) => ({
      eventId: `${code}-${status}`,
      dossierCode: code,
      procedureCode: '1.000494',
      agencyCode: '000.00.01.H13',
      adminUnitCode: area,
      channel: 2,
      status,
      statusAt,
      receivedAt: '2026-11-03T08:00:00+07:00',
      dueAt: '2026-11-10T17:00:00+07:00',
      ...extra,
    });
    const events = [
      ev('D1', '31135', 2, '2026-11-03T08:00:00+07:00'),
      ev('D1', '31135', 9, '2026-11-05T15:00:00+07:00', { finishedAt: '2026-11-05T15:00:00+07:00' }),
      ev('D2', '31201', 2, '2026-11-03T08:00:00+07:00'),
      ev('D2', '31201', 9, '2026-11-13T15:00:00+07:00', { finishedAt: '2026-11-13T15:00:00+07:00' }),
    ];
    const r = await app.inject({ method: 'POST', url: '/api/v1/dossiers/events', headers: { 'x-api-key': TEST_KEY }, payload: { events } });
    expect(r.statusCode).toBeLessThan(300);
    const body = (await series('indicator=dossiers_on_time_rate&areas=92,31135,31201&period=month&from=2026-10&to=2026-11')).json() as AnalystSeriesResponse;
    expect(body.source).toBe('dossiers');
    expect(body.series.map((s) => s.points.map((p) => p.value))).toEqual([
      [null, 0.5],
      [null, 1],
      [null, 0],
    ]);
  });
});
