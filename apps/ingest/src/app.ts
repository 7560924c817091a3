import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { CAN_THO_CATALOGUE, indexCatalogue, type CatalogueIndex } from '@cityioc/domain';
import type { Catalogue } from '@cityioc/contracts';
import type { Config } from './env.ts';
import { LiveService } from './live/live.service.ts';
import { GroupCommitWriter } from './pipeline/group-commit.ts';
import { feedAuth, viewerAuth } from './plugins/auth.ts';
import { Broadcaster, type IocServer } from './realtime/broadcaster.ts';
import { createGateway } from './realtime/gateway.ts';
import { startTicker } from './realtime/ticker.ts';
import { healthRoutes } from './routes/health/health.routes.ts';
import { liveRoutes } from './routes/live/live.routes.ts';
import { observationRoutes } from './feeds/observations/observations.routes.ts';
import { openConfiguredStore } from './store/open-store.ts';
import { catalogueHash, CHECKPOINT_FILE, restoreState, writeCheckpoint, type CheckpointContext, type RestoreResult } from './live/checkpoint.ts';
import { alertRulesHash } from './live/checkpoint.ts';
import { startRetention } from './store/retention.ts';
import type { NewDossierEvent, Store } from './store/store.ts';
import { DossierService } from './procedures/dossier.service.ts';
import { ProcedureService } from './procedures/procedure.service.ts';
import { CalendarService } from './procedures/calendar.service.ts';
import { procedureRoutes } from './routes/procedures/procedures.routes.ts';
import { dossierRoutes } from './routes/dossiers/dossiers.routes.ts';
import { officialScoreRoutes } from './feeds/dossiers/official-scores.routes.ts';
import { dossierEventRoutes } from './feeds/dossiers/dossier-events.routes.ts';
import type { NewObservation, Observation } from '@cityioc/contracts';
import { AnalystService, geometryCodes } from './analyst/analyst.service.ts';
import { analystRoutes } from './routes/analyst/analyst.routes.ts';
import { AlertService } from './alerts/alert.service.ts';
import { operatorResolver } from './alerts/operators.ts';
import { MonitoringService } from './monitoring/monitoring.service.ts';
import { alertRoutes } from './routes/alerts/alerts.routes.ts';
import { ConnectorManager } from './connectors/manager.ts';
import { FeedHealthRegistry } from './connectors/feed-health.ts';
import { ingestItems } from './pipeline/ingest.service.ts';
import { feedHealthRoutes } from './routes/feeds/feed-health.routes.ts';
import { indexReporting } from '@cityioc/domain';
import { ReportingService } from './reporting/reporting.service.ts';
import { reportingRoutes } from './routes/reporting/reporting.routes.ts';

export interface AppDeps {
  config: Config;
  /** Defaults to the embedded SQLite store under config.dataDir. */
  store?: Store;
  catalogue?: Catalogue;
  /** GeoJSON of area boundaries served to the map. */
  geo?: unknown;
  clock?: () => number;
  /** Connector settings (IOC_MQTT_*, IOC_NGSI_*); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface Ioc {
  store: Store;
  live: LiveService;
  writer: GroupCommitWriter<NewObservation>;
  dossierWriter: GroupCommitWriter<NewDossierEvent>;
  dossiers: DossierService;
  alerts: AlertService;
  monitoring: MonitoringService;
  io: IocServer;
  index: CatalogueIndex;
  connectors: ConnectorManager;
  feeds: FeedHealthRegistry;
}

declare module 'fastify' {
  interface FastifyInstance {
    ioc: Ioc;
    /** Writes a checkpoint of the live state now (tests, operations). */
    checkpointNow: () => void;
    /** How the state was rebuilt at start (checkpoint + tail, or a full replay). */
    startup: RestoreResult | null;
  }
}

/** The bundled schematic districts (our own shapes, not official boundaries), shipped by the domain package. */
function loadDefaultGeo(): unknown {
  const file = fileURLToPath(import.meta.resolve('@cityioc/domain/geo/can-tho-districts.schematic.geo.json'));
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Builds the whole service without listening: tests use inject() or listen on port 0. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const clock = deps.clock ?? Date.now;
  const app = Fastify({
    logger: { level: config.logLevel },
    // Per-request lines would cost more than the ingest itself; errors and summaries are logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
  });
  const index = indexCatalogue(deps.catalogue ?? CAN_THO_CATALOGUE);
  const store = deps.store ?? (await openConfiguredStore(config, { areaChain: index.ancestorsAndSelf }));
  const live = new LiveService(index, store, config.tickMs);
  const monitoring = new MonitoringService(index);
  let alerts: AlertService | null = null;
  /** Committed observations → values derived from them (flood rank, VN_AQI) → alert rules. */
  const monitor = (events: readonly Observation[]): Observation[] => {
    const derived = monitoring.derive(events);
    alerts?.observe(events);
    if (derived.length > 0) alerts?.observe(derived);
    return derived;
  };
  const writer = new GroupCommitWriter<NewObservation>(
    (b) => store.append(b),
    (events) => {
      live.applyCommitted(events);
      const derived = monitor(events);
      if (derived.length > 0) live.applyDerived(derived);
    },
  );
  const procedures = new ProcedureService(store.reference);
  const calendars = new CalendarService(config.calendar, config.holidaySchedules, store.reference);
  const dossiers = new DossierService(config.calendar, live, { city: index.catalogue.city.code, procedures: procedures.catalogue });
  procedures.onChange((codes) => dossiers.recompute((code) => codes.has(code) || codes.has(code.slice(0, 8))));
  calendars.onChange(() => dossiers.recompute());
  const dossierWriter = new GroupCommitWriter<NewDossierEvent>(
    (b) => store.appendDossierEvents(b),
    (events) => dossiers.applyCommitted(events),
  );
  const reporting = new ReportingService(indexReporting(), store, config.calendar, live);
  const io = createGateway(app.server, { live, viewerToken: config.viewerToken });
  const broadcaster = new Broadcaster(io);
  alerts = new AlertService(
    index,
    store,
    config.calendar,
    config.alertRules,
    clock,
    (push, scopes) => broadcaster.alert(push, scopes),
    (err) => app.log.error({ err }, 'alert store failed'),
  );
  const feeds = new FeedHealthRegistry(clock);
  const ioc = { store, live, writer, dossierWriter, dossiers, alerts, monitoring, io, index, feeds } as Ioc;
  app.decorate('ioc', ioc);
  app.addContentTypeParser(
    ['application/x-ndjson', 'application/jsonl', 'application/ndjson'],
    { parseAs: 'string', bodyLimit: config.ndjsonLimitBytes },
    (_req, body, done) => done(null, body),
  );

  let closing = false;
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const code = error.code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send({ statusCode: 413, error: 'body_too_large', message: `the body exceeds the limit for ${req.url}` });
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply
        .code(415)
        .send({ statusCode: 415, error: 'unsupported_media_type', message: `Content-Type ${req.headers['content-type'] ?? '(none)'} is not accepted here` });
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH')
      return reply.code(400).send({ statusCode: 400, error: 'empty_body', message: error.message });
    if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return reply.code(400).send({ statusCode: 400, error: 'invalid_json', message: `the body is not valid JSON: ${error.message}` });
    if (error.validation) {
      const details = error.validation.map((v) => {
        const missing = (v.params as { missingProperty?: string }).missingProperty;
        const field = missing ? `${v.instancePath}/${missing}` : v.instancePath;
        return { field, reason: v.keyword, message: `${field || error.validationContext} ${v.message ?? 'is invalid'}` };
      });
      return reply.code(400).send({
        statusCode: 400,
        error: 'invalid_request',
        message: `${error.validationContext} is invalid: ${details.map((d) => d.message).join('; ')}`,
        details,
      });
    }
    if (error.statusCode === 429) return reply.code(429).send({ statusCode: 429, error: 'rate_limited', message: error.message });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return reply.code(error.statusCode).send({ statusCode: error.statusCode, error: code ?? 'bad_request', message: error.message });
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ statusCode: 500, error: 'internal', message: 'internal error' });
  });

  await app.register(rateLimit, { global: false });
  await app.register(healthRoutes, { live, store, isClosing: () => closing });
  await app.register(observationRoutes, {
    deps: { index, writer, clock },
    authenticate: feedAuth(config.apiKeys) as never,
    ndjsonLimitBytes: config.ndjsonLimitBytes,
    rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' },
    benchRoutes: config.benchRoutes,
  });
  // connectors (apps/ingest/src/connectors/<name>/) feed the same ingest: checks → group commit → live state
  app.addContentTypeParser('application/ld+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'ignore'));
  ioc.connectors = await ConnectorManager.create(deps.env ?? process.env, {
    ingest: (items, source) => ingestItems(items, source, { index, writer, clock }),
    index,
    health: feeds,
    clock,
    log: app.log,
    app,
    authenticateFeed: feedAuth(config.apiKeys) as never,
    feedRateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' },
  });
  await app.register(feedHealthRoutes, {
    feeds,
    clock,
    authenticate: viewerAuth(config.viewerToken) as never,
    readRateLimitPerMinute: config.readRateLimitPerMinute,
  });
  await app.register(dossierEventRoutes, {
    writer: dossierWriter,
    index,
    clock,
    authenticateFeed: feedAuth(config.apiKeys) as never,
    ndjsonLimitBytes: config.ndjsonLimitBytes,
    rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' },
  });
  await app.register(dossierRoutes, {
    dossiers,
    index,
    clock,
    authenticateViewer: viewerAuth(config.viewerToken) as never,
    readRateLimitPerMinute: config.readRateLimitPerMinute,
  });
  await app.register(procedureRoutes, {
    procedures,
    calendar: calendars,
    clock,
    authenticateFeed: feedAuth(config.apiKeys) as never,
    authenticateViewer: viewerAuth(config.viewerToken) as never,
    rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' },
    readRateLimitPerMinute: config.readRateLimitPerMinute,
  });
  await app.register(officialScoreRoutes, {
    store,
    authenticateFeed: feedAuth(config.apiKeys) as never,
    authenticateViewer: viewerAuth(config.viewerToken) as never,
  });
  const geo = deps.geo === undefined ? loadDefaultGeo() : deps.geo;
  await app.register(analystRoutes, {
    analyst: new AnalystService(index, store, dossiers.indicators, geometryCodes(geo)),
    clock,
    readRateLimitPerMinute: config.readRateLimitPerMinute,
    authenticate: viewerAuth(config.viewerToken) as never,
  });
  await app.register(reportingRoutes, {
    reporting,
    clock,
    authenticateFeed: feedAuth(config.apiKeys) as never,
    authenticateViewer: viewerAuth(config.viewerToken) as never,
    rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' },
    readRateLimitPerMinute: config.readRateLimitPerMinute,
  });
  await app.register(liveRoutes, {
    live,
    store,
    index,
    geo,
    clock,
    readRateLimitPerMinute: config.readRateLimitPerMinute,
    authenticate: viewerAuth(config.viewerToken) as never,
  });

  await app.register(alertRoutes, {
    alerts,
    monitoring,
    clock,
    resolveOperator: operatorResolver(config.operators),
    authenticateViewer: viewerAuth(config.viewerToken) as never,
    readRateLimitPerMinute: config.readRateLimitPerMinute,
    knownScope: (c: string) => index.area(c) !== undefined,
  });

  if (config.dashboardDir && existsSync(join(config.dashboardDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt dashboard is served without a restart
    await app.register(fastifyStatic, { root: config.dashboardDir, wildcard: true });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/socket.io')) return reply.sendFile('index.html');
      return reply.code(404).send({ statusCode: 404, error: 'not_found', message: `${req.method} ${req.url} does not exist` });
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.code(404).send({
        statusCode: 404,
        error: 'not_found',
        message: `${req.method} ${req.url} does not exist${req.url === '/' ? ' (the dashboard is not built: run pnpm build)' : ''}`,
      }),
    );
  }

  let stopTicker: (() => void) | null = null;
  const checkpoint: CheckpointContext = {
    store,
    live,
    dossiers,
    monitoring,
    alerts,
    catalogue: catalogueHash(deps.catalogue ?? CAN_THO_CATALOGUE),
    alertRules: alertRulesHash(config.alertRules),
    republished: index.catalogue.indicators.filter((i) => i.derivedFrom === 'reporting').map((i) => i.id),
    file: join(config.dataDir, CHECKPOINT_FILE),
    clock,
  };
  let checkpointTimer: NodeJS.Timeout | null = null;
  let stopRetention: (() => Promise<void>) | null = null;
  const saveCheckpoint = (why: string) => {
    try {
      const h = writeCheckpoint(checkpoint);
      app.log.debug({ why, observationsSeq: h.observationsSeq, dossierSeq: h.dossierSeq, bytes: h.bytes }, 'checkpoint written');
    } catch (e) {
      app.log.error({ err: e, file: checkpoint.file }, 'checkpoint could not be written');
    }
  };
  app.decorate('checkpointNow', () => saveCheckpoint('requested'));
  app.decorate('startup', null);
  app.addHook('onReady', async () => {
    const t0 = Date.now();
    mkdirSync(config.dataDir, { recursive: true });
    // reference documents first: the dossiers folded by the replay need the catalogue and the calendar
    await calendars.load();
    await procedures.load();
    if (config.proceduresFile) await procedures.loadFile(config.proceduresFile, clock());
    const r = await restoreState(
      checkpoint,
      (msg, extra) => app.log.warn(extra ?? {}, msg),
      (batch) => {
        const derived = monitor(batch);
        if (derived.length > 0) live.applyDerived(derived);
      },
    );
    app.startup = r;
    await alerts.flush();
    alerts.goLive();
    dossiers.startPublishing(clock);
    await reporting.publish();
    live.markReady();
    dossiers.markReady();
    app.log.info(
      { from: r.from, events: r.observations, dossierEvents: r.dossierEvents, dossiers: dossiers.size, ms: Date.now() - t0, epoch: live.epoch },
      r.from === 'checkpoint' ? 'live state restored from the checkpoint and the tail of the logs' : 'live state rebuilt from the logs',
    );
    if (config.checkpointIntervalMs > 0) {
      checkpointTimer = setInterval(() => saveCheckpoint('periodic'), config.checkpointIntervalMs);
      checkpointTimer.unref();
    }
    if (config.retentionDays > 0)
      stopRetention = startRetention({ store, clock, days: config.retentionDays, everyMs: config.retentionIntervalMs, log: app.log });
    stopTicker = startTicker({
      live,
      broadcaster,
      clock,
      tickMs: config.tickMs,
      heartbeatMs: config.heartbeatMs,
      beforeTick: (now) => alerts.checkSilence(now),
    });
    await ioc.connectors.start();
  });
  app.addHook('preClose', async () => {
    closing = true;
    stopTicker?.();
    dossiers.stopPublishing();
    await ioc.connectors.stop();
    io.disconnectSockets(true);
    await writer.close();
    await dossierWriter.close();
    if (checkpointTimer) clearInterval(checkpointTimer);
    await stopRetention?.();
    // everything acknowledged is applied: the next start replays nothing
    if (live.ready) saveCheckpoint('shutdown');
    await alerts.flush();
  });
  app.addHook('onClose', async () => {
    await new Promise<void>((r) => io.close(() => r()));
    await store.close();
  });
  return app;
}
