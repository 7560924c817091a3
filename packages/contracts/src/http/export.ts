import type { Static } from 'typebox';
import { LiteralUnion } from '../common.ts';

/**
 * Table exports. Every export is served by the server in two formats with the same numbers:
 *   GET /api/v1/analyst/series.csv | .xlsx        (the query of /api/v1/analyst/series)
 *   GET /api/v1/reporting/history.csv | .xlsx     (the query of /api/v1/reporting/history; ?format=csv|xlsx still works)
 *   GET /api/v1/dossiers/indicators.csv | .xlsx   (the query of /api/v1/dossiers/indicators)
 * CSV: UTF-8 with a byte-order mark, CRLF, numbers rounded to the indicator's decimals; `sep`
 * chooses the separator: semicolon (default, the list separator of Vietnamese Excel, numbers with
 * a decimal comma), comma (numbers with a decimal point) or tab (decimal comma).
 */
export const CsvSepSchema = LiteralUnion(['semicolon', 'comma', 'tab']);
export type CsvSep = Static<typeof CsvSepSchema>;
