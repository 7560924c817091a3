import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Catalogue, NewObservation, Observation } from '@cityioc/contracts';
import {
  buildRegimes,
  CAN_THO_DEPARTMENTS,
  CAN_THO_REGIME_SPECS,
  CAN_THO_STATIONS,
  indexCatalogue,
  indexReporting,
  INDICATORS,
  latestLayerDate,
  localDateOf,
  registryCatalogue,
  REPORTING_INDICATORS,
  reportingUnitsFor,
  WALL_PIN_MAX_SECONDS,
  type AgencyIndex,
  type AreaRegistry,
  type CatalogueIndex,
} from '@cityioc/domain';
import type { Config } from './env.ts';
import { AccessService } from './access/access.service.ts';
import { AuditService } from './access/audit.service.ts';
import { AlertService } from './alerts/alert.service.ts';
import { AnalystService } from './analyst/analyst.service.ts';
import type { ConnectorManager } from './connectors/manager.ts';
import { retiredUnits } from './access/units-in-force.ts';
import { FeedHealthRegistry } from './feeds/health/feed-health.registry.ts';
import { GeoService, schematicLayer, type SchematicLayer } from './geo/geo.service.ts';
import { LiveService } from './live/live.service.ts';
import { afterCatchUp, clusterOf, documentFollowerOf, followerOf } from './live/cluster.ts';
import type { FollowedLog, LogFollower } from './live/log-follower.ts';
import type { CheckpointWriteOptions, RestoreResult } from './live/checkpoint.ts';
import { MonitoringService } from './monitoring/monitoring.service.ts';
import { DirectiveService } from './directives/directive.service.ts';
import { checkProcedureItem } from './feeds/procedures/procedure-item.check.ts';
import { IocMetrics, type CommitLog } from './metrics/metrics.ts';
import { GroupCommitWriter, type CommitObserver, type GroupCommitOptions } from './pipeline/group-commit.ts';
import { DossierService } from './procedures/dossier.service.ts';
import { PaknService } from './procedures/pakn.service.ts';
import { RatingService } from './procedures/rating.service.ts';
import { Score766SplitService } from './procedures/score766-splits.ts';
import { Score766Service } from './procedures/score766.service.ts';
import { OfficialScoreService } from './procedures/official-scores.service.ts';
import { ProcedureService } from './procedures/procedure.service.ts';
import { CalendarService } from './procedures/calendar.service.ts';
import { Broadcaster, type IocServer } from './realtime/broadcaster.ts';
import { WallPlaylistService } from './wall/wall-playlist.service.ts';
import { WallPinService } from './wall/wall-pin.service.ts';
import { createGateway } from './realtime/gateway.ts';
import { attachRedisAdapter, type RedisLink } from './realtime/redis-adapter.ts';
import { ReportingService } from './reporting/reporting.service.ts';
import { openConfiguredStore } from './store/open-store.ts';
import type { PostgresCluster } from './store/postgres/log-tail.ts';
import type { NewDossierEvent, NewPaknEvent, NewRating, Store } from './store/store.ts';

export interface AppDeps {
  config: Config;
  /** Defaults to the embedded SQLite store under config.dataDir. */
  store?: Store;
  /** The running catalogue; default: today's units of the registry (config.registry) with the demo's indicators and stations. */
  catalogue?: Catalogue;
  clock?: () => number;
  /** Connector settings (IOC_MQTT_*, IOC_NGSI_*); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The services of one IOC, shared by every plugin and route through the `app.ioc` decorator. */
export interface Ioc {
  config: Config;
  clock: () => number;
  catalogue: Catalogue;
  index: CatalogueIndex;
  /** The versioned area registry (IOC_AREAS_FILE), behind every date-aware lookup. */
  registry: AreaRegistry;
  agencies: AgencyIndex;
  /** The map's geometry by date: committed boundary imports over the schematic layers. */
  geo: GeoService;
  store: Store;
  live: LiveService;
  writer: GroupCommitWriter<NewObservation>;
  dossierWriter: GroupCommitWriter<NewDossierEvent>;
  dossiers: DossierService;
  /** The procedure catalogue (legal processing times; PUT /api/v1/procedures, IOC_PROCEDURES_FILE). */
  procedures: ProcedureService;
  /** The working-day schedules: built in, file, uploaded (PUT /api/v1/calendar/schedules). */
  calendars: CalendarService;
  officialScores: OfficialScoreService;
  /** Citizens' feedback (PAKN) and dossier ratings: their logs' writers and folds. */
  pakn: PaknService;
  paknWriter: GroupCommitWriter<NewPaknEvent>;
  ratings: RatingService;
  ratingWriter: GroupCommitWriter<NewRating>;
  /** The whole Decision 766 scorecard, computed; the configured splits of unpublished group points. */
  score766: Score766Service;
  score766Splits: Score766SplitService;
  /** The leader's follow-up loop (chỉ đạo). */
  directives: DirectiveService;
  /** The wall's playlist (scenes, order, dwell, layouts): GET/PUT /api/v1/wall/playlist, pushed as wallPlaylistV1. */
  wallPlaylist: WallPlaylistService;
  /** Briefing pins on the walls (GET/POST/DELETE /api/v1/wall/pin, pushed as wallPinV1). */
  wallPins: WallPinService;
  reporting: ReportingService;
  analyst: AnalystService;
  alerts: AlertService;
  monitoring: MonitoringService;
  io: IocServer;
  broadcaster: Broadcaster;
  feeds: FeedHealthRegistry;
  /** Accounts, sessions, devices, feed keys, service tokens, the failed-authentication limiter, OIDC. */
  access: AccessService;
  /** The append-only audit log: `audit.record({ actor, action, target, unit?, details?, ip })`. */
  audit: AuditService;
  /** Prometheus metrics (GET /metrics; IOC_METRICS=false turns them off). */
  metrics: IocMetrics;
  /** Set by the connectors plugin once they are created. */
  connectors: ConnectorManager;
  /** Committed (or replayed) observations → values derived from them (flood rank, VN_AQI) → alert rules; returns the derived values. */
  monitor(events: readonly Observation[]): Observation[];
  /** True from the moment the server starts closing (/readyz answers 503). */
  closing: boolean;
  /** Several nodes on one PostgreSQL database: the follower of the shared logs and the node's membership (evaluator lock); null on SQLite. */
  follower: LogFollower | null;
  cluster: PostgresCluster | null;
  /** The Redis link behind Socket.IO's rooms (IOC_REDIS_URL), null without. */
  redis: RedisLink | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    ioc: Ioc;
    /** Writes a checkpoint of the live state now, after any being written (tests, operations); decorated by plugins/lifecycle.ts. */
    checkpointNow: (opts?: CheckpointWriteOptions) => Promise<void>;
    /** How the state was rebuilt at start (checkpoint + tail, or a full replay); set by plugins/lifecycle.ts. */
    startup: RestoreResult | null;
  }
}

/** A bundled schematic file of the domain package (our own shapes, not official boundaries). */
function bundledGeo(path: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(import.meta.resolve(`@cityioc/domain/${path}`)), 'utf8'));
}

/**
 * The schematic layers of the bundled registry (Cần Thơ): today's 103 communes and, before the
 * reform, the old districts. Another city's registry (IOC_AREAS_FILE) has none: it imports its boundaries.
 */
function schematicLayers(registry: AreaRegistry): SchematicLayer[] {
  if (registry.file.id !== 'can-tho') return [];
  const today = latestLayerDate(registry);
  return [
    schematicLayer(bundledGeo('geo/schematic/can-tho-communes.schematic.geo.json'), today, null),
    schematicLayer(bundledGeo('geo/can-tho-districts.schematic.geo.json'), registry.file.historyFrom, today),
  ];
}

/** Opens the store and wires every service: the write path (group commits → live state → derived values → alerts) and the read services. */
export async function createServices(app: FastifyInstance, deps: AppDeps): Promise<Omit<Ioc, 'connectors'>> {
  const { config } = deps;
  const clock = deps.clock ?? Date.now;
  const registry = config.registry;
  // the live state's tree: the registry's units in force today (the city and its communes since the 2025 reform)
  const catalogue = deps.catalogue ?? registryCatalogue(registry, { indicators: INDICATORS, stations: CAN_THO_STATIONS }, localDateOf(clock()));
  const index = indexCatalogue(catalogue, registry);
  const store = deps.store ?? (await openConfiguredStore(config, { areaChain: index.areaChainAt }));
  const live = new LiveService(index, store, config.tickMs);
  const metrics = new IocMetrics(config.metrics);
  const observer = (log: CommitLog): CommitObserver => ({
    committed: (rows, seconds) => metrics.committed(log, rows, seconds),
    failed: () => metrics.commitFailed(log),
    flushed: (requests) => metrics.flushed(log, requests),
  });
  const monitoring = new MonitoringService(index);
  const agencies = config.agencies;
  const reportingUnits = reportingUnitsFor(registry, CAN_THO_DEPARTMENTS);
  const reportingCat = indexReporting(REPORTING_INDICATORS, reportingUnits, buildRegimes(CAN_THO_REGIME_SPECS, reportingUnits));
  const audit = new AuditService(store.auditLog, clock, (err) => app.log.error({ err }, 'audit record could not be stored'));
  const access = new AccessService(config, index, store.accounts, audit, clock, {
    unit: (c) => registry.versions(c).length > 0 || reportingCat.units.has(c),
    agency: (c) => agencies.get(c) !== undefined,
    retired: retiredUnits(registry, index, clock),
  });
  // the gateway tells the broadcaster (made from its server, below) which walls' screens changed
  let wallScreensChanged: (walls: readonly string[]) => void = () => undefined;
  const io = createGateway(app, {
    live,
    access,
    corsOrigins: config.access.corsOrigins,
    trustedProxies: config.access.trustedProxies,
    onWallScreens: (walls) => wallScreensChanged(walls),
  });
  const redis = config.redisUrl ? attachRedisAdapter(io, config.redisUrl, (level, msg) => app.log[level](msg)) : null;
  const broadcaster = new Broadcaster(io);
  wallScreensChanged = (walls) => void broadcaster.wallScreensChanged(walls);
  const alerts = new AlertService(
    index,
    store,
    config.calendar,
    config.alertRules,
    clock,
    (push, scopes) => {
      broadcaster.alert(push, scopes);
      metrics.alertPushed();
    },
    (err) => app.log.error({ err }, 'alert store failed'),
  );
  const monitor = (events: readonly Observation[]): Observation[] => {
    const derived = monitoring.derive(events);
    alerts.observe(events);
    if (derived.length > 0) alerts.observe(derived);
    return derived;
  };
  const applyObservations = (events: Observation[]) => {
    live.applyCommitted(events);
    const derived = monitor(events);
    if (derived.length > 0) live.applyDerived(derived);
  };
  // PostgreSQL may be shared by several nodes: every node applies the log in seq order, its own
  // commits included (the writer waits for the follower before it answers), see live/log-follower.ts
  const shared = store.kind === 'postgres' && config.databaseUrl !== null && config.followSharedLogs;
  let follower: LogFollower | null = null;
  // a store whose appends commit on the call (SQLite) lets each writer commit its next transaction while the disk
  // flushes the previous ones (pipeline/group-commit.ts); not when the log is shared, where the follower applies
  const writerOptions: GroupCommitOptions = { commitsOnCall: store.appendCommitsOnCall && !shared };
  /** A log's writer: alone, the node applies its own commits; sharing the database, it waits for the follower, which applies every node's. */
  const logWriter = <T extends object>(
    log: FollowedLog,
    metric: CommitLog,
    append: (b: readonly T[]) => Promise<(number | null)[]>,
    apply: (committed: (T & { seq: number })[]) => void,
  ) =>
    new GroupCommitWriter<T>(shared ? afterCatchUp(() => follower!, log, append) : append, shared ? () => undefined : apply, observer(metric), writerOptions);
  const writer = logWriter<NewObservation>('observations', 'observations', (b) => store.append(b), applyObservations);
  const procedures = new ProcedureService(store.reference, (item, now) => checkProcedureItem(item, { agencies, index, bounds: config.dateBounds, now }));
  const calendars = new CalendarService(config.calendar, config.holidaySchedules, store.reference);
  const officialScores = new OfficialScoreService(store);
  const pakn = new PaknService(config.calendar);
  const ratings = new RatingService();
  const score766Splits = new Score766SplitService(store.reference);
  let dossierService: DossierService | null = null;
  const score766 = new Score766Service(
    { calendar: config.calendar, procedures, pakn, ratings, officialScores, splits: () => score766Splits.splits() },
    () => dossierService!,
  );
  const dossiers = new DossierService(config.calendar, live, {
    city: catalogue.city.code,
    procedures: procedures.catalogue,
    names: {
      agency: (code, t) => (config.agencies.get(code, t) ?? config.agencies.get(code))?.name,
      area: (code, t) => index.areaAt(code, localDateOf(t))?.name ?? registry.versions(code).at(-1)?.name,
    },
    onRecord: (r) => score766.putRecord(r),
    parts: [score766.cells],
    keepFinished: config.dossiersKeepFinished,
  });
  dossierService = dossiers;
  pakn.onDossiers((codes) => score766.complaintsChanged(codes));
  ratings.onDossiers((codes) => score766.complaintsChanged(codes));
  // a catalogue or calendar change re-judges the dossiers it concerns at once
  procedures.onChange((codes) => dossiers.recompute((code) => codes.has(code) || codes.has(code.slice(0, 8))));
  calendars.onChange(() => dossiers.recompute());
  const dossierWriter = logWriter<NewDossierEvent>(
    'dossier_events',
    'dossiers',
    (b) => store.appendDossierEvents(b),
    (e) => dossiers.applyCommitted(e),
  );
  follower = shared ? followerOf(app, store, { live, dossiers, pakn, ratings, applyObservations }) : null;
  const geo = new GeoService(registry, store.reference, schematicLayers(registry));
  const reporting = new ReportingService(reportingCat, store, config.calendar, live);
  // changes through another node (reports and their reviews, catalogue, schedules, boundaries, 766 splits, feed keys) are applied here too
  const documents = shared
    ? documentFollowerOf(app, { procedures, calendars, geo, score766Splits, reporting, keyring: access.keyring, sessions: access.sessions })
    : undefined;
  const cluster = shared ? clusterOf(app, config.databaseUrl!, config.clusterPollMs, follower!, alerts, audit, documents) : null;
  // with several nodes, signals are stored only by the node holding the evaluator lock
  if (cluster) alerts.setLeader(false);
  const paknWriter = logWriter<NewPaknEvent>(
    'pakn_events',
    'pakn',
    (b) => store.appendPaknEvents(b),
    (e) => pakn.applyCommitted(e),
  );
  const ratingWriter = logWriter<NewRating>(
    'dossier_ratings',
    'ratings',
    (b) => store.appendRatings(b),
    (e) => ratings.applyCommitted(e),
  );
  return {
    config,
    clock,
    catalogue,
    index,
    registry,
    agencies,
    geo,
    store,
    live,
    writer,
    dossierWriter,
    dossiers,
    procedures,
    calendars,
    officialScores,
    pakn,
    paknWriter,
    ratings,
    ratingWriter,
    score766,
    score766Splits,
    directives: new DirectiveService({
      store,
      calendar: config.calendar,
      index,
      agencies,
      bounds: config.dateBounds,
      maxAttachmentBytes: config.attachmentMaxBytes,
      push: (p, scopes) => broadcaster.directive(p, scopes),
      clock,
    }),
    wallPlaylist: new WallPlaylistService(store.reference, clock, (p) => broadcaster.wallPlaylist(p)),
    wallPins: new WallPinService({
      reference: store.reference,
      index,
      retired: retiredUnits(registry, index, clock),
      alerts,
      audit,
      push: (p) => broadcaster.wallPin(p),
      screens: () => broadcaster.wallScreens(),
      clock,
      ttl: { minSeconds: config.wallPinMinSeconds, maxSeconds: WALL_PIN_MAX_SECONDS },
      onError: (err) => app.log.error({ err }, 'a wall pin could not be ended'),
    }),
    reporting,
    analyst: new AnalystService(index, store, dossiers.indicators, geo),
    alerts,
    monitoring,
    io,
    broadcaster,
    feeds: new FeedHealthRegistry(clock),
    access,
    audit,
    metrics,
    monitor,
    closing: false,
    follower,
    cluster,
    redis,
  };
}
