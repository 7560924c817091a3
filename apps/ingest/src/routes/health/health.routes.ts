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
      const ready = ioc.live.ready && !ioc.closing;
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'starting', store: ioc.live.log.kind, epoch: ioc.live.log.epoch, seq: ioc.live.state.seq });
    },
  );
};
