import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../../plugins/access.ts';

/** Liveness and readiness for process managers and load balancers (no credential). */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ioc = app.ioc;
  app.get('/healthz', { config: { access: PUBLIC } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: PUBLIC } }, async (_req, reply) => {
    const ready = ioc.live.ready && !ioc.closing;
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'starting', store: ioc.live.log.kind, epoch: ioc.live.log.epoch, seq: ioc.live.state.seq });
  });
};
