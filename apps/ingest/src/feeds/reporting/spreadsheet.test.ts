import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { NotASpreadsheet, readCsv, readXlsx } from './spreadsheet.ts';

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

  it('refuses a file that is not a workbook', async () => {
    await expect(readXlsx(Buffer.from('Đơn vị;Giá trị'))).rejects.toThrow(/not an XLSX/);
    await expect(readXlsx(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]))).rejects.toThrow(NotASpreadsheet);
  });
});
