import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DossierDetailSchema,
  DossierIndicatorsQuerySchema,
  DossierIndicatorsResponseSchema,
  WatchlistQuerySchema,
  WatchlistResponseSchema,
  type DossierIndicatorsQuery,
} from '@cityioc/contracts';
import { checkPeriod, scopeAreas, wholeMonthsOf } from '@cityioc/domain';
import { Type } from 'typebox';
import { exportFileName, exportQueryOf, fileResponses, sendTable } from '../../export/export-reply.ts';
import { fieldError, httpError } from '../../plugins/errors.ts';
import { EXPORT, READ } from '../../plugins/access.ts';
import type { Principal } from '../../access/principal.ts';
import { defaultArea, outsideScope } from '../scope.ts';
import { dossierExportParts, dossierIndicatorsTable } from '../../procedures/dossier-export.ts';

const ExportQuerySchema = exportQueryOf(DossierIndicatorsQuerySchema);

/**
 * Indicators by period (also as CSV and XLSX), the operators' watchlist and a dossier's trail
 * (the events come in through feeds/dossiers), each within the caller's scope: indicators of an
 * area outside it are 403, the watchlist holds only the caller's dossiers (by area or agency), and
 * another unit's dossier does not exist for them (404). Every view of a dossier is audited.
 */
export const dossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { dossiers, index, agencies, clock, audit } = app.ioc;
  const city = index.catalogue.city.code;
  const read = { access: READ };
  const tree = { city, ancestorsAndSelf: index.ancestorsAndSelf };
  const indicators = (q: DossierIndicatorsQuery, p: Principal) => {
    if (wholeMonthsOf(q.period) === null) {
      const c = checkPeriod(q.period);
      const why = c.ok ? 'a range of dossier indicators starts on the 1st and ends on the last day of a month (the cells are kept per month)' : c.message;
      throw httpError(400, 'invalid_period', `period '${q.period}': ${why}`, [
        { field: '/period', reason: c.ok ? 'not_whole_months' : c.reason, message: why },
      ]);
    }
    const scope = q.scope ?? defaultArea(p, city, scopeAreas(p.scopes, tree));
    if (!index.area(scope)) throw fieldError(404, 'unknown_scope', '/scope', `scope '${scope}' is not an area of the catalogue`);
    outsideScope(p, scope);
    return dossiers.indicatorsOf(q.period, scope, q.by ?? 'area', clock());
  };

  app.get(
    '/api/v1/dossiers/indicators',
    { config: read, schema: { querystring: DossierIndicatorsQuerySchema, response: { 200: DossierIndicatorsResponseSchema } } },
    async (req) => indicators(req.query, req.principal!),
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/v1/dossiers/indicators.${format}`,
      { config: { access: EXPORT }, schema: { querystring: ExportQuerySchema, response: fileResponses(format) } },
      async (req, reply) => {
        const res = indicators(req.query, req.principal!);
        const table = dossierIndicatorsTable(res, req.query.lang ?? 'vi', { index, agencies });
        return sendTable(reply, table, format, exportFileName(dossierExportParts(res, city), format), req.query.sep);
      },
    );

  app.get(
    '/api/v1/dossiers/watchlist',
    { config: read, schema: { querystring: WatchlistQuerySchema, response: { 200: WatchlistResponseSchema } } },
    async (req) => {
      const q = req.query;
      if (q.area !== undefined && !index.area(q.area)) throw fieldError(404, 'unknown_area', '/area', `area '${q.area}' is not in the catalogue`);
      const scope = req.principal!.scope;
      if (q.area !== undefined && !scope.area(q.area) && !(q.agency !== undefined && scope.agency(q.agency))) outsideScope(req.principal!, q.area, '/area');
      const visible = scope.all ? undefined : scope.dossier;
      return dossiers.watchlist({ area: q.area, agency: q.agency, within: q.within ?? 2, limit: q.limit ?? 1000, visible }, clock());
    },
  );

  const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 256 }) });
  app.get('/api/v1/dossiers/:code', { config: read, schema: { params: CodeParams, response: { 200: DossierDetailSchema } } }, async (req) => {
    const scope = req.principal!.scope;
    const d = dossiers.detail(req.params.code, clock(), scope.all ? undefined : scope.dossier);
    if (!d) throw fieldError(404, 'unknown_dossier', '/code', `no dossier '${req.params.code}' has been received${scope.all ? '' : ' in your scope'}`);
    await audit.recordRequest(req, {
      action: 'dossier.view',
      target: req.params.code,
      unit: d.summary.adminUnitCode,
      details: { agency: d.summary.agencyCode },
    });
    return d;
  });
};
