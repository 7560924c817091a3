import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { NotASpreadsheet, WorkbookTooLarge, type WorkbookLimits } from './table-limits.ts';

/** Running totals over all worksheets of one workbook. */
export interface SheetTotals {
  cells: number;
  merges: number;
}

const MAX_COLUMN = 16_384; // XFD, the last column a worksheet may have
const RANGE = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/;

function column(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * Counts, while a worksheet's XML streams out of the zip, what the XLSX reader (exceljs) would build
 * from it, and throws as soon as a limit is crossed: the last row (a row's `r`, or a merged range's
 * bottom), cells (each `<c>`, and every cell a merged range covers, since the reader creates them
 * all), merged ranges, and column ranges beyond XFD. It uses the XML tokenizer exceljs itself uses
 * (saxes 5), so it sees exactly the elements exceljs will see.
 */
export class SheetScanner {
  private readonly sax = new SaxesParser();
  private readonly decoder = new StringDecoder('utf8');
  private lastRow = 0;
  private failure: Error | null = null;

  constructor(
    /** the worksheet's path in the zip, named in errors */
    private readonly entry: string,
    private readonly limits: WorkbookLimits,
    private readonly totals: SheetTotals,
  ) {
    this.sax.on('error', (e) => {
      this.failure ??= new NotASpreadsheet(`the workbook cannot be read: ${entry}: ${e.message}`, 'not_a_spreadsheet');
    });
    this.sax.on('opentag', (tag) => {
      if (this.failure) return;
      try {
        this.onTag(tag.name, tag.attributes as Record<string, string>);
      } catch (e) {
        this.failure = e as Error;
      }
    });
  }

  /** Feeds the next inflated bytes; throws WorkbookTooLarge or NotASpreadsheet. */
  push(chunk: Buffer): void {
    this.sax.write(this.decoder.write(chunk));
    if (this.failure) throw this.failure;
  }

  end(): void {
    this.sax.write(this.decoder.end());
    this.sax.close();
    if (this.failure) throw this.failure;
  }

  private onTag(name: string, attr: Record<string, string>): void {
    switch (name) {
      case 'row': {
        const r = attr.r === undefined ? this.lastRow + 1 : Number(attr.r);
        if (!Number.isInteger(r) || r < 1) throw new NotASpreadsheet(`${this.entry}: row number '${attr.r}' is not a row`, 'not_a_spreadsheet');
        this.row(Math.max(this.lastRow, r));
        return;
      }
      case 'c':
        this.cells(1);
        return;
      case 'mergeCell': {
        const m = RANGE.exec(attr.ref ?? '');
        if (!m) throw new NotASpreadsheet(`${this.entry}: merged range '${attr.ref ?? ''}' cannot be read`, 'not_a_spreadsheet');
        const [top, bottom] = [Number(m[2]), Number(m[4] ?? m[2])].sort((a, b) => a - b) as [number, number];
        const [left, right] = [column(m[1]!), column(m[3] ?? m[1]!)].sort((a, b) => a - b) as [number, number];
        if (++this.totals.merges > this.limits.merges)
          throw new WorkbookTooLarge({
            field: this.entry,
            reason: 'cells',
            message: `${this.entry} has more than ${this.limits.merges} merged ranges`,
          });
        this.row(Math.max(this.lastRow, bottom));
        this.cells((bottom - top + 1) * (right - left + 1));
        return;
      }
      case 'col': {
        const max = Number(attr.max ?? attr.min ?? 1);
        if (!(max <= MAX_COLUMN)) throw new NotASpreadsheet(`${this.entry}: column ${attr.max} is beyond XFD`, 'not_a_spreadsheet');
        return;
      }
    }
  }

  private row(r: number): void {
    this.lastRow = r;
    if (r > this.limits.rows)
      throw new WorkbookTooLarge({ field: this.entry, reason: 'rows', message: `${this.entry} has more than ${this.limits.rows} rows (row ${r})` });
  }

  private cells(n: number): void {
    this.totals.cells += n;
    if (this.totals.cells > this.limits.cells)
      throw new WorkbookTooLarge({
        field: this.entry,
        reason: 'cells',
        message: `the workbook has more than ${this.limits.cells} cells (counting each cell of a merged range) by ${this.entry}`,
      });
  }
}
