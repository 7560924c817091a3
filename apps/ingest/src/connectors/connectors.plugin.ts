import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { ingestItems } from '../pipeline/ingest.service.ts';
import { ConnectorManager } from './manager.ts';

/**
 * The configured connectors (apps/ingest/src/connectors/<name>/) feed the same ingest as the HTTP
 * feeds: checks → group commit → live state. Created while the app is built (push connectors add
 * their routes before listen), started by the lifecycle once the state is restored.
 */
export const connectorsPlugin = fp(
  async function connectors(app: FastifyInstance, opts: { env: NodeJS.ProcessEnv }) {
    const ioc = app.ioc;
    const { index, writer, clock, config } = ioc;
    ioc.connectors = await ConnectorManager.create(opts.env, {
      ingest: (items, source, grant) => ingestItems(items, source, { index, writer, clock, dateBounds: config.dateBounds }, grant ?? null),
      index,
      health: ioc.feeds,
      clock,
      log: app.log,
      app,
    });
  },
  { name: 'ioc-connectors', dependencies: ['ioc-access'] },
);
