import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { VN_UTC_OFFSET_MS, type SheetCell, type SheetGrid } from '@cityioc/domain';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIMES = ['text/csv', 'application/csv', 'text/comma-separated-values'];

/** More rows than any department's table: a guard against a huge sheet, not a business rule. */
export const MAX_SHEET_ROWS = 20_000;
export const MAX_SHEET_COLUMNS = 64;

export class NotASpreadsheet extends Error {
  constructor(
    message: string,
    readonly reason: 'not_a_spreadsheet' | 'too_many_rows' | 'empty',
  ) {
    super(message);
  }
}

function detectDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let inQuotes = false;
  const counts: Record<string, number> = { ';': 0, '\t': 0, ',': 0 };
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch in counts) counts[ch]!++;
  }
  // vi-VN spreadsheets export ';' because ',' is the decimal mark
  return ([';', '\t', ','] as const).reduce((best, d) => (counts[d]! > counts[best]! ? d : best), ';');
}

/**
 * A CSV as Excel or LibreOffice saves it for Vietnamese users: UTF-8 (a BOM is dropped), ';', ','
 * or tab separated (detected on the first non-empty line). Every cell stays text; numbers are read
 * the vi-VN way by the domain import.
 */
export function readCsv(buf: Buffer): SheetGrid {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new NotASpreadsheet('the file is not UTF-8 text: save the CSV as "CSV UTF-8"', 'not_a_spreadsheet');
  }
  if (text.includes('\u0000')) throw new NotASpreadsheet('the file holds binary data, not CSV text', 'not_a_spreadsheet');
  if (text.trim() === '') throw new NotASpreadsheet('the file is empty', 'empty');
  let records: string[][];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), bom: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: true }) as string[][];
  } catch (e) {
    throw new NotASpreadsheet(`the CSV cannot be read: ${(e as Error).message}`, 'not_a_spreadsheet');
  }
  if (records.length > MAX_SHEET_ROWS) throw new NotASpreadsheet(`the table has more than ${MAX_SHEET_ROWS} rows`, 'too_many_rows');
  return records.map((r) => r.slice(0, MAX_SHEET_COLUMNS).map((t): SheetCell => (t.trim() === '' ? null : { kind: 'text', text: t })));
}

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
 * The first worksheet of an XLSX file. Merged cells carry the merged value in every cell they
 * cover (exceljs returns the master's value); formula cells carry the result cached at save time.
 */
export async function readXlsx(buf: Buffer): Promise<SheetGrid> {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50)
    throw new NotASpreadsheet('the file is not an XLSX workbook (no ZIP signature)', 'not_a_spreadsheet');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new NotASpreadsheet(`the workbook cannot be read: ${(e as Error).message}`, 'not_a_spreadsheet');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new NotASpreadsheet('the workbook has no worksheet', 'empty');
  if (ws.rowCount > MAX_SHEET_ROWS) throw new NotASpreadsheet(`the sheet has more than ${MAX_SHEET_ROWS} rows`, 'too_many_rows');
  const grid: SheetCell[][] = [];
  const width = Math.min(ws.columnCount, MAX_SHEET_COLUMNS);
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
    grid.push(cells);
  }
  return grid;
}
