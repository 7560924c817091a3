import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogueSchema, HistoryQuerySchema, HistoryResponseSchema, SnapshotSchema } from '@cityioc/contracts';
import { Type } from 'typebox';
import { READ } from '../../plugins/access.ts';
import { fieldError } from '../../plugins/errors.ts';
import { outsideScope } from '../scope.ts';

/** The longest span one history request may cover. */
export const MAX_HISTORY_SPAN_MS = 31 * 24 * 3600_000;

/**
 * Read side for viewers: catalogue, versioned snapshots and raw history (geometry: routes/geo). Reads are cheap
 * but not free: the per-address ceiling of `read` keeps one runaway client from starving the wall.
 */
export const liveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { live, index, clock } = app.ioc;
  const read = { access: READ };

  app.get('/api/v1/catalogue', { config: read, schema: { response: { 200: CatalogueSchema } } }, async () => index.catalogue);

  app.get(
    '/api/v1/snapshot/:scope',
    { config: read, schema: { params: Type.Object({ scope: Type.String() }), response: { 200: SnapshotSchema } } },
    async (req) => {
      const { scope } = req.params;
      if (!live.state.hasScope(scope)) throw fieldError(404, 'unknown_scope', '/scope', `scope '${scope}' is not an area of the catalogue`);
      outsideScope(req.principal!, scope);
      return live.snapshot(scope, clock());
    },
  );

  app.get('/api/v1/history', { config: read, schema: { querystring: HistoryQuerySchema, response: { 200: HistoryResponseSchema } } }, async (req) => {
    const q = req.query;
    if (!index.indicator(q.indicator)) throw fieldError(404, 'unknown_indicator', '/indicator', `indicator '${q.indicator}' is not in the catalogue`);
    const station = index.station(q.station);
    if (!station) throw fieldError(404, 'unknown_station', '/station', `station '${q.station}' is not in the catalogue`);
    outsideScope(req.principal!, station.area, '/station');
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (from > to) throw fieldError(400, 'inverted_range', '/from', 'from is after to');
    if (to - from > MAX_HISTORY_SPAN_MS)
      throw fieldError(400, 'range_too_large', '/to', 'a history request covers at most 31 days; use the analyst rollups for longer spans');
    const { points, truncated } = await live.history({ indicator: q.indicator, station: q.station, from, to, limit: q.limit ?? 2000 });
    return { indicator: q.indicator, station: q.station, points, truncated };
  });
};
