import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { connectorsPlugin } from './connectors/connectors.plugin.ts';
import { dossierEventRoutes } from './feeds/dossiers/dossier-events.routes.ts';
import { officialScoreRoutes } from './feeds/dossiers/official-scores.routes.ts';
import { feedHealthPlugin } from './feeds/health/feed-health.plugin.ts';
import { feedHealthRoutes } from './feeds/health/feed-health.routes.ts';
import { observationRoutes } from './feeds/observations/observations.routes.ts';
import { reportFeedRoutes } from './feeds/reporting/report-feed.routes.ts';
import { accessPlugin } from './plugins/access.ts';
import { contentTypesPlugin } from './plugins/content-types.ts';
import { dashboardPlugin } from './plugins/dashboard.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { metricsRoutes } from './metrics/metrics.routes.ts';
import { lifecyclePlugin } from './plugins/lifecycle.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { alertRoutes } from './routes/alerts/alerts.routes.ts';
import { analystRoutes } from './routes/analyst/analyst.routes.ts';
import { dossierRoutes } from './routes/dossiers/dossiers.routes.ts';
import { procedureRoutes } from './routes/procedures/procedures.routes.ts';
import { healthRoutes } from './routes/health/health.routes.ts';
import { liveRoutes } from './routes/live/live.routes.ts';
import { reportingRoutes } from './routes/reporting/reporting.routes.ts';
import { createServices, type AppDeps, type Ioc } from './services.ts';

export type { AppDeps, Ioc } from './services.ts';

/**
 * Builds the whole service without listening (tests use inject() or listen on port 0): the
 * services behind `app.ioc`, the shared plugins (errors, access, feed health, content types), the
 * feeds, the read and action routes, the dashboard, and the lifecycle (restore, ticker, close).
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: { level: config.logLevel },
    // Per-request lines would cost more than the ingest itself; errors and summaries are logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
  });
  app.decorate('ioc', (await createServices(app, deps)) as Ioc);

  await app.register(errorsPlugin);
  await app.register(accessPlugin, {
    apiKeys: config.apiKeys,
    viewerToken: config.viewerToken,
    operators: config.operators,
    feedPerMinute: config.rateLimitPerMinute,
    readPerMinute: config.readRateLimitPerMinute,
    metricsToken: config.metricsToken,
  });
  await app.register(openapiPlugin);
  await app.register(feedHealthPlugin);
  await app.register(contentTypesPlugin, { ndjsonLimitBytes: config.ndjsonLimitBytes });

  // feeds in
  await app.register(observationRoutes);
  await app.register(connectorsPlugin, { env: deps.env ?? process.env });
  await app.register(dossierEventRoutes);
  await app.register(officialScoreRoutes);
  await app.register(reportFeedRoutes);
  await app.register(feedHealthRoutes);

  // reads and actions
  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(liveRoutes);
  await app.register(dossierRoutes);
  await app.register(procedureRoutes);
  await app.register(analystRoutes);
  await app.register(reportingRoutes);
  await app.register(alertRoutes);

  await app.register(dashboardPlugin, { dir: config.dashboardDir });
  await app.register(lifecyclePlugin);
  return app;
}
