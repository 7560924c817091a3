import { join } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AlertSeverity } from '@cityioc/contracts';
import { Type } from 'typebox';
import { CHECKPOINT_FILE } from '../live/checkpoint.ts';
import { METRICS } from '../plugins/access.ts';

/** Open alerts are few; the scrape reads them all. */
const MAX_OPEN_ALERTS = 100_000;

/**
 * GET /metrics: the Prometheus text exposition of this node (metrics/metrics.ts), for loopback or
 * `Authorization: Bearer <IOC_METRICS_TOKEN>`. Absent with IOC_METRICS=false.
 */
export const metricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { metrics, clock, live, store, feeds, io, dossiers, config } = app.ioc;
  if (!metrics.enabled) return;
  metrics.bind({
    clock,
    live,
    store,
    feeds,
    io,
    dossiersInMemory: () => dossiers.size,
    async openAlerts() {
      // the whole node's alerts, whatever the scope of whoever scrapes
      const open = await store.listAlerts({ status: ['open', 'acknowledged', 'assigned'], limit: MAX_OPEN_ALERTS });
      const bySeverity = new Map<AlertSeverity, number>();
      for (const a of open) bySeverity.set(a.severity, (bySeverity.get(a.severity) ?? 0) + 1);
      return bySeverity;
    },
    checkpointFile: join(config.dataDir, CHECKPOINT_FILE),
  });
  app.get(
    '/metrics',
    {
      config: { access: METRICS },
      schema: {
        summary: 'Prometheus metrics of this node (text format 0.0.4)',
        tags: ['operations'],
        response: { 200: { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: Type.String() } } } },
      },
    },
    async (_req, reply) => reply.type(metrics.contentType).send(await metrics.text()),
  );
};
