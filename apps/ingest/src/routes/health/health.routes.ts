import type { FastifyInstance } from 'fastify';
import type { LiveService } from '../../live/live.service.ts';
import type { Store } from '../../store/store.ts';

/** Liveness and readiness for process managers and load balancers. */
export async function healthRoutes(app: FastifyInstance, opts: { live: LiveService; store: Store; isClosing: () => boolean }): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ready = opts.live.ready && !opts.isClosing();
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'starting',
      store: opts.store.kind,
      epoch: opts.store.epoch,
      seq: opts.live.state.seq,
    });
  });
}
