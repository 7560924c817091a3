import type { Lang } from '../format/format.ts';

/**
 * Every table the dashboard offers for download is written by the server, as CSV or XLSX from
 * the same query, so both files hold the numbers the page shows. This builds their URLs:
 *   GET /api/v1/analyst/series.csv|.xlsx       (the explorer's trend)
 *   GET /api/v1/reporting/history.csv|.xlsx    (the reporting analyst page)
 *   GET /api/v1/dossiers/indicators.csv|.xlsx  (the dossier ranking)
 *   GET /api/v1/admin/audit.csv|.xlsx          (the audit log, administrators)
 *   GET /api/v1/score766/:metric/items.csv|.xlsx (the items behind a 766 metric: score766ItemsTable)
 * each with the query of its JSON route, `lang` for the headers and, for CSV, the separator.
 */
export type ExportFormat = 'csv' | 'xlsx';

/** `semicolon` is what Excel expects under Vietnamese regional settings (the list separator). */
export type CsvSeparator = 'semicolon' | 'comma' | 'tab';
export const CSV_SEPARATORS: readonly CsvSeparator[] = ['semicolon', 'comma', 'tab'];

export const EXPORT_PATHS = {
  analystSeries: '/api/v1/analyst/series',
  reportingHistory: '/api/v1/reporting/history',
  dossierIndicators: '/api/v1/dossiers/indicators',
  auditLog: '/api/v1/admin/audit',
} as const;

export type ExportTable = keyof typeof EXPORT_PATHS;

/** The separator a spreadsheet in that language expects: ';' in Vietnamese (decimal comma), ',' in English. */
export function defaultSeparator(lang: Lang): CsvSeparator {
  return lang === 'vi' ? 'semicolon' : 'comma';
}

/** The table of the items behind one Decision 766 metric (its code is a path segment). */
export function score766ItemsTable(metric: string): { path: string } {
  return { path: `/api/v1/score766/${encodeURIComponent(metric)}/items` };
}

export interface ExportRequest {
  /** A fixed table, or a path whose table depends on it (score766ItemsTable). */
  table: ExportTable | { path: string };
  /** The JSON route's query, in order; empty or undefined values are left out. */
  query: Readonly<Record<string, string | undefined>>;
  lang: Lang;
}

/** Pure: the URL of one export (relative to `base`, the API's origin prefix; '' for the page's own). */
export function exportUrl(req: ExportRequest, format: ExportFormat, sep: CsvSeparator = defaultSeparator(req.lang), base = ''): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query)) if (v !== undefined && v !== '') q.set(k, v);
  q.set('lang', req.lang);
  if (format === 'csv') q.set('sep', sep);
  const path = typeof req.table === 'string' ? EXPORT_PATHS[req.table] : req.table.path;
  return `${base}${path}.${format}?${q.toString()}`;
}
