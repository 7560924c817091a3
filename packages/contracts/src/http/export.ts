import type { Static } from 'typebox';
import { LiteralUnion } from '../common.ts';

/**
 * Table exports. Every export is served by the server in two formats with the same numbers:
 *   GET /api/v1/analyst/series.csv | .xlsx        (the query of /api/v1/analyst/series)
 *   GET /api/v1/reporting/history.csv | .xlsx     (the query of /api/v1/reporting/history; ?format=csv|xlsx still works)
 *   GET /api/v1/dossiers/indicators.csv | .xlsx   (the query of /api/v1/dossiers/indicators)
 * CSV: UTF-8 with a byte-order mark, CRLF, numbers rounded to the indicator's decimals; `sep`
 * chooses the separator: semicolon (default, the list separator of Vietnamese Excel, numbers with
 * a decimal comma), comma (numbers with a decimal point) or tab (decimal comma); the characters
 * themselves (';', ',', a tab) name the same separators.
 */
// the names, or the characters themselves as a person types them in a URL: ?sep=; ?sep=, ?sep=%09
export const CsvSepSchema = LiteralUnion(['semicolon', 'comma', 'tab', ';', ',', '\t']);
export type CsvSep = Static<typeof CsvSepSchema>;
