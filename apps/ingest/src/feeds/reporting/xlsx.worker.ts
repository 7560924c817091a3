/** The worker thread of the XLSX pool (xlsx-pool.ts): reads one upload, answers a packed grid or why not. */
import { packGrid, type PackedGrid } from './packed-grid.ts';
import { NotASpreadsheet, WorkbookTooLarge, type TooLargeDetail } from './table-limits.ts';
import { readXlsxHere } from './xlsx-reader.ts';

export type XlsxTaskResult =
  | { ok: true; grid: PackedGrid }
  | { ok: false; error: 'workbook_too_large'; message: string; details: TooLargeDetail[] }
  | { ok: false; error: NotASpreadsheet['reason']; message: string };

export default async function readXlsxTask(bytes: Uint8Array): Promise<XlsxTaskResult> {
  try {
    const grid = await readXlsxHere(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { ok: true, grid: packGrid(grid) };
  } catch (e) {
    if (e instanceof WorkbookTooLarge) return { ok: false, error: 'workbook_too_large', message: e.message, details: e.details };
    if (e instanceof NotASpreadsheet) return { ok: false, error: e.reason, message: e.message };
    throw e;
  }
}
