import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { connectorsPlugin } from './connectors/connectors.plugin.ts';
import { dossierEventRoutes } from './feeds/dossiers/dossier-events.routes.ts';
import { officialScoreRoutes } from './feeds/dossiers/official-scores.routes.ts';
import { feedHealthPlugin } from './feeds/health/feed-health.plugin.ts';
import { feedHealthRoutes } from './feeds/health/feed-health.routes.ts';
import { paknFeedRoutes } from './feeds/pakn/pakn.routes.ts';
import { procedureFeedRoutes } from './feeds/procedures/procedure-feed.routes.ts';
import { observationRoutes } from './feeds/observations/observations.routes.ts';
import { reportFeedRoutes } from './feeds/reporting/report-feed.routes.ts';
import { accessLifecyclePlugin } from './access/access-lifecycle.plugin.ts';
import { accessPlugin } from './plugins/access.ts';
import { securityPlugin } from './plugins/security.ts';
import { auditRoutes } from './routes/admin/audit.routes.ts';
import { deviceAdminRoutes } from './routes/admin/devices.routes.ts';
import { feedSourceAdminRoutes } from './routes/admin/feed-sources.routes.ts';
import { userAdminRoutes } from './routes/admin/users.routes.ts';
import { authRoutes } from './routes/auth/auth.routes.ts';
import { kioskRoutes } from './routes/auth/kiosk.routes.ts';
import { oidcRoutes } from './routes/auth/oidc.routes.ts';
import { contentTypesPlugin } from './plugins/content-types.ts';
import { dashboardPlugin } from './plugins/dashboard.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { metricsRoutes } from './metrics/metrics.routes.ts';
import { lifecyclePlugin } from './plugins/lifecycle.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { alertRoutes } from './routes/alerts/alerts.routes.ts';
import { analystRoutes } from './routes/analyst/analyst.routes.ts';
import { directiveRoutes } from './routes/directives/directives.routes.ts';
import { wallPinRoutes } from './routes/wall/wall-pin.routes.ts';
import { dossierRoutes } from './routes/dossiers/dossiers.routes.ts';
import { paknRoutes } from './routes/pakn/pakn.routes.ts';
import { score766Routes } from './routes/score766/score766.routes.ts';
import { procedureRoutes } from './routes/procedures/procedures.routes.ts';
import { healthRoutes } from './routes/health/health.routes.ts';
import { liveRoutes } from './routes/live/live.routes.ts';
import { basemapRoutes } from './routes/geo/basemap.routes.ts';
import { boundaryRoutes } from './routes/geo/boundaries.routes.ts';
import { geoRoutes } from './routes/geo/geo.routes.ts';
import { reportingRoutes } from './routes/reporting/reporting.routes.ts';
import { wallRoutes } from './routes/wall/wall.routes.ts';
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
    // only the configured proxies may set the client address (X-Forwarded-For); none by default
    trustProxy: config.access.trustedProxies.length > 0 ? config.access.trustedProxies : false,
    requestTimeout: config.access.requestTimeoutMs,
    keepAliveTimeout: config.access.keepAliveTimeoutMs,
    // slow headers (slowloris) are cut after headersTimeout, checked every 2 s
    http: { headersTimeout: config.access.headersTimeoutMs, connectionsCheckingInterval: 2000 },
    // The restore (checkpoint + tail, or a full replay of a merged province's log) runs in onReady and
    // can take minutes on a long log or a loaded machine: Fastify's default 10 s would abort the start
    // (FST_ERR_HOOK_TIMEOUT, seen by the soak bench's restart). Until it is done the node does not listen.
    pluginTimeout: 0,
  });
  app.server.maxConnections = config.access.maxConnections;
  app.decorate('ioc', (await createServices(app, deps)) as Ioc);

  await app.register(errorsPlugin);
  await app.register(securityPlugin, { corsOrigins: config.access.corsOrigins, connectSrc: config.access.cspConnectSrc });
  await app.register(accessPlugin, {
    access: app.ioc.access,
    metricsToken: config.access.metricsToken,
    feedPerMinute: config.rateLimitPerMinute,
    readPerMinute: config.readRateLimitPerMinute,
    allowAll: config.benchRoutes && config.access.benchAllowAll,
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
  await app.register(procedureFeedRoutes);
  await app.register(paknFeedRoutes);
  await app.register(feedHealthRoutes);

  // reads and actions
  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(liveRoutes);
  await app.register(dossierRoutes);
  await app.register(procedureRoutes);
  await app.register(analystRoutes);
  await app.register(reportingRoutes);
  await app.register(wallRoutes);
  await app.register(alertRoutes);
  await app.register(geoRoutes);
  await app.register(basemapRoutes);
  await app.register(boundaryRoutes);

  // who may see and do what: sign-in, wall devices, administration
  await app.register(authRoutes);
  await app.register(oidcRoutes);
  await app.register(kioskRoutes);
  await app.register(userAdminRoutes);
  await app.register(feedSourceAdminRoutes);
  await app.register(deviceAdminRoutes);
  await app.register(auditRoutes);
  await app.register(score766Routes);
  await app.register(paknRoutes);
  await app.register(directiveRoutes);
  await app.register(wallPinRoutes);

  await app.register(dashboardPlugin, { dir: config.dashboardDir });
  await app.register(accessLifecyclePlugin);
  await app.register(lifecyclePlugin);
  return app;
}
