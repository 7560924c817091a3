import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { bombSheet, rowsSheet, SHEET, workbookWith, zipParts } from '../../../test/helpers/workbooks.ts';
import { NotASpreadsheet, WORKBOOK_LIMITS, WorkbookTooLarge } from './table-limits.ts';
import { unzipWorkbook } from './workbook-unzip.ts';
import { readXlsxHere } from './xlsx-reader.ts';

/** What unzipWorkbook threw: its class and, for a workbook too large, the details. */
async function refusal(buf: Buffer) {
  try {
    await unzipWorkbook(buf, WORKBOOK_LIMITS);
  } catch (e) {
    if (e instanceof WorkbookTooLarge) return { tooLarge: e.details.map((d) => [d.field, d.reason]), message: e.message };
    if (e instanceof NotASpreadsheet) return { notASpreadsheet: e.reason, message: e.message };
    throw e;
  }
  return null;
}

describe('unzipWorkbook', () => {
  it('refuses a zip bomb from its declared sizes, before inflating anything', async () => {
    const bomb = await workbookWith(bombSheet(300));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = await refusal(bomb);
    expect(r?.tooLarge).toEqual([[SHEET, 'unpacked_size']]);
    expect(r?.message).toMatch(
      /^the workbook unpacks to 300\.\d MB \(xl\/worksheets\/sheet1\.xml alone 300\.0 MB\); an import may unpack to at most 16\.0 MB$/,
    );
  });

  it('stops inflating an entry that inflates past the size it declares', async () => {
    const liar = await workbookWith(bombSheet(300), { declaredSize: 4096 });
    const rss0 = process.memoryUsage().rss;
    const r = await refusal(liar);
    expect(r?.notASpreadsheet).toBe('not_a_spreadsheet');
    expect(r?.message).toContain(`${SHEET}: too many bytes in the stream`);
    // it gave up near the declared 4 kB, not after 300 MB
    expect(process.memoryUsage().rss - rss0).toBeLessThan(100 * 1024 * 1024);
  });

  it('stops at the row limit while the worksheet streams out, by count or by row number', async () => {
    const rows = await refusal(await workbookWith(rowsSheet(WORKBOOK_LIMITS.rows + 1)));
    expect(rows).toEqual({ tooLarge: [[SHEET, 'rows']], message: `${SHEET} has more than 20000 rows (row 20001)` });
    const far = await refusal(await workbookWith(rowsSheet(1, { firstRow: 1_048_576 })));
    expect(far).toEqual({ tooLarge: [[SHEET, 'rows']], message: `${SHEET} has more than 20000 rows (row 1048576)` });
    expect(await refusal(await workbookWith(rowsSheet(WORKBOOK_LIMITS.rows)))).toBeNull();
  });

  it('counts every cell of a merged range, the cells of all rows, and the merged ranges', async () => {
    const merged = await refusal(await workbookWith(rowsSheet(3, { tail: '<mergeCells count="1"><mergeCell ref="A1:Z10000"/></mergeCells>' })));
    expect(merged?.tooLarge).toEqual([[SHEET, 'cells']]);
    const wide = Buffer.from(
      `<worksheet><sheetData>${Array.from({ length: 10_001 }, (_, r) => `<row r="${r + 1}">${'<c><v>1</v></c>'.repeat(20)}</row>`).join('')}</sheetData></worksheet>`,
    );
    expect(await refusal(await workbookWith(wide))).toEqual({
      tooLarge: [[SHEET, 'cells']],
      message: `the workbook has more than 200000 cells (counting each cell of a merged range) by ${SHEET}`,
    });
    const merges = Array.from({ length: WORKBOOK_LIMITS.merges + 1 }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
    expect(await refusal(await workbookWith(rowsSheet(1, { tail: `<mergeCells>${merges}</mergeCells>` })))).toEqual({
      tooLarge: [[SHEET, 'cells']],
      message: `${SHEET} has more than 5000 merged ranges`,
    });
  });

  it('refuses what is not a zip, a column range beyond XFD and a merged range it cannot read', async () => {
    expect((await refusal(Buffer.from('PK\u0003\u0004 not really')))?.notASpreadsheet).toBe('not_a_spreadsheet');
    const cols = await refusal(
      await workbookWith(Buffer.from(rowsSheet(1).toString().replace('<sheetData>', '<cols><col min="1" max="99999999"/></cols><sheetData>'))),
    );
    expect(cols?.notASpreadsheet).toBe('not_a_spreadsheet');
    const bad = await refusal(await workbookWith(rowsSheet(1, { tail: '<mergeCells><mergeCell ref="A1:ZZZZ9"/></mergeCells>' })));
    expect(bad).toEqual({ notASpreadsheet: 'not_a_spreadsheet', message: `${SHEET}: merged range 'A1:ZZZZ9' cannot be read` });
  });
});

describe('readXlsxHere', () => {
  /** A department workbook with a drop-down over the whole sheet and a name over a huge range (Excel writes both). */
  async function withWholeSheetRanges(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Báo cáo');
    ws.addRow(['Đơn vị', 'Giá trị']);
    ws.addRow(['SNV', 92.27]);
    ws.getCell('A2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"SNV,STP"'] };
    wb.definedNames.add("'Báo cáo'!$A$1:$B$2", 'bang');
    const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
    const text = (name: string) => Buffer.from(files[name]!).toString('utf8');
    expect(text(SHEET)).toContain('sqref="A2"');
    expect(text('xl/workbook.xml')).toContain('$A$1:$B$2');
    const patched: Record<string, string> = {
      [SHEET]: text(SHEET).replace('sqref="A2"', 'sqref="A1:XFD1048576"'),
      'xl/workbook.xml': text('xl/workbook.xml').replace('$A$1:$B$2', '$A$1:$XFD$1048576'),
    };
    return zipParts(Object.entries(files).map(([name, data]) => ({ name, content: patched[name] ? Buffer.from(patched[name]) : Buffer.from(data) })));
  }

  it('reads the cells of a workbook whose data validation and defined name cover the whole sheet', async () => {
    // exceljs expands each address of both ranges (17 billion): the reader leaves the two parts out
    expect(await readXlsxHere(await withWholeSheetRanges())).toEqual([
      [
        { kind: 'text', text: 'Đơn vị' },
        { kind: 'text', text: 'Giá trị' },
      ],
      [
        { kind: 'text', text: 'SNV' },
        { kind: 'number', value: 92.27 },
      ],
    ]);
  });

  it('refuses a data validation that hides markup from the scanner', async () => {
    const sheet = rowsSheet(1, { tail: '<dataValidations count="1"><!-- </dataValidations> <row r="99999"/> --></dataValidations>' });
    await expect(readXlsxHere(await workbookWith(sheet))).rejects.toThrow(`the workbook cannot be read: ${SHEET} hides markup in <dataValidations>`);
  });
});
