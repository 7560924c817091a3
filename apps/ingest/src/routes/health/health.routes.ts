import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponseSchema, ReadyResponseSchema } from '@cityioc/contracts';
import { PUBLIC } from '../../plugins/access.ts';

/** Liveness and readiness for process managers and load balancers (no credential). */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ioc = app.ioc;
  const tags = ['operations'];
  app.get('/healthz', { config: { access: PUBLIC }, schema: { tags, response: { 200: HealthResponseSchema } } }, async () => ({ status: 'ok' as const }));
  app.get(
    '/readyz',
    { config: { access: PUBLIC }, schema: { tags, response: { 200: ReadyResponseSchema, 503: ReadyResponseSchema } } },
    async (_req, reply) => {
      const base = {
        store: ioc.live.log.kind,
        epoch: ioc.live.log.epoch,
        seq: ioc.live.state.seq,
        logSeq: ioc.live.observationsSeq,
        ...(ioc.cluster ? { alertEvaluator: ioc.cluster.isLeader } : {}),
      };
      if (!ioc.live.ready || ioc.closing) return reply.code(503).send({ status: 'starting' as const, ...base });
      // several nodes: the shared database and the Redis behind the rooms must answer too
      const reason = ioc.cluster?.problem ?? ioc.redis?.problem ?? null;
      if (reason)
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({ status: 'unavailable' as const, reason, ...base });
      return reply.code(200).send({ status: 'ready' as const, ...base });
    },
  );
};
