import type { CsvSep } from '@cityioc/contracts';

export type { CsvSep };

/**
 * The one table behind every export (CSV and XLSX alike): columns with their header and, for
 * numbers, the decimals they are shown with; rows of plain values. Builders (analyst series,
 * reporting history, dossier indicators) make a Table; csv.ts and xlsx.ts write it, so both files
 * carry the same numbers, rounded as the screens show them.
 */
export type Cell = string | number | null;

export interface Column {
  header: string;
  /** Numbers are rounded to `decimals` (the indicator's) and written as numbers; text as text. */
  kind: 'text' | 'number';
  decimals?: number;
  /** XLSX column width in characters. */
  width?: number;
}

export interface Table {
  /** XLSX sheet name (at most 31 characters are kept). */
  sheet: string;
  /** An optional first line above the header (XLSX only): what the table is. */
  title?: string;
  columns: Column[];
  rows: Cell[][];
}

/**
 * A number as shown: rounded half away from zero to the column's decimals, as the screens'
 * number formats do (unrounded columns keep 6 decimals at most); null for NaN or ±∞.
 */
export function roundCell(v: number, decimals: number | undefined): number | null {
  if (!Number.isFinite(v)) return null;
  const f = 10 ** (decimals ?? 6);
  const r = (Math.sign(v) * Math.round(Math.abs(v) * f)) / f;
  return Object.is(r, -0) ? 0 : r;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
