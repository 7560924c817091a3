/**
 * Every table export through its route, read back as a spreadsheet reads it (csv-parse, exceljs)
 * and compared with the JSON route it exports: the same rows, the same numbers rounded to the
 * indicator's decimals, the separator asked for.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AnalystSeriesResponse, DossierIndicatorsResponse, IndicatorHistoryResponse } from '@cityioc/contracts';
import { buildTestApp, ratio, TEST_KEY, AS } from '../../test/helpers/build-test-app.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: { 'x-api-key': TEST_KEY }, payload });
  expect((await post('/api/v1/observations/batch', { observations: [ratio('x1', '31135', 2, 3), ratio('x2', '31201', 5, 7)] })).statusCode).toBe(200);
  for (const [period, value] of [
    ['2022', 90.456],
    ['2023', 92.27],
  ] as const)
    expect(
      (await post('/api/v1/reporting/reports', { regime: 'par-index', unit: 'SNV', period, values: [{ indicator: 'par_index', value }] })).statusCode,
    ).toBe(201);
  const ev = (code: string, agencyCode: string, area: string, status: number, at: string, extra: object = {}) => ({
    eventId: `${code}-${status}`,
    dossierCode: code,
    procedureCode: '1.000494',
    agencyCode,
    adminUnitCode: area,
    channel: 2,
    status,
    statusAt: at,
    receivedAt: '2026-11-02T08:00:00+07:00',
    dueAt: '2026-11-05T17:00:00+07:00',
    ...extra,
  });
  const done = (code: string, agency: string, area: string, finish: string) => [
    ev(code, agency, area, 2, '2026-11-02T08:00:00+07:00'),
    ev(code, agency, area, 9, finish, { finishedAt: finish }),
  ];
  const events = [
    ...done('E1', '000.135.00.H13', '31135', '2026-11-04T10:00:00+07:00'),
    ...done('E2', '000.135.00.H13', '31135', '2026-11-09T10:00:00+07:00'),
    ...done('E3', '000.135.00.H13', '31135', '2026-11-03T10:00:00+07:00'),
    ...done('E4', '000.00.02.H13', '31201', '2026-11-04T10:00:00+07:00'),
  ];
  expect((await post('/api/v1/dossiers/events', { events })).statusCode).toBe(200);
});
afterAll(async () => cleanup());

const get = (url: string) => app.inject({ headers: AS.analyst, url });
const csvRows = (body: string, delimiter: string) => parse(body, { bom: true, delimiter }) as string[][];
const num = (s: string | undefined, decimalComma: boolean) => (s === undefined || s === '' ? null : Number(decimalComma ? s.replace(',', '.') : s));
async function sheetRows(raw: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('GET /api/v1/analyst/series.csv|.xlsx', () => {
  const q = `indicator=e_document_rate&areas=31135,31201&period=month&from=2026-11&to=2026-11`;
  it('carries the numbers of the JSON series, rounded to the indicator’s decimals, with ; and a decimal comma by default', async () => {
    const json = (await get(`/api/v1/analyst/series?${q}`)).json() as AnalystSeriesResponse;
    const expected = json.series.map((s) => [s.area, Math.round(s.points[0]!.value! * 1000) / 10]);
    expect(expected).toEqual([
      ['31135', 66.7],
      ['31201', 71.4],
    ]);
    const csv = await get(`/api/v1/analyst/series.csv?${q}`);
    expect(csv.body.split('\r\n')[1]).toBe('31135;Ninh Kiều;2026-11;Tháng 11/2026;66,7;2;3;1;;theo đơn vị hành chính hiện nay');
    // each separator a spreadsheet opens: ';' and tab with decimal commas (vi-VN), ',' with decimal points
    const separators = [
      ['', ';', true],
      ['&sep=tab', '\t', true],
      ['&sep=comma', ',', false],
    ] as const;
    for (const [param, sep, decimalComma] of separators) {
      const { body } = param ? await get(`/api/v1/analyst/series.csv?${q}${param}`) : csv;
      expect([
        param,
        csvRows(body, sep)
          .slice(1)
          .map((r) => [r[0], num(r[4], decimalComma)]),
      ]).toEqual([param, expected]);
    }
    const xlsx = await get(`/api/v1/analyst/series.xlsx?${q}`);
    const rows = await sheetRows(xlsx.rawPayload);
    expect(rows[1]![4]).toBe('Giá trị (%)');
    expect(rows.slice(2).map((r) => [r[0], r[4]])).toEqual(expected);
  });
});

describe('GET /api/v1/reporting/history.csv|.xlsx', () => {
  it('carries the reported values of the JSON history, with the old ?format= as an alias', async () => {
    const json = (await get('/api/v1/reporting/history?indicator=par_index')).json() as IndicatorHistoryResponse;
    const expected = json.points.map((p) => [p.period, p.unit, Math.round(p.value! * 100) / 100]);
    expect(expected).toEqual([
      ['2022', 'SNV', 90.46],
      ['2023', 'SNV', 92.27],
    ]);
    for (const url of ['/api/v1/reporting/history.csv?indicator=par_index', '/api/v1/reporting/history?indicator=par_index&format=csv']) {
      const csv = await get(url);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="bao-cao-par_index.csv"');
      expect(
        csvRows(csv.body, ';')
          .slice(1)
          .map((r) => [r[0], r[1], num(r[5], true)]),
      ).toEqual(expected);
    }
    const xlsx = await get('/api/v1/reporting/history.xlsx?indicator=par_index');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="bao-cao-par_index.xlsx"');
    expect((await sheetRows(xlsx.rawPayload)).slice(1).map((r) => [r[0], r[1], r[5]])).toEqual(expected);
  });
});

describe('GET /api/v1/dossiers/indicators.csv|.xlsx', () => {
  it('lists each agency with its name and the indicators of the JSON route, then the total', async () => {
    const json = (await get('/api/v1/dossiers/indicators?period=2026-11&by=agency')).json() as DossierIndicatorsResponse;
    const pct = (p: { numerator: number; denominator: number }) => Math.round((p.numerator / p.denominator) * 1000) / 10;
    const expected = [...json.rows, json.total].map((r) => [r.key, r.received, r.completedOnTime, pct(r.onTime)]);
    expect(expected).toEqual([
      ['000.00.02.H13', 1, 1, 100],
      ['000.135.00.H13', 3, 2, 66.7],
      ['92', 4, 3, 75],
    ]);
    const csv = await get('/api/v1/dossiers/indicators.csv?period=2026-11&by=agency');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="ho-so-co-quan-2026-11.csv"');
    const rows = csvRows(csv.body, ';');
    expect(rows[0]!.slice(0, 4)).toEqual(['Mã cơ quan', 'Tên cơ quan', 'Hồ sơ tiếp nhận', 'Đang giải quyết']);
    const col = (h: string) => rows[0]!.indexOf(h);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Sở Tư pháp', 'UBND phường Ninh Kiều', 'Tổng: Thành phố Cần Thơ']);
    expect(
      rows
        .slice(1)
        .map((r) => [r[0], num(r[col('Hồ sơ tiếp nhận')], true), num(r[col('Giải quyết đúng hạn')], true), num(r[col('Tỷ lệ giải quyết đúng hạn (%)')], true)]),
    ).toEqual(expected);
    const xlsx = await get('/api/v1/dossiers/indicators.xlsx?period=2026-11&by=agency');
    const sheet = await sheetRows(xlsx.rawPayload);
    const head = sheet[1] as string[];
    expect(
      sheet
        .slice(2)
        .map((r) => [r[0], r[head.indexOf('Hồ sơ tiếp nhận')], r[head.indexOf('Giải quyết đúng hạn')], r[head.indexOf('Tỷ lệ giải quyết đúng hạn (%)')]]),
    ).toEqual(expected);
    const byArea = await get('/api/v1/dossiers/indicators.csv?period=2026-11&scope=31135&sep=comma');
    expect(byArea.headers['content-disposition']).toBe('attachment; filename="ho-so-don-vi-31135-2026-11.csv"');
    expect(csvRows(byArea.body, ',').map((r) => r.slice(0, 3))).toEqual([
      ['Mã đơn vị', 'Tên đơn vị', 'Hồ sơ tiếp nhận'],
      ['31135', 'Ninh Kiều', '3'],
      ['31135', 'Tổng: Ninh Kiều', '3'],
    ]);
  });

  it('takes the separator as its name or as the character typed in the URL (?sep=; , or a tab), ; with the decimal comma', async () => {
    const body = async (sep: string) => (await get(`/api/v1/dossiers/indicators.csv?period=2026-11&by=agency&sep=${sep}`)).body;
    const semicolon = await body('%3B');
    expect(semicolon).toBe(await body('semicolon'));
    expect(await body('%2C')).toBe(await body('comma'));
    expect(await body('%09')).toBe(await body('tab'));
    const rows = csvRows(semicolon, ';');
    const col = rows[0]!.indexOf('Tỷ lệ giải quyết đúng hạn (%)');
    // 2 of 3 on time: 66,7 as the ranking shows it (the catalogue's one decimal), never 66.66666666666667
    expect(rows.find((r) => r[0] === '000.135.00.H13')![col]).toBe('66,7');
    expect(csvRows(await body('%2C'), ',').find((r) => r[0] === '000.135.00.H13')![col]).toBe('66.7');
  });

  it('answers a bad query as the JSON route does', async () => {
    expect((await get('/api/v1/dossiers/indicators.csv?period=2026-13')).statusCode).toBe(400);
    expect((await get('/api/v1/dossiers/indicators.xlsx?period=2026-11&scope=999')).json()).toMatchObject({ statusCode: 404, error: 'unknown_scope' });
    expect((await get('/api/v1/dossiers/indicators.csv?period=2026-11&sep=pipe')).statusCode).toBe(400);
  });
});
