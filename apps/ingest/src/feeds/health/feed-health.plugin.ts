import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordHttpFeed } from './http-outcome.ts';

/**
 * Every answered request of an authenticated feed source goes to its 'http' feed-health book
 * (GET /api/v1/feeds/health): last seen, rate, accepted/duplicate/rejected counts, latest reasons.
 * Attached to each route declaring `access: { kind: 'feed' }` (not `health: false`: NGSI notify keeps
 * its own book). An object reply is read before serialization (no re-parse); anything else (error
 * bodies sent as strings) from the serialized payload.
 */
const recorded = new WeakSet<FastifyRequest>();

/**
 * Records one answered feed request, once: as preSerialization (object payloads) and onSend (the
 * rest), whichever runs first. A route that streams its answer (large NDJSON results) calls it
 * with the result object before sending the stream.
 */
export async function recordFeedOutcome(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (req.source && !recorded.has(req)) {
    recorded.add(req);
    const feeds = req.server.ioc.feeds;
    recordHttpFeed(feeds, feeds.clock(), req.source, reply.statusCode, payload);
  }
  return payload;
}

export const feedHealthPlugin = fp(
  async function feedHealth(app: FastifyInstance) {
    const record = recordFeedOutcome;
    const list = <T>(h: T | T[] | undefined): T[] => (Array.isArray(h) ? h : h ? [h] : []);
    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      if (access?.kind !== 'feed' || access.health === false) return;
      route.preSerialization = [...list(route.preSerialization), record];
      route.onSend = [...list(route.onSend), record];
    });
  },
  { name: 'ioc-feed-health', dependencies: ['ioc-access'] },
);
