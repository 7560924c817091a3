import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CAN_THO_ALERT_RULES,
  CAN_THO_DEMO_ALERT_RULES,
  CAN_THO_STATIONS,
  createWorkCalendar,
  indexReporting,
  indexCatalogue,
  INDICATORS,
  registryCatalogue,
  type AgencyIndex,
  type AreaRegistry,
  DEFAULT_DATE_BOUNDS,
  DEFAULT_DATE_MIN,
  DOSSIER_URL_TEMPLATE_PATTERN,
  dossierUrlTemplateProblem,
  localTimeMs,
  parseLocalDate,
  ruleSetErrors,
  type AlertRule,
  type DateBounds,
  type OfficialYearSchedule,
  switchableCalendar,
  type SwitchableWorkCalendar,
} from '@cityioc/domain';
import { Type } from 'typebox';
import { DEMO_OPERATOR_NAME, OperatorConfigError, parseOperators, type OperatorEntry } from './access/service-tokens.ts';
import { accessConfig, AccessEnvSchema, type AccessConfig } from './access/access-env.ts';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from './directives/attachments.ts';
import { checkEnv, ConfigError, envBool, envInt, envOneOf, envSchema, envString, envText, isTrue } from './env-schema.ts';
import { checkBasemapFile, loadAgencyFile, loadAreaRegistryFile } from './geo/geo-config.ts';

/** Configuration, read once at boot from environment variables (documented in README.md). */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Store selection: 'sqlite' (embedded, default) or 'postgres' when IOC_DATABASE_URL is set. */
  store: 'sqlite' | 'postgres';
  /** IOC_DATABASE_URL: postgres://… selects the PostgreSQL store. */
  databaseUrl: string | null;
  /** IOC_REDIS_URL: redis://… makes Socket.IO rooms span the nodes (alerts, directives, session ends); null: this node's sockets only. */
  redisUrl: string | null;
  /** IOC_CLUSTER_POLL_MS: with PostgreSQL, the catch-up read of the shared logs and the evaluator lock attempt, besides LISTEN/NOTIFY. */
  clusterPollMs: number;
  /**
   * IOC_FOLLOW_SHARED_LOGS (default true): with PostgreSQL, the node follows the shared logs (live/log-follower.ts) so that
   * several nodes see every node's writes. false only for a node that is its database's only writer: it then applies its
   * own commits directly, like the SQLite store (and the bench measures what following costs).
   */
  followSharedLogs: boolean;
  /** Live-state checkpoints: how often (ms; 0 = only at clean shutdown). */
  checkpointIntervalMs: number;
  /** IOC_DOSSIERS_KEEP_FINISHED: finished dossiers kept unpacked (the most recent); older ones are packed (issue 16 #7). */
  dossiersKeepFinished: number;
  /** Raw observations observed longer ago than this are deleted (0 = keep forever). */
  retentionDays: number;
  retentionIntervalMs: number;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Coalescing tick of socket deltas. */
  tickMs: number;
  heartbeatMs: number;
  /** source id → API key */
  apiKeys: Map<string, string>;
  /** When set, viewers (snapshot, history, socket) must present it. */
  viewerToken: string | null;
  bodyLimitBytes: number;
  ndjsonLimitBytes: number;
  /** Requests per minute per API key (or per IP for unauthenticated reads). */
  rateLimitPerMinute: number;
  /** Read requests per minute per client address. */
  readRateLimitPerMinute: number;
  dashboardDir: string | null;
  logLevel: string;
  /** Start the demo simulator alongside the server. */
  demo: boolean;
  /** Benchmark-only ceiling routes under /api/v1/_bench (never in production). */
  benchRoutes: boolean;
  /**
   * Tests only (IOC_TEST_RESTORE_DELAY_MS, default 0): the start-up restore waits this long first, so a
   * test can make a start whose restore outlasts Fastify's 10 s plugin timeout without a log of millions of rows.
   */
  testRestoreDelayMs: number;
  /** Prometheus metrics at GET /metrics (IOC_METRICS, default on). */
  metrics: boolean;
  /**
   * Working days for deadlines: the built-in Vietnamese calendar plus the yearly schedules the
   * government announces (IOC_HOLIDAY_SCHEDULES_FILE, a JSON array of OfficialYearSchedule), and
   * those an administrator uploads (PUT /api/v1/calendar/schedules), swapped in without a restart.
   */
  calendar: SwitchableWorkCalendar;
  /** The schedules of IOC_HOLIDAY_SCHEDULES_FILE (uploaded ones are merged over them). */
  holidaySchedules: readonly OfficialYearSchedule[];
  /** IOC_PROCEDURES_FILE: a JSON array of procedure catalogue items loaded (idempotently) at start. */
  proceduresFile: string | null;
  /** Service tokens by role and scope (IOC_OPERATOR_TOKENS; the demo adds an operator of the whole city). */
  operators: OperatorEntry[];
  /** Accounts, sessions, cookies, OIDC, limits and hardening (access/access-env.ts). */
  access: AccessConfig;
  /** Alert rules (IOC_ALERT_RULES_FILE replaces the Cần Thơ defaults). */
  alertRules: AlertRule[];
  /** Plausible dates of every feed (IOC_DATE_MIN, IOC_MAX_FUTURE_SEC, IOC_MAX_DUE_AHEAD_DAYS): earlier or later ones get implausible_date. */
  dateBounds: DateBounds;
  /** The versioned area registry (IOC_AREAS_FILE, default the bundled Cần Thơ registry), checked at start. */
  registry: AreaRegistry;
  /** The agency catalogue (IOC_AGENCIES_FILE, default the bundled one), checked against the registry at start. */
  agencies: AgencyIndex;
  /** IOC_BASEMAP_PMTILES: the city's PMTiles basemap served at /api/v1/basemap.pmtiles, or null. */
  basemapFile: string | null;
  /** Largest boundary file an administrator may upload (IOC_BOUNDARY_LIMIT_BYTES). */
  boundaryLimitBytes: number;
  /** IOC_ATTACHMENT_MAX_BYTES: the largest directive attachment (default 10 MiB; larger is 413). */
  attachmentMaxBytes: number;
  /** IOC_DOSSIER_URL_TEMPLATE: a dossier's page in the one-stop system ({code}, {agency}), given to the dashboard by /api/v1/config; null: no link. */
  dossierUrlTemplate: string | null;
  /** IOC_WALL_PIN_MIN_SECONDS: the shortest briefing pin a leader may ask for (default 60 s; the tests lower it). */
  wallPinMinSeconds: number;
}

/** Reads and checks a rule-set file: a bad file stops the start, naming each problem. */
export function loadAlertRules(file: string | undefined, demo = false, registry?: AreaRegistry): AlertRule[] {
  if (!file) return demo ? CAN_THO_DEMO_ALERT_RULES : CAN_THO_ALERT_RULES;
  let rules: unknown;
  try {
    rules = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`IOC_ALERT_RULES_FILE=${file}: ${(e as Error).message}`);
  }
  const reg = registry ?? loadAreaRegistryFile(undefined);
  const errors = ruleSetErrors(rules, indexCatalogue(registryCatalogue(reg, { indicators: INDICATORS, stations: CAN_THO_STATIONS }), reg));
  if (errors.length > 0) throw new ConfigError(`IOC_ALERT_RULES_FILE=${file}: ${errors.join('; ')}`);
  return rules as AlertRule[];
}

export const DEMO_OPERATOR_TOKEN = 'demo-operator-token';

function loadOperators(env: NodeJS.ProcessEnv, demo: boolean, known: (code: string) => boolean, city: string): OperatorEntry[] {
  try {
    // a scope is any unit of the registry (today's communes, or an old district for its history) or an agency
    const ops = parseOperators(env.IOC_OPERATOR_TOKENS, known);
    const token = env.IOC_DEMO_OPERATOR_TOKEN || DEMO_OPERATOR_TOKEN;
    if (demo && !ops.some((o) => o.token === token)) ops.push({ token, name: DEMO_OPERATOR_NAME, unit: 'Trung tâm IOC Cần Thơ', scopes: [city] });
    return ops;
  } catch (e) {
    if (e instanceof OperatorConfigError) throw new ConfigError(e.message);
    throw e;
  }
}

/** The unit and agency codes a scope may name: the registry's units of any date, reporting units and the agency catalogue (config is read before any store). */
function knownCodes(registry: AreaRegistry, agencies: AgencyIndex): { unit(code: string): boolean; agency(code: string): boolean } {
  const reporting = indexReporting();
  return { unit: (c) => registry.versions(c).length > 0 || reporting.units.has(c), agency: (c) => agencies.get(c) !== undefined };
}

/** Reads and checks the announced holiday schedules: a bad file stops the start, naming the problem. */
export function loadHolidaySchedules(file: string | undefined): OfficialYearSchedule[] {
  if (!file) return [];
  let schedules: OfficialYearSchedule[];
  try {
    schedules = JSON.parse(readFileSync(file, 'utf8')) as OfficialYearSchedule[];
  } catch (e) {
    throw new ConfigError(`IOC_HOLIDAY_SCHEDULES_FILE=${file}: ${(e as Error).message}`);
  }
  if (!Array.isArray(schedules)) throw new ConfigError(`IOC_HOLIDAY_SCHEDULES_FILE=${file}: expected a JSON array of yearly schedules`);
  try {
    createWorkCalendar({ schedules });
    return schedules;
  } catch (e) {
    throw new ConfigError(`IOC_HOLIDAY_SCHEDULES_FILE=${file}: ${(e as Error).message}`);
  }
}

export const DEMO_SOURCE = 'simulator';
export const DEMO_KEY = 'demo-simulator-key';

export { ConfigError };

/** `source:key,source:key` */
export function parseApiKeys(raw: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.indexOf(':');
    const source = part.slice(0, i);
    const key = part.slice(i + 1);
    if (i <= 0 || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(source) || key.length < 16)
      throw new ConfigError(`IOC_API_KEYS: '${part.slice(0, 20)}…' must be source:key with a key of at least 16 characters`);
    keys.set(source, key);
  }
  return keys;
}

/** Every variable of the core configuration (connectors declare theirs beside their code), with its default and bounds. */
export const CoreEnvSchema = envSchema({
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: envInt(8080, 0, 65535),
  LOG_LEVEL: Type.String({ default: 'info' }),
  IOC_DATA_DIR: Type.String({ default: 'data' }),
  IOC_DASHBOARD_DIR: envText(),
  IOC_DEMO: envBool(true),
  IOC_DEMO_KEY: envText(),
  IOC_DEMO_OPERATOR_TOKEN: envText(),
  IOC_API_KEYS: envText(),
  IOC_VIEWER_TOKEN: envText(),
  IOC_OPERATOR_TOKENS: envText(),
  IOC_STORE: envOneOf(['sqlite', 'postgres']),
  IOC_DATABASE_URL: envString('^postgres(ql)?://', 'postgres://user:password@host:port/database', true),
  IOC_REDIS_URL: envString('^rediss?://', 'redis://[user:password@]host:port[/db] or rediss://…', true),
  IOC_CLUSTER_POLL_MS: envInt(1000, 50, 60_000),
  IOC_FOLLOW_SHARED_LOGS: envBool(true),
  IOC_SQLITE_SYNCHRONOUS: envOneOf(['FULL', 'NORMAL'], 'FULL'),
  IOC_CHECKPOINT_INTERVAL_MS: envInt(60_000, 0, 24 * 3600_000),
  IOC_DOSSIERS_KEEP_FINISHED: envInt(10_000, 0, 10_000_000),
  IOC_RETENTION_DAYS: envInt(0, 0, 100 * 366),
  IOC_RETENTION_INTERVAL_MS: envInt(3600_000, 1000, 24 * 3600_000),
  IOC_TICK_MS: envInt(250, 10, 10_000),
  IOC_HEARTBEAT_MS: envInt(1000, 100, 60_000),
  IOC_BODY_LIMIT_BYTES: envInt(5 * 1024 * 1024, 1024, 1024 ** 3),
  IOC_NDJSON_LIMIT_BYTES: envInt(64 * 1024 * 1024, 1024, 1024 ** 3),
  IOC_RATE_LIMIT_PER_MINUTE: envInt(60_000, 1, 100_000_000),
  IOC_READ_RATE_LIMIT_PER_MINUTE: envInt(1200, 1, 100_000_000),
  IOC_BENCH_ROUTES: envBool(false),
  IOC_TEST_RESTORE_DELAY_MS: envInt(0, 0, 600_000),
  IOC_METRICS: envBool(true),
  IOC_HOLIDAY_SCHEDULES_FILE: envText(),
  IOC_PROCEDURES_FILE: envText(),
  IOC_ALERT_RULES_FILE: envText(),
  IOC_DATE_MIN: envString('^\\d{4}-\\d{2}-\\d{2}$', `a date YYYY-MM-DD (default ${DEFAULT_DATE_MIN})`),
  IOC_MAX_FUTURE_SEC: envInt(DEFAULT_DATE_BOUNDS.maxAheadMs / 1000, 0, 86_400),
  IOC_MAX_DUE_AHEAD_DAYS: envInt(Math.round(DEFAULT_DATE_BOUNDS.maxDueAheadMs / 86_400_000), 1, 36_500),
  IOC_AREAS_FILE: envText(),
  IOC_AGENCIES_FILE: envText(),
  IOC_BASEMAP_PMTILES: envText(),
  IOC_BOUNDARY_LIMIT_BYTES: envInt(32 * 1024 * 1024, 1024, 1024 ** 3),
  ...AccessEnvSchema.properties,
  IOC_ATTACHMENT_MAX_BYTES: envInt(DEFAULT_ATTACHMENT_MAX_BYTES, 1024, 100 * 1024 * 1024),
  IOC_DOSSIER_URL_TEMPLATE: envString(
    DOSSIER_URL_TEMPLATE_PATTERN,
    'an http(s) URL with {code} (and optionally {agency}), e.g. https://dichvucong.cantho.gov.vn/ho-so/{code}',
  ),
  IOC_WALL_PIN_MIN_SECONDS: envInt(60, 1, 3600),
});

/** Runs `read`; a ConfigError becomes problems in the list instead of stopping the checks. */
function collect<T>(problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

/**
 * Reads the whole core configuration; throws one ConfigError naming every bad variable with its
 * reason (connector variables are checked by `connectorConfigProblems`, see server.ts).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { values: v, problems } = checkEnv(CoreEnvSchema, env);
  const demo = isTrue(v.IOC_DEMO);
  const apiKeys = collect(problems, () => parseApiKeys(v.IOC_API_KEYS ?? '')) ?? new Map<string, string>();
  if (demo && !apiKeys.has(DEMO_SOURCE)) apiKeys.set(DEMO_SOURCE, v.IOC_DEMO_KEY || DEMO_KEY);
  const databaseUrl = v.IOC_DATABASE_URL ?? null;
  const store = databaseUrl ? 'postgres' : ((v.IOC_STORE?.toLowerCase() ?? 'sqlite') as 'sqlite' | 'postgres');
  if (store === 'postgres' && !databaseUrl && !problems.some((p) => p.startsWith('IOC_DATABASE_URL')))
    problems.push('IOC_STORE=postgres needs IOC_DATABASE_URL=postgres://…');
  const dateMin = v.IOC_DATE_MIN ?? DEFAULT_DATE_MIN;
  if (parseLocalDate(dateMin) === null && !problems.some((p) => p.startsWith('IOC_DATE_MIN')))
    problems.push(`IOC_DATE_MIN=${dateMin}: expected a real calendar date YYYY-MM-DD`);
  const schedules = collect(problems, () => loadHolidaySchedules(v.IOC_HOLIDAY_SCHEDULES_FILE));
  const registry = collect(problems, () => loadAreaRegistryFile(v.IOC_AREAS_FILE));
  const agencies = registry ? collect(problems, () => loadAgencyFile(v.IOC_AGENCIES_FILE, registry)) : undefined;
  const basemapFile = collect(problems, () => checkBasemapFile(v.IOC_BASEMAP_PMTILES));
  const templateProblem = v.IOC_DOSSIER_URL_TEMPLATE ? dossierUrlTemplateProblem(v.IOC_DOSSIER_URL_TEMPLATE) : null;
  if (templateProblem && !problems.some((p) => p.startsWith('IOC_DOSSIER_URL_TEMPLATE')))
    problems.push(`IOC_DOSSIER_URL_TEMPLATE=${v.IOC_DOSSIER_URL_TEMPLATE}: expected ${templateProblem}`);
  const known = registry && agencies ? knownCodes(registry, agencies) : undefined;
  const operators =
    known && registry ? collect(problems, () => loadOperators(env, demo, (c) => known.unit(c) || known.agency(c), registry.file.root)) : undefined;
  const access = known ? collect(problems, () => accessConfig(v, known)) : undefined;
  const alertRules = registry ? collect(problems, () => loadAlertRules(v.IOC_ALERT_RULES_FILE, demo, registry)) : undefined;
  if (problems.length > 0 || !schedules || !operators || !alertRules || !access || !registry || !agencies || basemapFile === undefined)
    throw new ConfigError(problems);
  const dashboardDir = env.IOC_DASHBOARD_DIR === '' ? null : resolve(v.IOC_DASHBOARD_DIR ?? new URL('../../dashboard/dist', import.meta.url).pathname);
  return {
    host: v.HOST,
    port: v.PORT,
    dataDir: resolve(v.IOC_DATA_DIR),
    store,
    databaseUrl,
    checkpointIntervalMs: v.IOC_CHECKPOINT_INTERVAL_MS,
    dossiersKeepFinished: v.IOC_DOSSIERS_KEEP_FINISHED,
    retentionDays: v.IOC_RETENTION_DAYS,
    retentionIntervalMs: v.IOC_RETENTION_INTERVAL_MS,
    sqliteSynchronous: v.IOC_SQLITE_SYNCHRONOUS.toUpperCase() as 'FULL' | 'NORMAL',
    redisUrl: v.IOC_REDIS_URL ?? null,
    clusterPollMs: v.IOC_CLUSTER_POLL_MS,
    followSharedLogs: isTrue(v.IOC_FOLLOW_SHARED_LOGS),
    tickMs: v.IOC_TICK_MS,
    heartbeatMs: v.IOC_HEARTBEAT_MS,
    apiKeys,
    viewerToken: v.IOC_VIEWER_TOKEN || null,
    bodyLimitBytes: v.IOC_BODY_LIMIT_BYTES,
    ndjsonLimitBytes: v.IOC_NDJSON_LIMIT_BYTES,
    rateLimitPerMinute: v.IOC_RATE_LIMIT_PER_MINUTE,
    readRateLimitPerMinute: v.IOC_READ_RATE_LIMIT_PER_MINUTE,
    dashboardDir,
    logLevel: v.LOG_LEVEL,
    demo,
    benchRoutes: isTrue(v.IOC_BENCH_ROUTES),
    testRestoreDelayMs: v.IOC_TEST_RESTORE_DELAY_MS,
    metrics: isTrue(v.IOC_METRICS),
    holidaySchedules: schedules,
    calendar: switchableCalendar(createWorkCalendar({ schedules })),
    proceduresFile: v.IOC_PROCEDURES_FILE || null,
    operators,
    access,
    alertRules,
    dateBounds: {
      minMs: localTimeMs(dateMin, 0),
      maxAheadMs: v.IOC_MAX_FUTURE_SEC * 1000,
      maxDueAheadMs: v.IOC_MAX_DUE_AHEAD_DAYS * 86_400_000,
    },
    registry,
    agencies,
    basemapFile,
    boundaryLimitBytes: v.IOC_BOUNDARY_LIMIT_BYTES,
    attachmentMaxBytes: v.IOC_ATTACHMENT_MAX_BYTES,
    dossierUrlTemplate: v.IOC_DOSSIER_URL_TEMPLATE ?? null,
    wallPinMinSeconds: v.IOC_WALL_PIN_MIN_SECONDS,
  };
}
