import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FeedHealthResponseSchema } from '@cityioc/contracts';
import { READ } from '../../plugins/access.ts';

/**
 * GET /api/v1/feeds/health: every feed (HTTP sources, MQTT, NGSI) with last seen, messages per
 * minute, counters, the latest error reasons and whether it is stale (silent for more than 2× its
 * cadence). Polled by the wall; nothing is pushed (the broadcaster stays the only emitter).
 */
export const feedHealthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { feeds, clock } = app.ioc;
  app.get('/api/v1/feeds/health', { config: { access: READ }, schema: { response: { 200: FeedHealthResponseSchema } } }, async () => ({
    now: clock(),
    feeds: feeds.snapshot(),
  }));
};
