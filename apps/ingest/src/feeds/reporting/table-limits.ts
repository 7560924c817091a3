/** More rows than any department's table: a guard against a huge sheet, not a business rule. */
export const MAX_SHEET_ROWS = 20_000;
export const MAX_SHEET_COLUMNS = 64;

/**
 * What an XLSX upload may unpack to (issue 12 #11). A department's workbook is a few hundred kB
 * unpacked; the limits are checked while the file is unzipped, so a hostile one is given up on
 * before it is in memory.
 */
export const WORKBOOK_LIMITS = {
  /** every file of the workbook, inflated, together */
  unpackedBytes: 16 * 1024 * 1024,
  /** the last row of any worksheet (a row's `r`, or the bottom of a merged range) */
  rows: MAX_SHEET_ROWS,
  /** cells of all worksheets, each cell of a merged range counted (the reader creates them all) */
  cells: 200_000,
  /** merged ranges of all worksheets (the reader checks each against all the others) */
  merges: 5_000,
};
export type WorkbookLimits = typeof WORKBOOK_LIMITS;

export class NotASpreadsheet extends Error {
  constructor(
    message: string,
    readonly reason: 'not_a_spreadsheet' | 'too_many_rows' | 'empty',
  ) {
    super(message);
  }
}

export interface TooLargeDetail {
  /** the file inside the workbook, e.g. xl/worksheets/sheet1.xml */
  field: string;
  reason: 'unpacked_size' | 'rows' | 'cells';
  message: string;
}

/**
 * A workbook within the limits that a worker did not finish reading in time: the server is too busy (the worker runs at
 * a lower CPU priority than the event loop), not the file too large. Answered 503 with Retry-After; nothing was stored.
 */
export class ImportTimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(`reading the workbook took longer than ${timeoutMs / 1000} s: the server is busy; nothing was stored, send it again later`);
  }
}

/** A workbook past one of WORKBOOK_LIMITS: answered 413 workbook_too_large with the detail. */
export class WorkbookTooLarge extends Error {
  readonly details: TooLargeDetail[];
  constructor(detail: TooLargeDetail) {
    super(detail.message);
    this.details = [detail];
  }
}
