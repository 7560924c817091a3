import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Catalogue, NewObservation, Observation } from '@cityioc/contracts';
import { CAN_THO_AGENCIES, CAN_THO_CATALOGUE, indexAgencies, indexCatalogue, indexReporting, type AgencyIndex, type CatalogueIndex } from '@cityioc/domain';
import type { Config } from './env.ts';
import { AlertService } from './alerts/alert.service.ts';
import { AnalystService, geometryCodes } from './analyst/analyst.service.ts';
import type { ConnectorManager } from './connectors/manager.ts';
import { FeedHealthRegistry } from './feeds/health/feed-health.registry.ts';
import { LiveService } from './live/live.service.ts';
import type { RestoreResult } from './live/checkpoint.ts';
import { MonitoringService } from './monitoring/monitoring.service.ts';
import { IocMetrics, type CommitLog } from './metrics/metrics.ts';
import { GroupCommitWriter, type CommitObserver } from './pipeline/group-commit.ts';
import { DossierService } from './procedures/dossier.service.ts';
import { OfficialScoreService } from './procedures/official-scores.service.ts';
import { ProcedureService } from './procedures/procedure.service.ts';
import { CalendarService } from './procedures/calendar.service.ts';
import { Broadcaster, type IocServer } from './realtime/broadcaster.ts';
import { createGateway } from './realtime/gateway.ts';
import { ReportingService } from './reporting/reporting.service.ts';
import { openConfiguredStore } from './store/open-store.ts';
import type { NewDossierEvent, Store } from './store/store.ts';

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

/** The services of one IOC, shared by every plugin and route through the `app.ioc` decorator. */
export interface Ioc {
  config: Config;
  clock: () => number;
  catalogue: Catalogue;
  index: CatalogueIndex;
  agencies: AgencyIndex;
  geo: unknown;
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
  reporting: ReportingService;
  analyst: AnalystService;
  alerts: AlertService;
  monitoring: MonitoringService;
  io: IocServer;
  broadcaster: Broadcaster;
  feeds: FeedHealthRegistry;
  /** Prometheus metrics (GET /metrics; IOC_METRICS=false turns them off). */
  metrics: IocMetrics;
  /** Set by the connectors plugin once they are created. */
  connectors: ConnectorManager;
  /** Committed (or replayed) observations → values derived from them (flood rank, VN_AQI) → alert rules; returns the derived values. */
  monitor(events: readonly Observation[]): Observation[];
  /** True from the moment the server starts closing (/readyz answers 503). */
  closing: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    ioc: Ioc;
    /** Writes a checkpoint of the live state now (tests, operations); decorated by plugins/lifecycle.ts. */
    checkpointNow: () => void;
    /** How the state was rebuilt at start (checkpoint + tail, or a full replay); set by plugins/lifecycle.ts. */
    startup: RestoreResult | null;
  }
}

/** The bundled schematic districts (our own shapes, not official boundaries), shipped by the domain package. */
function loadDefaultGeo(): unknown {
  const file = fileURLToPath(import.meta.resolve('@cityioc/domain/geo/can-tho-districts.schematic.geo.json'));
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Opens the store and wires every service: the write path (group commits → live state → derived values → alerts) and the read services. */
export async function createServices(app: FastifyInstance, deps: AppDeps): Promise<Omit<Ioc, 'connectors'>> {
  const { config } = deps;
  const clock = deps.clock ?? Date.now;
  const catalogue = deps.catalogue ?? CAN_THO_CATALOGUE;
  const index = indexCatalogue(catalogue);
  const store = deps.store ?? (await openConfiguredStore(config, { areaChain: index.ancestorsAndSelf }));
  const live = new LiveService(index, store, config.tickMs);
  const metrics = new IocMetrics(config.metrics);
  const observer = (log: CommitLog): CommitObserver => ({
    committed: (rows, seconds) => metrics.committed(log, rows, seconds),
    failed: () => metrics.commitFailed(log),
    flushed: (requests) => metrics.flushed(log, requests),
  });
  const monitoring = new MonitoringService(index);
  const io = createGateway(app.server, { live, viewerToken: config.viewerToken });
  const broadcaster = new Broadcaster(io);
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
  const writer = new GroupCommitWriter<NewObservation>(
    (b) => store.append(b),
    (events) => {
      live.applyCommitted(events);
      const derived = monitor(events);
      if (derived.length > 0) live.applyDerived(derived);
    },
    observer('observations'),
  );
  const procedures = new ProcedureService(store.reference);
  const calendars = new CalendarService(config.calendar, config.holidaySchedules, store.reference);
  const dossiers = new DossierService(config.calendar, live, { city: catalogue.city.code, procedures: procedures.catalogue });
  // a catalogue or calendar change re-judges the dossiers it concerns at once
  procedures.onChange((codes) => dossiers.recompute((code) => codes.has(code) || codes.has(code.slice(0, 8))));
  calendars.onChange(() => dossiers.recompute());
  const dossierWriter = new GroupCommitWriter<NewDossierEvent>(
    (b) => store.appendDossierEvents(b),
    (events) => dossiers.applyCommitted(events),
    observer('dossiers'),
  );
  const geo = deps.geo === undefined ? loadDefaultGeo() : deps.geo;
  return {
    config,
    clock,
    catalogue,
    index,
    agencies: indexAgencies(CAN_THO_AGENCIES),
    geo,
    store,
    live,
    writer,
    dossierWriter,
    dossiers,
    procedures,
    calendars,
    officialScores: new OfficialScoreService(store),
    reporting: new ReportingService(indexReporting(), store, config.calendar, live),
    analyst: new AnalystService(index, store, dossiers.indicators, geometryCodes(geo)),
    alerts,
    monitoring,
    io,
    broadcaster,
    feeds: new FeedHealthRegistry(clock),
    metrics,
    monitor,
    closing: false,
  };
}
