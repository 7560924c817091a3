import type { FastifyInstance } from 'fastify';
import { FeedHealthResponseSchema, type FeedHealthResponse } from '@cityioc/contracts';
import type { FeedHealthRegistry } from '../../connectors/feed-health.ts';

/**
 * GET /api/v1/feeds/health: every connector feed with last seen, messages per minute, counters,
 * the latest error reasons and whether it is stale (silent for more than 2× its cadence).
 * Polled by the wall; nothing is pushed (the broadcaster stays the only emitter).
 */
export async function feedHealthRoutes(
  app: FastifyInstance,
  opts: { feeds: FeedHealthRegistry; clock: () => number; authenticate: (req: never, reply: never) => Promise<unknown>; readRateLimitPerMinute: number },
): Promise<void> {
  app.get(
    '/api/v1/feeds/health',
    {
      onRequest: opts.authenticate as never,
      config: { rateLimit: { max: opts.readRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { response: { 200: FeedHealthResponseSchema } },
    },
    async (): Promise<FeedHealthResponse> => {
      return { now: opts.clock(), feeds: opts.feeds.snapshot() };
    },
  );
}
