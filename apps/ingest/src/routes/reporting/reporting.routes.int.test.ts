import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type {
  ImportResponse,
  IndicatorHistoryResponse,
  IndicatorValuesResponse,
  RankingResponse,
  Snapshot,
  SubmissionStatusResponse,
} from '@cityioc/contracts';
import { buildTestApp, TEST_KEY, AS } from '../../../test/helpers/build-test-app.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let app: FastifyInstance;
let cleanup: () => Promise<void>;
let now = Date.parse('2026-11-20T10:00:00+07:00');
afterEach(async () => cleanup?.());

async function start() {
  ({ app, cleanup } = await buildTestApp({}, { clock: () => now }));
}
const upload = (body: Buffer | string, type: string, query = '') =>
  app.inject({ method: 'POST', url: `/api/v1/reporting/imports${query}`, headers: { 'x-api-key': TEST_KEY, 'content-type': type }, payload: body });
const get = async <T>(url: string) => {
  const r = await app.inject({ headers: AS.analyst, url });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json() as T;
};
const postReport = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/reporting/reports', headers: { 'x-api-key': TEST_KEY }, payload });

/** A department's workbook: a merged title, a two-row merged header, a blank row, thousands separators and a formula. */
async function departmentWorkbook(rows: (string | number | ExcelJS.CellFormulaValue | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  ws.addRow(['BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH', null, null, null, null, null]);
  ws.mergeCells('A1:F1');
  ws.addRow([]);
  ws.addRow(['Đơn vị', 'Kỳ báo cáo', 'Chỉ tiêu', 'Kết quả', null, null]);
  ws.addRow([null, null, null, 'Tử số', 'Mẫu số', 'Giá trị (%)']);
  ws.mergeCells('A3:A4');
  ws.mergeCells('B3:B4');
  ws.mergeCells('C3:C4');
  ws.mergeCells('D3:F3');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reporting import', () => {
  it('imports a department XLSX (merged headers, vi-VN thousands, blank rows, a cached formula) and serves values, targets and the live tile', async () => {
    await start();
    const file = await departmentWorkbook([
      ['TP. Cần Thơ', '2022-Q1', 'Tỷ lệ văn bản điện tử qua Trục liên thông', '328.330', '342.006', null],
      [null, null, null, null, null, null],
      ['TP. Cần Thơ', '2022', 'Tỷ lệ số hóa kết quả giải quyết TTHC còn hiệu lực', 13000, '362.729', null],
      ['TP. Cần Thơ', '2023', 'online_payment_rate', null, null, { formula: '84.8/2', result: 42.4 }],
    ]);
    const r = await upload(file, XLSX, '?filename=bao-cao.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    const res = r.json() as ImportResponse;
    expect(res).toMatchObject({ result: 'imported', rows: 3, errors: [] });
    expect(res.reports.map((x) => [x.unit, x.period, x.version, x.result])).toEqual([
      ['92', '2022-Q1', 1, 'stored'],
      ['92', '2022', 1, 'stored'],
      ['92', '2023', 1, 'stored'],
    ]);
    const v = await get<IndicatorValuesResponse>('/api/v1/reporting/values?period=2023&units=92');
    expect(v.rows).toEqual([expect.objectContaining({ indicator: 'online_payment_rate', value: 42.4, target: 30, verdict: 'met' })]);
    const d = await get<IndicatorValuesResponse>('/api/v1/reporting/values?period=2022');
    expect(d.rows[0]).toMatchObject({ indicator: 'digitised_results_rate', numerator: 13000, denominator: 362729, target: 50, verdict: 'missed' });
    expect(d.rows[0]!.value).toBeCloseTo(3.584, 3);
    const latest = await get<IndicatorValuesResponse>('/api/v1/reporting/latest?units=92');
    expect(latest.rows.map((x) => [x.indicator, x.period])).toEqual([
      ['digitised_results_rate', '2022'],
      ['e_document_rate', '2022-Q1'],
      ['online_payment_rate', '2023'],
    ]);
    // the wall's live state carries the published value as its own 'reported_*' series
    const snap = await get<Snapshot>('/api/v1/snapshot/92');
    const cell = snap.cells.find((c) => c.indicator === 'reported_online_payment_rate');
    expect(cell).toMatchObject({ numerator: 42.4, denominator: 100 });
    expect(snap.cells.find((c) => c.indicator === 'e_document_rate')).toMatchObject({ numerator: 328330, denominator: 342006 });
    expect(snap.cells.find((c) => c.indicator === 'online_payment_rate')).toBeUndefined();
  });

  it('rejects the whole file with precise per-row errors: text in a number cell, unknown unit, nonexistent period, a formula without result', async () => {
    await start();
    const file = await departmentWorkbook([
      ['TP. Cần Thơ', '2022-Q1', 'e_document_rate', '328.330', '342.006', null],
      ['TP. Cần Thơ', '2023', 'online_payment_rate', null, null, 'bốn mươi hai'],
      ['Sở Không Tồn Tại', '2023', 'online_payment_rate', null, null, '42,4'],
      ['TP. Cần Thơ', '2023-13', 'online_payment_rate', null, null, '42,4'],
      ['TP. Cần Thơ', '2024', 'online_payment_rate', null, null, { formula: 'F5*2' } as ExcelJS.CellFormulaValue],
    ]);
    const r = await upload(file, XLSX);
    expect(r.statusCode).toBe(422);
    const res = r.json() as ImportResponse;
    expect(res.result).toBe('rejected');
    expect(res.errors.map((e) => [e.row, e.column, e.header, e.reason])).toEqual([
      [6, 'F', 'Giá trị (%)', 'not_a_number'],
      [7, 'A', 'Đơn vị', 'unknown_unit'],
      [8, 'B', 'Kỳ báo cáo', 'nonexistent_period'],
      [9, 'F', 'Giá trị (%)', 'formula_without_result'],
    ]);
    // nothing half-imported: the valid first row was not stored either
    expect((await get<IndicatorValuesResponse>('/api/v1/reporting/values?period=2022-Q1')).rows).toEqual([]);
  });

  it('imports a vi-VN CSV (BOM, semicolons, decimal commas) and answers non-spreadsheets and oversize files with 4xx', async () => {
    await start();
    const csv =
      '\uFEFFMã đơn vị;Chỉ tiêu;Kỳ;Giá trị;Nguồn số liệu\r\nSLDTBXH;Chỉ số cải cách hành chính (PAR INDEX);2023;98;công bố\r\n;;;;\r\nSKHCN;par_index;2023;"97,5";minh họa\r\n';
    const r = await upload(Buffer.from(csv), 'text/csv');
    expect(r.statusCode, r.body).toBe(200);
    const rk = await get<RankingResponse>('/api/v1/reporting/rankings?indicator=par_index&period=2023&group=department');
    expect(rk.rows.map((x) => [x.rank, x.unit, x.value, x.provenance])).toEqual([
      [1, 'SLDTBXH', 98, 'published'],
      [2, 'SKHCN', 97.5, 'illustrative'],
    ]);
    expect(rk).toMatchObject({ aggregate: 97.75, threshold: 80, atOrAboveThreshold: 2, count: 2, illustrative: 1 });

    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 0)]);
    expect((await upload(pdf, 'text/csv')).json()).toMatchObject({ statusCode: 415, error: 'not_a_spreadsheet' });
    expect((await upload(pdf, XLSX)).json()).toMatchObject({ statusCode: 415, error: 'not_a_spreadsheet' });
    expect((await upload(pdf, 'application/pdf')).statusCode).toBe(415);
    expect((await upload(Buffer.alloc(3 * 1024 * 1024, 65), 'text/csv')).statusCode).toBe(413);
    expect((await app.inject({ method: 'POST', url: '/api/v1/reporting/imports', headers: { 'content-type': 'text/csv' }, payload: csv })).statusCode).toBe(
      401,
    );
  });
});

describe('reporting across a restart', () => {
  it('keeps every version and publishes the city values to the live state again at start', async () => {
    const first = await buildTestApp({}, { clock: () => now });
    app = first.app;
    cleanup = first.cleanup;
    const report = (value: number) => ({ regime: 'cchc-cds', unit: '92', period: '2023', values: [{ indicator: 'online_payment_rate', value }] });
    expect((await postReport(report(40))).statusCode).toBe(201);
    expect((await postReport(report(42.4))).statusCode).toBe(201);
    await first.app.close();
    ({ app, cleanup } = await buildTestApp({}, { clock: () => now, config: first.config }));
    const cell = (await get<Snapshot>('/api/v1/snapshot/92')).cells.find((c) => c.indicator === 'reported_online_payment_rate');
    expect(cell).toMatchObject({ numerator: 42.4, denominator: 100 });
    expect((await app.ioc.store.reportSubmissions({ unit: '92' })).map((r) => r.version)).toEqual([1, 2]);
  });
});

describe('a city report sent back for correction', () => {
  it('leaves the live tile at once, comes back when accepted, and the corrected version replaces it', async () => {
    await start();
    const tile = async () => (await get<Snapshot>('/api/v1/snapshot/92')).cells.find((c) => c.indicator === 'reported_online_payment_rate');
    const review = (version: number, verdict: 'returned' | 'accepted') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/reporting/reviews',
        headers: { 'x-api-key': TEST_KEY },
        payload: { regime: 'cchc-cds', unit: '92', period: '2026-10', version, review: verdict, note: verdict === 'returned' ? 'sai mẫu số' : undefined },
      });
    const report = (value: number) => ({ regime: 'cchc-cds', unit: '92', period: '2026-10', values: [{ indicator: 'online_payment_rate', value }] });
    expect((await postReport(report(98.4))).statusCode).toBe(201);
    expect(await tile()).toMatchObject({ numerator: 98.4, denominator: 100 });
    now += 3600_000;
    expect((await review(1, 'returned')).statusCode).toBe(200);
    // the refused figure is no longer on the wall: no value until the corrected one comes
    const withdrawn = await tile();
    expect(withdrawn).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    now += 3600_000;
    expect((await review(1, 'accepted')).statusCode).toBe(200);
    expect(await tile()).toMatchObject({ numerator: 98.4, denominator: 100 });
    now += 3600_000;
    expect((await review(1, 'returned')).statusCode).toBe(200);
    expect(await tile()).toMatchObject({ value: null });
    now += 3600_000;
    expect((await postReport(report(48.4))).json()).toMatchObject({ version: 2, result: 'stored' });
    expect(await tile()).toMatchObject({ numerator: 48.4, denominator: 100 });
  });
});

describe('reporting API', () => {
  it('a corrected resubmission replaces the current values and the history keeps both; the same values again change nothing', async () => {
    await start();
    const report = (value: number) => ({
      regime: 'par-index',
      unit: 'SNV',
      period: '2023',
      values: [{ indicator: 'par_index', value }],
      submittedAt: '2024-02-20T09:00:00+07:00',
    });
    expect((await postReport(report(90))).json()).toMatchObject({ version: 1, result: 'stored', status: 'submitted_on_time' });
    expect((await postReport(report(91.5))).json()).toMatchObject({ version: 2, result: 'stored' });
    const again = await postReport(report(91.5));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ version: 2, result: 'unchanged' });
    const v = await get<IndicatorValuesResponse>('/api/v1/reporting/values?period=2023&units=SNV');
    expect(v.rows.map((x) => [x.value, x.version])).toEqual([[91.5, 2]]);
    const versions = await app.ioc.store.reportSubmissions({ unit: 'SNV' });
    expect(versions.map((x) => x.values[0]!.value)).toEqual([90, 91.5]);
  });

  it('names unknown indicators, units and nonexistent periods with 4xx', async () => {
    await start();
    const bad = await postReport({ regime: 'par-index', unit: 'NOPE', period: '2023-Q5', values: [{ indicator: 'nope', value: 1 }] });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { details: { field: string; reason: string }[] }).details.map((d) => `${d.field}:${d.reason}`)).toEqual([
      '/unit:unknown_unit',
      '/period:nonexistent_period',
      '/values/0/indicator:unknown_indicator',
    ]);
    expect((await postReport({ regime: 'par-index', unit: 'SNV', period: '2023', values: [{ indicator: 'par_index', value: '92,27' }] })).statusCode).toBe(400);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/values?period=2024-13' })).json()).toMatchObject({
      statusCode: 400,
      error: 'nonexistent_period',
    });
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/rankings?indicator=nope&period=2023' })).statusCode).toBe(404);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/history?indicator=par_index&units=XX' })).json()).toMatchObject({
      error: 'unknown_unit',
    });
  });

  it('tracks submission status with a deadline moved past Tết: due, then overdue; a late submission; a return', async () => {
    await start();
    // 2026-02 cut-off ends Sat 14 Feb (Tết 14–22 Feb): 2 working days after → Tue 24 Feb 17:00
    now = Date.parse('2026-02-24T16:00:00+07:00');
    let st = await get<SubmissionStatusResponse>('/api/v1/reporting/status?regime=cchc-cds&period=2026-02');
    expect(new Date(st.deadline).toISOString()).toBe('2026-02-24T10:00:00.000Z');
    expect(st.counts.due).toBe(st.units.length);
    await postReport({ regime: 'cchc-cds', unit: 'SNV', period: '2026-02', values: [{ indicator: 'e_document_rate', numerator: 9, denominator: 10 }] });
    now = Date.parse('2026-02-25T08:00:00+07:00');
    await postReport({ regime: 'cchc-cds', unit: '31135', period: '2026-02', values: [{ indicator: 'e_document_rate', numerator: 7, denominator: 10 }] });
    st = await get<SubmissionStatusResponse>('/api/v1/reporting/status?regime=cchc-cds&period=2026-02');
    const by = new Map(st.units.map((u) => [u.unit, u.status]));
    expect(by.get('SNV')).toBe('submitted_on_time');
    expect(by.get('31135')).toBe('submitted_late');
    expect(by.get('STP')).toBe('overdue');
    expect(st.counts.overdue).toBe(st.units.length - 2);
    const rv = await app.inject({
      method: 'POST',
      url: '/api/v1/reporting/reviews',
      headers: { 'x-api-key': TEST_KEY },
      payload: { regime: 'cchc-cds', unit: '31135', period: '2026-02', version: 1, review: 'returned', note: 'thiếu mẫu số' },
    });
    expect(rv.statusCode).toBe(200);
    st = await get<SubmissionStatusResponse>('/api/v1/reporting/status?regime=cchc-cds&period=2026-02');
    expect(st.units.find((u) => u.unit === '31135')!.status).toBe('returned');
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/status?regime=par-index&period=2026-02' })).statusCode).toBe(400);
  });

  it('exports an indicator history as CSV with a BOM and as XLSX', async () => {
    await start();
    // the department's PAR INDEX of two years, each sent in February of the next
    for (const [period, value] of [
      ['2022', 90.5],
      ['2023', 92.27],
    ] as const) {
      await postReport({
        regime: 'par-index',
        unit: 'SNV',
        period,
        values: [{ indicator: 'par_index', value }],
        submittedAt: `${Number(period) + 1}-02-20T09:00:00+07:00`,
      });
    }
    const h = await get<IndicatorHistoryResponse>('/api/v1/reporting/history?indicator=par_index');
    expect(h.periods).toEqual(['2022', '2023']);
    const csv = await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/history?indicator=par_index&format=csv&sep=comma' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('2023,SNV,Sở Nội vụ,par_index');
    const x = await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/history?indicator=par_index&format=xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(3).getCell(6).value).toBe(92.27);
  });
});
