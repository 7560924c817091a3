import { stringify } from 'csv-stringify/sync';
import { roundCell, type Cell, type CsvSep, type Table } from './table.ts';

const DELIMITER: Record<CsvSep, string> = { semicolon: ';', comma: ',', tab: '\t', ';': ';', ',': ',', '\t': '\t' };

/** Text a spreadsheet would run as a formula (OWASP "CSV injection"): written with a leading apostrophe. */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * A table as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel reads Vietnamese text).
 * Numbers are rounded to their column's decimals and written with a decimal comma when the
 * separator is ';' or a tab (Vietnamese Excel), a decimal point with ','; text that looks like a
 * formula is neutralised; fields with a separator, quote, line break or edge space are quoted.
 */
export function toCsv(table: Table, sep: CsvSep = 'semicolon'): string {
  const delimiter = DELIMITER[sep];
  const decimalComma = delimiter !== ',';
  const cell = (v: Cell, col: number): string => {
    if (v === null) return '';
    if (typeof v === 'number') {
      const r = roundCell(v, table.columns[col]?.decimals);
      if (r === null) return '';
      const s = String(r);
      return decimalComma ? s.replace('.', ',') : s;
    }
    return FORMULA.test(v) ? `'${v}` : v;
  };
  const records = [table.columns.map((c) => c.header), ...table.rows].map((r, i) => (i === 0 ? (r as string[]) : r.map(cell)));
  return stringify(records, { bom: true, delimiter, record_delimiter: '\r\n', quoted_match: /^\s|\s$/ });
}
