import type { FastifyInstance } from 'fastify';
import { ApiErrorSchema, HistoryQuerySchema, HistoryResponseSchema, SnapshotSchema, type HistoryQuery } from '@cityioc/contracts';
import type { CatalogueIndex } from '@cityioc/domain';
import type { LiveService } from '../../live/live.service.ts';
import type { Store } from '../../store/store.ts';

/** The longest span one history request may cover. */
export const MAX_HISTORY_SPAN_MS = 31 * 24 * 3600_000;

export interface LiveRoutesOptions {
  live: LiveService;
  store: Store;
  index: CatalogueIndex;
  geo: unknown | null;
  clock: () => number;
  readRateLimitPerMinute: number;
  authenticate: (req: never, reply: never) => Promise<unknown>;
}

/** Read side for viewers: catalogue, geometry, versioned snapshots and raw history. */
export async function liveRoutes(app: FastifyInstance, opts: LiveRoutesOptions): Promise<void> {
  const { live, index } = opts;
  // Reads are cheap but not free: a per-address ceiling keeps one runaway client from starving the wall.
  const read = { onRequest: opts.authenticate as never, config: { rateLimit: { max: opts.readRateLimitPerMinute, timeWindow: '1 minute' } } };
  const err = (statusCode: number, error: string, message: string, field?: string) => ({
    statusCode,
    error,
    message,
    ...(field ? { details: [{ field, reason: error, message }] } : {}),
  });

  app.get('/api/v1/catalogue', read, async () => index.catalogue);

  app.get('/api/v1/geo/areas', read, async (_req, reply) => {
    if (!opts.geo) return reply.code(404).send(err(404, 'no_geometry', 'no area geometry is loaded'));
    return opts.geo;
  });

  app.get('/api/v1/snapshot/:scope', { ...read, schema: { response: { 200: SnapshotSchema, '4xx': ApiErrorSchema } } }, async (req, reply) => {
    const { scope } = req.params as { scope: string };
    if (!live.state.hasScope(scope)) return reply.code(404).send(err(404, 'unknown_scope', `scope '${scope}' is not an area of the catalogue`, '/scope'));
    return live.snapshot(scope, opts.clock());
  });

  app.get(
    '/api/v1/history',
    { ...read, schema: { querystring: HistoryQuerySchema, response: { 200: HistoryResponseSchema, '4xx': ApiErrorSchema } } },
    async (req, reply) => {
      const q = req.query as HistoryQuery;
      if (!index.indicator(q.indicator))
        return reply.code(404).send(err(404, 'unknown_indicator', `indicator '${q.indicator}' is not in the catalogue`, '/indicator'));
      if (!index.station(q.station)) return reply.code(404).send(err(404, 'unknown_station', `station '${q.station}' is not in the catalogue`, '/station'));
      const from = Date.parse(q.from);
      const to = Date.parse(q.to);
      if (from > to) return reply.code(400).send(err(400, 'inverted_range', 'from is after to', '/from'));
      if (to - from > MAX_HISTORY_SPAN_MS)
        return reply.code(400).send(err(400, 'range_too_large', 'a history request covers at most 31 days; use the analyst rollups for longer spans', '/to'));
      const limit = q.limit ?? 2000;
      const { points, truncated } = await opts.store.history({ indicator: q.indicator, station: q.station, from, to, limit });
      return { indicator: q.indicator, station: q.station, points, truncated };
    },
  );
}
