import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CsvSepSchema,
  DossierDetailSchema,
  DossierIndicatorsQuerySchema,
  DossierIndicatorsResponseSchema,
  WatchlistQuerySchema,
  WatchlistResponseSchema,
  type DossierIndicatorsQuery,
} from '@cityioc/contracts';
import { checkPeriod, wholeMonthsOf } from '@cityioc/domain';
import { Type } from 'typebox';
import { exportFileName, fileResponses, sendTable } from '../../export/export-reply.ts';
import { fieldError, httpError } from '../../plugins/errors.ts';
import { READ } from '../../plugins/access.ts';
import { dossierExportParts, dossierIndicatorsTable } from '../../procedures/dossier-export.ts';

const ExportQuerySchema = Type.Object(
  {
    ...DossierIndicatorsQuerySchema.properties,
    sep: Type.Optional(CsvSepSchema),
    lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

/**
 * Indicators by period (also as CSV and XLSX), the operators' watchlist and a dossier's trail
 * (the events come in through feeds/dossiers).
 */
export const dossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { dossiers, index, agencies, clock } = app.ioc;
  const city = index.catalogue.city.code;
  const read = { access: READ };
  const indicators = (q: DossierIndicatorsQuery) => {
    if (wholeMonthsOf(q.period) === null) {
      const c = checkPeriod(q.period);
      const why = c.ok ? 'a range of dossier indicators starts on the 1st and ends on the last day of a month (the cells are kept per month)' : c.message;
      throw httpError(400, 'invalid_period', `period '${q.period}': ${why}`, [
        { field: '/period', reason: c.ok ? 'not_whole_months' : c.reason, message: why },
      ]);
    }
    const scope = q.scope ?? city;
    if (!index.area(scope)) throw fieldError(404, 'unknown_scope', '/scope', `scope '${scope}' is not an area of the catalogue`);
    return dossiers.indicatorsOf(q.period, scope, q.by ?? 'area', clock());
  };

  app.get(
    '/api/v1/dossiers/indicators',
    { config: read, schema: { querystring: DossierIndicatorsQuerySchema, response: { 200: DossierIndicatorsResponseSchema } } },
    async (req) => indicators(req.query),
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/api/v1/dossiers/indicators.${format}`, { config: read, schema: { querystring: ExportQuerySchema, response: fileResponses(format) } }, async (req, reply) => {
      const res = indicators(req.query);
      const table = dossierIndicatorsTable(res, req.query.lang ?? 'vi', { index, agencies });
      return sendTable(reply, table, format, exportFileName(dossierExportParts(res, city), format), req.query.sep);
    });

  app.get('/api/v1/dossiers/watchlist', { config: read, schema: { querystring: WatchlistQuerySchema, response: { 200: WatchlistResponseSchema } } }, async (req) => {
    const q = req.query;
    if (q.area !== undefined && !index.area(q.area)) throw fieldError(404, 'unknown_area', '/area', `area '${q.area}' is not in the catalogue`);
    return dossiers.watchlist({ area: q.area, agency: q.agency, within: q.within ?? 2, limit: q.limit ?? 1000 }, clock());
  });

  const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 256 }) });
  app.get('/api/v1/dossiers/:code', { config: read, schema: { params: CodeParams, response: { 200: DossierDetailSchema } } }, async (req) => {
    const d = dossiers.detail(req.params.code, clock());
    if (!d) throw fieldError(404, 'unknown_dossier', '/code', `no dossier '${req.params.code}' has been received`);
    return d;
  });
};
