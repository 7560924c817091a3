import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorSchema, MAX_REFERENCE_BATCH_ITEMS, PLAIN_TEXT_PATTERN, ReferencePutResponseSchema, type ReferencePutResponse } from '@cityioc/contracts';
import { Type } from 'typebox';
import { ndjsonBodyOf, parseNdjson } from '../../pipeline/feed-route.ts';
import { hasMoreLinesThan, NdjsonBody } from '../../pipeline/ndjson-body.ts';
import { feedOf } from '../../plugins/access.ts';
import { httpError } from '../../plugins/errors.ts';
import { importSlots } from '../reporting/import-slots.ts';
import { CSV_MIMES, readUploadedTable, XLSX_MIME } from '../reporting/spreadsheet.ts';
import { procedureSheetItems } from './procedure-sheet.ts';

/** The same upload limit as the reporting import (a catalogue of 2,000 procedures is a few hundred kB). */
const IMPORT_LIMIT_BYTES = 2 * 1024 * 1024;
const responses = { 200: ReferencePutResponseSchema, 422: ReferencePutResponseSchema, '4xx': ApiErrorSchema };
/** An administrator, or a feed key granted the procedures endpoint; no feed-health book. */
const WRITE = feedOf('procedures', { health: false, orAdmin: true });
const ImportQuerySchema = Type.Object(
  { filename: Type.Optional(Type.String({ maxLength: 255, pattern: PLAIN_TEXT_PATTERN })) },
  { additionalProperties: false },
);

function send(reply: FastifyReply, res: ReferencePutResponse) {
  return reply.code(res.rejected > 0 ? 422 : 200).send(res);
}

const tooMany = () => httpError(413, 'too_many_items', `a catalogue upload holds at most ${MAX_REFERENCE_BATCH_ITEMS} procedures: split it into several`);

/**
 * The procedure catalogue in bulk, beside PUT /api/v1/procedures (JSON): the same checker, the same
 * versions, the same per-item results.
 *   PUT  /api/v1/procedures/ndjson    one item per line (our names or the portal's), ≤ 5,000 lines
 *   POST /api/v1/procedures/imports   a CSV or XLSX table, one procedure per row (the reporting
 *                                     import's reader and limits: 2 MiB, 20,000 rows, XLSX unpacked
 *                                     in a worker under the workbook limits, two imports at once);
 *                                     each result carries its sheet `row`
 */
export const procedureFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { procedures, clock, audit } = app.ioc;
  // every change of the catalogue is audited, as PUT /api/v1/procedures is (issue 11 #4): who, from where, what came of it
  const audited = async (req: FastifyRequest, res: ReferencePutResponse, format: string, filename?: string) => {
    const details = { stored: res.stored, unchanged: res.unchanged, rejected: res.rejected, format, ...(filename ? { filename } : {}) };
    await audit.recordRequest(req, { action: 'procedures.put', details });
    return res;
  };

  app.addContentTypeParser([...CSV_MIMES, XLSX_MIME], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES }, (_req, body, done) => done(null, body));

  app.put('/api/v1/procedures/ndjson', { config: { access: WRITE }, schema: { response: responses } }, async (req, reply) => {
    const body = ndjsonBodyOf(req.body);
    if (body instanceof NdjsonBody ? hasMoreLinesThan(body, MAX_REFERENCE_BATCH_ITEMS) : body.split('\n').length > MAX_REFERENCE_BATCH_ITEMS + 1)
      throw tooMany();
    const { items } = parseNdjson(body);
    if (items.length === 0) throw httpError(400, 'empty_body', 'the body holds no NDJSON lines');
    if (items.length > MAX_REFERENCE_BATCH_ITEMS) throw tooMany();
    return send(reply, await audited(req, await procedures.put(items, req.source || 'api', clock()), 'ndjson'));
  });

  const withSlot = importSlots();
  app.post('/api/v1/procedures/imports', { config: { access: WRITE }, schema: { querystring: ImportQuerySchema, response: responses } }, (req, reply) =>
    withSlot(reply, async () => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const body = req.body;
      if (!Buffer.isBuffer(body)) throw httpError(415, 'unsupported_media_type', `send the file with Content-Type text/csv or ${XLSX_MIME}`);
      const grid = await readUploadedTable(type, body);
      const sheet = procedureSheetItems(grid);
      if (!sheet.ok) throw httpError(400, 'no_header', sheet.message, [{ field: '', reason: 'no_header', message: sheet.message }]);
      if (sheet.items.length === 0) throw httpError(400, 'empty', 'the table has a header but no procedure rows');
      if (sheet.items.length > MAX_REFERENCE_BATCH_ITEMS) throw tooMany();
      const origin = `${type === XLSX_MIME ? 'import-xlsx' : 'import-csv'}:${req.source}${req.query.filename ? `:${req.query.filename}` : ''}`;
      const res = await procedures.put(sheet.items, origin, clock(), sheet.rows);
      return send(reply, await audited(req, res, type === XLSX_MIME ? 'xlsx' : 'csv', req.query.filename));
    }),
  );
};
