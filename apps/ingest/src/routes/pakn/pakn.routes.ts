import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FeedIdSchema, PaknDetailSchema, PaknWatchlistQuerySchema, PaknWatchlistResponseSchema } from '@cityioc/contracts';
import { Type } from 'typebox';
import { READ } from '../../plugins/access.ts';
import { fieldError, httpError } from '../../plugins/errors.ts';
import { operatorOf } from '../../procedures/operator-scope.ts';
import { resolveUnit } from '../../procedures/unit-scope.ts';
import { readerCovering } from '../scope.ts';

/**
 * The operators' PAKN views. A read that presents an operator token is that operator's: only the
 * units of their scope (an area outside it is 403; without `area`, every unit of their scope).
 *   GET /api/v1/pakn/watchlist?area=&agency=&within=&limit=   PaknWatchlistResponse: overdue and due soon
 *   GET /api/v1/pakn/:id                                      PaknDetail: deadlines, reactions, trail
 */
export const paknRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pakn, index, agencies, clock } = app.ioc;
  const readAsOperator = { access: READ };

  app.get(
    '/api/v1/pakn/watchlist',
    { config: readAsOperator, schema: { querystring: PaknWatchlistQuerySchema, response: { 200: PaknWatchlistResponseSchema } } },
    async (req) => {
      const q = req.query;
      const area = q.area === undefined ? undefined : resolveUnit(q.area, index, agencies);
      if (q.area !== undefined && (!area || area.kind === 'agency'))
        throw fieldError(404, 'unknown_area', '/area', `area '${q.area}' is not in the area catalogue`);
      if (q.agency !== undefined && !agencies.get(q.agency))
        throw fieldError(404, 'unknown_agency', '/agency', `agency '${q.agency}' is not in the agency catalogue`);
      const op = readerCovering(req.principal, agencies, '/area', q.area, 'area');
      const agency = q.agency === undefined ? undefined : resolveUnit(q.agency, index, agencies);
      const inOperatorScope = op ? (a: string) => op.covers(a) : undefined;
      const areaFilter = area && area.kind !== 'city' ? area.containsArea : inOperatorScope;
      return pakn.watchlist(
        { area: q.area ?? null, agency: q.agency ?? null, within: q.within ?? 2, limit: q.limit ?? 1000 },
        { ...(areaFilter ? { area: areaFilter } : {}), ...(agency ? { agency: agency.containsAgency } : {}) },
        clock(),
      );
    },
  );

  app.get(
    '/api/v1/pakn/:id',
    { config: readAsOperator, schema: { params: Type.Object({ id: FeedIdSchema }), response: { 200: PaknDetailSchema } } },
    async (req) => {
      const d = pakn.detail(req.params.id, clock());
      const op = operatorOf(req.principal, agencies);
      if (!d || (op && !op.covers(d.summary.adminUnitCode)))
        throw httpError(404, 'unknown_pakn', `no PAKN '${req.params.id}' has been received${op ? ' in your scope' : ''}`, [
          { field: '/id', reason: 'unknown_pakn', message: `no PAKN '${req.params.id}'` },
        ]);
      return d;
    },
  );
};
