import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse as csvParser, type Options as CsvOptions } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { SheetCell, SheetGrid } from '@cityioc/domain';
import { httpError } from '../../plugins/errors.ts';
import { ImportTimedOut, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, NotASpreadsheet, WorkbookTooLarge } from './table-limits.ts';
import { readXlsxInWorker } from './xlsx-pool.ts';

export { ImportTimedOut, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, NotASpreadsheet, WorkbookTooLarge, WORKBOOK_LIMITS } from './table-limits.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIMES = ['text/csv', 'application/csv', 'text/comma-separated-values'];

function detectDelimiter(text: string): string {
  // the first non-empty line, found without splitting the whole file
  let line = '';
  for (let pos = 0; pos < text.length && line.trim() === '';) {
    const nl = text.indexOf('\n', pos);
    line = text.slice(pos, nl === -1 ? text.length : nl);
    pos = nl === -1 ? text.length : nl + 1;
  }
  let inQuotes = false;
  const counts: Record<string, number> = { ';': 0, '\t': 0, ',': 0 };
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch in counts) counts[ch]!++;
  }
  // vi-VN spreadsheets export ';' because ',' is the decimal mark
  return ([';', '\t', ','] as const).reduce((best, d) => (counts[d]! > counts[best]! ? d : best), ';');
}

/** The file as text with the parser's options; the row limit is part of them (parsing stops one row past it). */
function csvText(buf: Buffer): { text: string; options: CsvOptions } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new NotASpreadsheet('the file is not UTF-8 text: save the CSV as "CSV UTF-8"', 'not_a_spreadsheet');
  }
  if (text.includes('\u0000')) throw new NotASpreadsheet('the file holds binary data, not CSV text', 'not_a_spreadsheet');
  if (text.trim() === '') throw new NotASpreadsheet('the file is empty', 'empty');
  const options: CsvOptions = {
    delimiter: detectDelimiter(text),
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    relax_quotes: true,
    to: MAX_SHEET_ROWS + 1,
  };
  return { text, options };
}

const tooManyRows = () => new NotASpreadsheet(`the table has more than ${MAX_SHEET_ROWS} rows`, 'too_many_rows');
const cannotRead = (e: unknown) => new NotASpreadsheet(`the CSV cannot be read: ${(e as Error).message}`, 'not_a_spreadsheet');
const rowOf = (r: string[]): SheetCell[] => r.slice(0, MAX_SHEET_COLUMNS).map((t): SheetCell => (t.trim() === '' ? null : { kind: 'text', text: t }));

/**
 * A CSV as Excel or LibreOffice saves it for Vietnamese users: UTF-8 (a BOM is dropped), ';', ','
 * or tab separated (detected on the first non-empty line). Every cell stays text; numbers are read
 * the vi-VN way by the domain import. Parsing stops one row past MAX_SHEET_ROWS.
 */
export function readCsv(buf: Buffer): SheetGrid {
  const { text, options } = csvText(buf);
  let records: string[][];
  try {
    records = parse(text, options) as string[][];
  } catch (e) {
    throw cannotRead(e);
  }
  if (records.length > MAX_SHEET_ROWS) throw tooManyRows();
  return records.map(rowOf);
}

/** Characters parsed per turn of the event loop. */
const CSV_SLICE_CHARS = 64 * 1024;

/**
 * readCsv for the import route: the same reading, fed to csv-parse's streaming parser a slice at a
 * time with the event loop served in between, so a 2 MiB file never stalls the other clients;
 * it stops as soon as the table has more than MAX_SHEET_ROWS rows.
 */
export async function readCsvInSlices(buf: Buffer): Promise<SheetGrid> {
  const { text, options } = csvText(buf);
  const parser = csvParser(options);
  let failure: unknown = null;
  parser.on('error', (e) => (failure ??= e));
  const grid: SheetCell[][] = [];
  const drain = () => {
    for (let r: string[] | null; (r = parser.read() as string[] | null) !== null;) grid.push(rowOf(r));
  };
  for (let i = 0; i < text.length && failure === null && grid.length <= MAX_SHEET_ROWS && !parser.writableEnded; i += CSV_SLICE_CHARS) {
    parser.write(text.slice(i, i + CSV_SLICE_CHARS));
    drain();
    await nextTurn();
  }
  if (failure === null && grid.length <= MAX_SHEET_ROWS && !parser.writableEnded) {
    parser.end();
    await nextTurn();
    drain();
  }
  parser.destroy();
  if (failure !== null) throw cannotRead(failure);
  if (grid.length > MAX_SHEET_ROWS) throw tooManyRows();
  return grid;
}

/**
 * The first worksheet of an XLSX file, read in a worker thread under the unpacking limits
 * (xlsx-pool.ts, xlsx-reader.ts): NotASpreadsheet, or WorkbookTooLarge as soon as a limit is crossed, or ImportTimedOut.
 */
export async function readXlsx(buf: Buffer, timeoutMs?: number): Promise<SheetGrid> {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50)
    throw new NotASpreadsheet('the file is not an XLSX workbook (no ZIP signature)', 'not_a_spreadsheet');
  return readXlsxInWorker(buf, timeoutMs);
}

/** Seconds a client whose workbook timed out is told to wait before sending it again. */
export const IMPORT_TIMEOUT_RETRY_AFTER_S = 30;

/**
 * An uploaded table (the import routes of reports and procedures): XLSX by its content type, CSV
 * otherwise. A file that is not a table is 400 (empty) or 415, one too large 413, with the reason; a workbook the busy
 * server did not read in time 503 with Retry-After (`xlsxTimeoutMs`: the tests' short limit).
 */
export async function readUploadedTable(contentType: string, body: Buffer, xlsxTimeoutMs?: number): Promise<SheetGrid> {
  try {
    return contentType === XLSX_MIME ? await readXlsx(body, xlsxTimeoutMs) : await readCsvInSlices(body);
  } catch (e) {
    if (e instanceof ImportTimedOut) throw httpError(503, 'import_timed_out', e.message, undefined, { retryAfterS: IMPORT_TIMEOUT_RETRY_AFTER_S });
    if (e instanceof WorkbookTooLarge) throw httpError(413, 'workbook_too_large', e.message, e.details);
    if (e instanceof NotASpreadsheet) throw httpError(e.reason === 'too_many_rows' ? 413 : e.reason === 'empty' ? 400 : 415, e.reason, e.message);
    throw e;
  }
}
