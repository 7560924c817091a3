import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import type { Table } from './table.ts';
import { toXlsx } from './xlsx.ts';

const table: Table = {
  sheet: 'Dữ liệu',
  columns: [
    { header: 'Mã đơn vị', kind: 'text' },
    { header: 'Đơn vị', kind: 'text' },
    { header: 'Tỷ lệ (%)', kind: 'number', decimals: 1 },
    { header: 'Hồ sơ', kind: 'number', decimals: 0 },
  ],
  rows: [
    ['916', 'Ninh Kiều', 92.2666, 1234],
    ['917', '=HYPERLINK("http://x")', -1.25, null],
    ['918', 'Sở Tư pháp; "Một cửa"\r\ndòng 2', Number.NaN, 0.4],
    ['919', ' lề', 1e-9, -0.4],
  ],
};

describe('CSV export', () => {
  it('writes a BOM, CRLF, the decimal comma with ";" and rounds numbers to their decimals', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFFMã đơn vị;Đơn vị;Tỷ lệ (%);Hồ sơ\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('916;Ninh Kiều;92,3;1234');
  });

  it('reads back with csv-parse as the same cells, formulas neutralised, awkward text quoted', () => {
    for (const [sep, delimiter] of [
      ['semicolon', ';'],
      ['comma', ','],
      ['tab', '\t'],
    ] as const) {
      const rows = parse(toCsv(table, sep), { bom: true, delimiter, relax_column_count: false }) as string[][];
      const num = (s: string) => (s === '' ? null : Number(sep === 'comma' ? s : s.replace(',', '.')));
      expect(rows[0]).toEqual(['Mã đơn vị', 'Đơn vị', 'Tỷ lệ (%)', 'Hồ sơ']);
      expect(rows.slice(1).map((r) => [r[0], r[1], num(r[2]!), num(r[3]!)])).toEqual([
        ['916', 'Ninh Kiều', 92.3, 1234],
        ['917', '\'=HYPERLINK("http://x")', -1.3, null],
        ['918', 'Sở Tư pháp; "Một cửa"\r\ndòng 2', null, 0],
        ['919', ' lề', 0, 0],
      ]);
    }
    expect(toCsv(table, 'comma').split('\r\n')[2]).toBe('917,"\'=HYPERLINK(""http://x"")",-1.3,');
  });
});

describe('XLSX export', () => {
  it('writes numbers as numbers, rounded like the CSV, with a number format of their decimals', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx({ ...table, title: 'Tiêu đề' })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Dữ liệu');
    expect(ws.getRow(1).getCell(1).value).toBe('Tiêu đề');
    expect(ws.getRow(2).values).toEqual([undefined, 'Mã đơn vị', 'Đơn vị', 'Tỷ lệ (%)', 'Hồ sơ']);
    expect(ws.getRow(3).values).toEqual([undefined, '916', 'Ninh Kiều', 92.3, 1234]);
    expect(ws.getRow(4).getCell(2).value).toBe('=HYPERLINK("http://x")');
    expect(ws.getRow(4).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(3).getCell(3).numFmt).toBe('#,##0.0');
    expect(ws.getRow(3).getCell(4).numFmt).toBe('#,##0');
  });
});
