import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { errorsPlugin } from '../../plugins/errors.ts';
import { rowsSheet, SHEET, workbookWith } from '../../../test/helpers/workbooks.ts';
import {
  IMPORT_TIMEOUT_RETRY_AFTER_S,
  MAX_SHEET_ROWS,
  NotASpreadsheet,
  readCsv,
  readCsvInSlices,
  readUploadedTable,
  readXlsx,
  WorkbookTooLarge,
  XLSX_MIME,
} from './spreadsheet.ts';

describe('readCsv', () => {
  it('detects the delimiter: comma with quoted decimal commas, semicolon, tab; drops the BOM', () => {
    expect(readCsv(Buffer.from('\uFEFFĐơn vị,Giá trị\r\nSNV,"92,27"\r\n'))).toEqual([
      [
        { kind: 'text', text: 'Đơn vị' },
        { kind: 'text', text: 'Giá trị' },
      ],
      [
        { kind: 'text', text: 'SNV' },
        { kind: 'text', text: '92,27' },
      ],
    ]);
    expect(readCsv(Buffer.from('a;b\n1.164;2'))[1]).toEqual([
      { kind: 'text', text: '1.164' },
      { kind: 'text', text: '2' },
    ]);
    expect(readCsv(Buffer.from('a\tb\nx\t'))[1]).toEqual([{ kind: 'text', text: 'x' }, null]);
  });

  it('refuses binary data, other encodings and empty files', () => {
    expect(() => readCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(NotASpreadsheet);
    expect(() => readCsv(Buffer.from([0x54, 0xea, 0x6e]))).toThrow(/UTF-8/); // 'Tên' in Windows-1258
    expect(() => readCsv(Buffer.from('  \r\n'))).toThrow(/empty/);
  });

  it('reads the same grid a slice at a time for the import route, and stops one row past the limit', async () => {
    const csv = Buffer.from(`\uFEFFMã đơn vị;Giá trị\r\n${Array.from({ length: 3_000 }, (_, i) => `SNV;"${i},5"`).join('\r\n')}\r\nSTP;"1;2"`);
    const grid = await readCsvInSlices(csv);
    expect(grid).toEqual(readCsv(csv));
    expect(grid).toHaveLength(3_002);
    expect(grid[3_001]).toEqual([
      { kind: 'text', text: 'STP' },
      { kind: 'text', text: '1;2' },
    ]);
    const long = Buffer.from(`a;b\n${'x;1\n'.repeat(MAX_SHEET_ROWS)}`);
    await expect(readCsvInSlices(long)).rejects.toThrow(`the table has more than ${MAX_SHEET_ROWS} rows`);
    expect(() => readCsv(long)).toThrow(`the table has more than ${MAX_SHEET_ROWS} rows`);
    await expect(readCsvInSlices(Buffer.from('a;"b\nc'))).rejects.toThrow(/the CSV cannot be read/);
    await expect(readCsvInSlices(Buffer.from([0x54, 0xea, 0x6e]))).rejects.toThrow(/UTF-8/);
  });
});

describe('readXlsx', () => {
  it('repeats merged values, keeps cached formula results, and reads dates as local midnight', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['Kết quả', null, 'Ngày gửi']);
    ws.mergeCells('A1:B1');
    ws.addRow([{ formula: 'B2*2', result: 42.4 }, 21.2, new Date(Date.UTC(2024, 1, 28))]);
    const grid = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(grid[0]).toEqual([
      { kind: 'text', text: 'Kết quả' },
      { kind: 'text', text: 'Kết quả' },
      { kind: 'text', text: 'Ngày gửi' },
    ]);
    expect(grid[1]).toEqual([
      { kind: 'formula', formula: 'B2*2', result: 42.4 },
      { kind: 'number', value: 21.2 },
      { kind: 'date', ms: Date.parse('2024-02-28T00:00:00+07:00') },
    ]);
  });

  it('gives the reason of a workbook past the limits from the worker that read it', async () => {
    const err = await readXlsx(await workbookWith(rowsSheet(MAX_SHEET_ROWS + 1))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookTooLarge);
    expect((err as WorkbookTooLarge).details).toEqual([{ field: SHEET, reason: 'rows', message: `${SHEET} has more than 20000 rows (row 20001)` }]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readXlsx(Buffer.from('Đơn vị;Giá trị'))).rejects.toThrow(/not an XLSX/);
    await expect(readXlsx(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]))).rejects.toThrow(NotASpreadsheet);
  });
});

describe('readUploadedTable', () => {
  it('answers a workbook within the limits that a busy server did not read in time 503 with Retry-After, not 413', async () => {
    const app = Fastify();
    await app.register(errorsPlugin);
    const body = await workbookWith(rowsSheet(2000));
    // the tests' short limit stands for a loaded server: the worker (at a lower CPU priority) is stopped before it ends
    app.post('/import', async () => ({ rows: (await readUploadedTable(XLSX_MIME, body, 1)).length }));
    app.post('/import-in-time', async () => ({ rows: (await readUploadedTable(XLSX_MIME, body)).length }));
    const late = await app.inject({ method: 'POST', url: '/import' });
    expect(late.statusCode).toBe(503);
    expect(late.headers['retry-after']).toBe(String(IMPORT_TIMEOUT_RETRY_AFTER_S));
    expect(late.json()).toMatchObject({ statusCode: 503, error: 'import_timed_out', retryAfterS: IMPORT_TIMEOUT_RETRY_AFTER_S });
    expect(late.json().message).toMatch(/took longer than 0.001 s: the server is busy; nothing was stored/);
    const inTime = await app.inject({ method: 'POST', url: '/import-in-time' });
    expect(inTime.statusCode).toBe(200);
    expect(inTime.json()).toEqual({ rows: 2000 });
    await app.close();
  });
});
