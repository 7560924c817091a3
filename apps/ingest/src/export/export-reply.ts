import type { FastifyReply } from 'fastify';
import { CsvSepSchema } from '@cityioc/contracts';
import { Type, type TObject, type TProperties } from 'typebox';
import { toCsv } from './csv.ts';
import { XLSX_MIME, type CsvSep, type Table } from './table.ts';
import { toXlsx } from './xlsx.ts';

export type ExportFormat = 'csv' | 'xlsx';

/** A file name without characters awkward on any system: Vietnamese letters lose their marks, the rest becomes '-'. */
export function exportFileName(parts: readonly string[], ext: ExportFormat): string {
  const base = parts
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'export'}.${ext}`;
}

/** The document's description of a download (OpenAPI): a CSV text or an XLSX workbook. */
export function fileResponses(format: ExportFormat) {
  const media = format === 'csv' ? 'text/csv' : XLSX_MIME;
  const schema = format === 'csv' ? { type: 'string' } : { type: 'string', contentMediaType: XLSX_MIME, contentEncoding: 'binary' };
  return { 200: { description: format === 'csv' ? 'CSV (UTF-8 with BOM)' : 'XLSX workbook', content: { [media]: { schema } } } };
}

/**
 * The query of a list's download (`….csv` / `….xlsx`): the list's own query, the CSV separator and
 * the language of the headers; nothing else.
 */
export function exportQueryOf<P extends TProperties>(listQuery: TObject<P>) {
  return Type.Object(
    { ...listQuery.properties, sep: Type.Optional(CsvSepSchema), lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])) },
    { additionalProperties: false },
  );
}

/**
 * Sends a table as a download in the asked format. Every export is audited (who, the URL asked,
 * the file, how many rows), before the file leaves.
 */
export async function sendTable(reply: FastifyReply, table: Table, format: ExportFormat, fileName: string, sep: CsvSep = 'semicolon') {
  const req = reply.request;
  await req.server.ioc.audit.recordRequest(req, { action: 'export', target: fileName, details: { url: req.url, format, rows: table.rows.length } });
  reply.header('content-disposition', `attachment; filename="${fileName}"`);
  if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(toCsv(table, sep));
  return reply.header('content-type', XLSX_MIME).send(await toXlsx(table));
}
