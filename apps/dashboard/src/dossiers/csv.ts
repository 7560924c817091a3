/**
 * CSV for spreadsheets (RFC 4180): comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, a quote, a line break or edge spaces, quotes doubled inside. UTF-8 with a byte-order mark
 * so Excel opens Vietnamese text correctly instead of guessing a legacy code page.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

export interface CsvOptions {
  /** Prefix the byte-order mark (default true). */
  bom?: boolean;
}

/**
 * Text that a spreadsheet would run as a formula ('=HYPERLINK(…)', '+1', '@SUM') is prefixed with
 * an apostrophe (OWASP CSV injection). Numbers are written as numbers, so negative changes stay
 * numeric.
 */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = neutralise(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file as a string: rows of fields, CRLF after every row. */
export function buildCsv(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const body = rows.map((r) => r.map(csvField).join(',')).join('\r\n');
  return (options.bom === false ? '' : UTF8_BOM) + (rows.length > 0 ? `${body}\r\n` : '');
}

/** A file name without characters that are awkward on Windows or in a URL; diacritics become ASCII. */
export function csvFileName(parts: readonly string[]): string {
  const base = parts
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'export'}.csv`;
}
