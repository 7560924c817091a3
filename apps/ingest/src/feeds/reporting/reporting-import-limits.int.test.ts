/**
 * Issue 12 #11: a spreadsheet import can no longer take the server's memory or hold up the other
 * clients. A hostile XLSX is given up on while it is unzipped (413 with the reason), and at most
 * two imports run at once (503 with Retry-After beyond).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { CAN_THO_REGIMES, CAN_THO_REPORTING_UNITS, reportPeriod, reportsFor } from '@cityioc/domain';
import type { ImportResponse } from '@cityioc/contracts';
import { buildTestApp, TEST_KEY } from '../../../test/helpers/build-test-app.ts';
import { bombSheet, rowsSheet, SHEET, workbookWith, XLSX } from '../../../test/helpers/workbooks.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
afterEach(async () => cleanup?.());

async function start() {
  ({ app, cleanup } = await buildTestApp({}, { clock: () => Date.parse('2026-11-20T10:00:00+07:00') }));
}
const upload = (body: Buffer, type: string) =>
  app.inject({ method: 'POST', url: '/api/v1/reporting/imports', headers: { 'x-api-key': TEST_KEY, 'content-type': type }, payload: body });

/** A department's monthly table: every unit and indicator of the regime for `months` months (1,560 rows a year). */
const regime = CAN_THO_REGIMES.find((r) => r.id === 'cchc-cds')!;
async function departmentWorkbook(months: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  ws.addRow(['Mã đơn vị', 'Kỳ báo cáo', 'Mã chỉ tiêu', 'Tử số', 'Mẫu số']);
  for (let m = 0; m < months; m++) {
    // 2024: the city, its departments before the 2025 mergers and its 9 districts owe each month (26 units)
    const period = `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    const owing = CAN_THO_REPORTING_UNITS.filter((u) => regime.units.includes(u.code) && reportsFor(u, reportPeriod(period)));
    for (const unit of owing) for (const ind of regime.indicators) ws.addRow([unit.code, period, ind, 100 + m, 200 + m]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The highest resident memory of this process (and so of the import workers) until stopped. */
function peakRss() {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss) - start;
  };
}

describe('XLSX imports past the limits', () => {
  it('give up on a zip bomb with 413 and the reason, without unpacking it into memory', async () => {
    await start();
    // a first import starts the reading worker, so its own memory is not counted below
    expect((await upload(await departmentWorkbook(1), XLSX)).statusCode).toBe(200);
    const bomb = await workbookWith(bombSheet(300));
    const liar = await workbookWith(bombSheet(300), { declaredSize: 4096 });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);

    const growth = peakRss();
    const r = await upload(bomb, XLSX);
    expect(r.statusCode).toBe(413);
    const body = r.json() as { details: { message: string }[] };
    expect(body).toEqual({
      statusCode: 413,
      error: 'workbook_too_large',
      message: body.details[0]!.message,
      details: [{ field: SHEET, reason: 'unpacked_size', message: body.details[0]!.message }],
    });
    expect(body.details[0]!.message).toMatch(/^the workbook unpacks to 300\.\d MB \(xl\/worksheets\/sheet1\.xml alone 300\.0 MB\)/);
    // the same bomb declaring 4 kB: inflating stops just past 4 kB
    const lie = await upload(liar, XLSX);
    expect(lie.json()).toMatchObject({ statusCode: 415, error: 'not_a_spreadsheet' });
    expect((lie.json() as { message: string }).message).toContain(`${SHEET}: too many bytes in the stream`);
    // well below the 300 MB either file inflates to (the reader used to hold it, and more, in memory)
    expect(growth()).toBeLessThan(100 * 1024 * 1024);
  });

  it('stop at the row limit while unzipping (413 with the sheet and reason); a CSV stops while parsing', async () => {
    await start();
    const r = await upload(await workbookWith(rowsSheet(20_001)), XLSX);
    expect([r.statusCode, r.json()]).toEqual([
      413,
      {
        statusCode: 413,
        error: 'workbook_too_large',
        message: `${SHEET} has more than 20000 rows (row 20001)`,
        details: [{ field: SHEET, reason: 'rows', message: `${SHEET} has more than 20000 rows (row 20001)` }],
      },
    ]);
    const merged = await upload(await workbookWith(rowsSheet(2, { tail: '<mergeCells count="1"><mergeCell ref="A1:Z20000"/></mergeCells>' })), XLSX);
    expect(merged.json()).toMatchObject({ statusCode: 413, error: 'workbook_too_large', details: [{ field: SHEET, reason: 'cells' }] });
    const csv = await upload(Buffer.from(`Mã đơn vị;Giá trị\n${'SNV;1\n'.repeat(20_001)}`), 'text/csv');
    expect([csv.statusCode, csv.json()]).toEqual([413, { statusCode: 413, error: 'too_many_rows', message: 'the table has more than 20000 rows' }]);
  });
});

describe('concurrent imports', () => {
  it('run at most two at once: the next get 503 with Retry-After, and an ended import frees its slot', async () => {
    await start();
    const file = await departmentWorkbook(12);
    const answers = await Promise.all(Array.from({ length: 5 }, () => upload(file, XLSX)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 503, 503, 503]);
    for (const busy of answers.filter((a) => a.statusCode === 503)) {
      expect(busy.headers['retry-after']).toBe('2');
      expect(busy.json()).toEqual({ statusCode: 503, error: 'imports_busy', message: '2 imports are in progress; retry in 2 s' });
    }
    const imported = answers.filter((a) => a.statusCode === 200).map((a) => a.json() as ImportResponse);
    expect(imported.map((x) => [x.result, x.rows])).toEqual([
      ['imported', 12 * 26 * regime.indicators.length],
      ['imported', 12 * 26 * regime.indicators.length],
    ]);
    // slots free again, after a refused file too
    expect((await upload(await workbookWith(rowsSheet(20_001)), XLSX)).statusCode).toBe(413);
    expect((await upload(Buffer.from('not a workbook'), XLSX)).statusCode).toBe(415);
    const again = await Promise.all([upload(file, XLSX), upload(file, XLSX)]);
    expect(again.map((a) => a.statusCode)).toEqual([200, 200]);
  });
});
