import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, AuditListResponseSchema, AuditQuerySchema, type AuditQuery } from '@cityioc/contracts';
import { AuditQueryError, auditTable } from '../../access/audit.service.ts';
import { exportFileName, exportQueryOf, fileResponses, sendTable } from '../../export/export-reply.ts';
import { ADMIN } from '../../plugins/access.ts';
import { fieldError } from '../../plugins/errors.ts';

const ExportQuerySchema = exportQueryOf(AuditQuerySchema);

/**
 * The audit log for administrators: by person, unit, action (or family: 'alert.') and period.
 *   GET /api/v1/admin/audit?actor=&unit=&action=&from=&to=&limit=   {records, truncated}, newest first
 *   GET /api/v1/admin/audit.csv | .xlsx                              the same records as a file (export/)
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { audit } = app.ioc;
  const admin = { access: ADMIN };
  const query = async (q: AuditQuery) => {
    try {
      return await audit.query(q);
    } catch (e) {
      if (e instanceof AuditQueryError) throw fieldError(400, 'invalid_date', e.field, e.message);
      throw e;
    }
  };

  app.get(
    '/api/v1/admin/audit',
    { config: admin, schema: { querystring: AuditQuerySchema, response: { 200: AuditListResponseSchema, '4xx': ApiErrorSchema } } },
    async (req) => query(req.query),
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/v1/admin/audit.${format}`,
      { config: admin, schema: { querystring: ExportQuerySchema, response: fileResponses(format) } },
      async (req, reply) => {
        const { sep, lang, ...q } = req.query;
        const { records } = await query({ limit: 10_000, ...q });
        return sendTable(reply, auditTable(records, lang ?? 'vi'), format, exportFileName(['nhat-ky', q.from ?? '', q.to ?? ''], format), sep);
      },
    );
};
