import ExcelJS from 'exceljs';
import { VN_UTC_OFFSET_MS, type SheetCell, type SheetGrid } from '@cityioc/domain';
import { MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, NotASpreadsheet, WORKBOOK_LIMITS, type WorkbookLimits } from './table-limits.ts';
import { unzipWorkbook, zipForReader } from './workbook-unzip.ts';

function cellOf(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return v.trim() === '' ? null : { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'text', text: String(v) };
  // exceljs gives a date cell's wall-clock time as if it were UTC; ours is UTC+7
  if (v instanceof Date) return { kind: 'date', ms: v.getTime() - VN_UTC_OFFSET_MS };
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    const r = f.result;
    const result = typeof r === 'number' || typeof r === 'string' ? r : r instanceof Date ? r.toISOString() : null;
    return { kind: 'formula', formula: f.formula ?? f.sharedFormula ?? '', result };
  }
  if ('richText' in v) return { kind: 'text', text: v.richText.map((t) => t.text).join('') };
  if ('text' in v) return { kind: 'text', text: String(v.text) };
  if ('error' in v) return { kind: 'text', text: String(v.error) };
  return null;
}

/**
 * The first worksheet of an XLSX file, read in this thread (the import runs it in a worker, see
 * xlsx-pool.ts). The zip is unpacked under WORKBOOK_LIMITS first (workbook-unzip.ts), so exceljs
 * only ever loads bytes that were counted. Merged cells carry the merged value in every cell they
 * cover (exceljs returns the master's value); formula cells carry the result cached at save time.
 */
export async function readXlsxHere(buf: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<SheetGrid> {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50)
    throw new NotASpreadsheet('the file is not an XLSX workbook (no ZIP signature)', 'not_a_spreadsheet');
  const files = await unzipWorkbook(buf, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(zipForReader(files) as unknown as ArrayBuffer);
  } catch (e) {
    throw new NotASpreadsheet(`the workbook cannot be read: ${(e as Error).message}`, 'not_a_spreadsheet');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new NotASpreadsheet('the workbook has no worksheet', 'empty');
  if (ws.rowCount > MAX_SHEET_ROWS) throw new NotASpreadsheet(`the sheet has more than ${MAX_SHEET_ROWS} rows`, 'too_many_rows');
  const grid: SheetCell[][] = [];
  const width = Math.min(ws.columnCount, MAX_SHEET_COLUMNS);
  for (let r = 1; r <= ws.rowCount; r++) {
    // find, not get: getRow/getCell would create a row and a cell object for every empty position
    const row = ws.findRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row?.findCell(c)?.value ?? null));
    grid.push(cells);
  }
  return grid;
}
