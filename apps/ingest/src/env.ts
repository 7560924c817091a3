import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CAN_THO_ALERT_RULES,
  CAN_THO_DEMO_ALERT_RULES,
  CAN_THO_CATALOGUE,
  createWorkCalendar,
  indexCatalogue,
  ruleSetErrors,
  type AlertRule,
  type OfficialYearSchedule,
  switchableCalendar,
  type SwitchableWorkCalendar,
} from '@cityioc/domain';
import { DEMO_OPERATOR, OperatorConfigError, parseOperators, type OperatorEntry } from './alerts/operators.ts';

/** Configuration, read once at boot from environment variables (documented in README.md). */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Store selection: 'sqlite' (embedded, default) or 'postgres' when IOC_DATABASE_URL is set. */
  store: 'sqlite' | 'postgres';
  /** IOC_DATABASE_URL: postgres://… selects the PostgreSQL store. */
  databaseUrl: string | null;
  /** Live-state checkpoints: how often (ms; 0 = only at clean shutdown). */
  checkpointIntervalMs: number;
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
   * Working days for deadlines: the built-in Vietnamese calendar plus the yearly schedules the
   * government announces (IOC_HOLIDAY_SCHEDULES_FILE, a JSON array of OfficialYearSchedule), and
   * those an administrator uploads (PUT /api/v1/calendar/schedules), swapped in without a restart.
   */
  calendar: SwitchableWorkCalendar;
  /** The schedules of IOC_HOLIDAY_SCHEDULES_FILE (uploaded ones are merged over them). */
  holidaySchedules: readonly OfficialYearSchedule[];
  /** IOC_PROCEDURES_FILE: a JSON array of procedure catalogue items loaded (idempotently) at start. */
  proceduresFile: string | null;
  /** Operators who act on alerts (IOC_OPERATOR_TOKENS; the demo adds one for the whole city). */
  operators: OperatorEntry[];
  /** Alert rules (IOC_ALERT_RULES_FILE replaces the Cần Thơ defaults). */
  alertRules: AlertRule[];
}

/** Reads and checks a rule-set file: a bad file stops the start, naming each problem. */
export function loadAlertRules(file: string | undefined, demo = false): AlertRule[] {
  if (!file) return demo ? CAN_THO_DEMO_ALERT_RULES : CAN_THO_ALERT_RULES;
  let rules: unknown;
  try {
    rules = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`IOC_ALERT_RULES_FILE=${file}: ${(e as Error).message}`);
  }
  const errors = ruleSetErrors(rules, indexCatalogue(CAN_THO_CATALOGUE));
  if (errors.length > 0) throw new ConfigError(`IOC_ALERT_RULES_FILE=${file}: ${errors.join('; ')}`);
  return rules as AlertRule[];
}

function loadOperators(env: NodeJS.ProcessEnv, demo: boolean): OperatorEntry[] {
  const index = indexCatalogue(CAN_THO_CATALOGUE);
  try {
    const ops = parseOperators(env.IOC_OPERATOR_TOKENS, (c) => index.area(c) !== undefined);
    if (demo && !ops.some((o) => o.token === (env.IOC_DEMO_OPERATOR_TOKEN || DEMO_OPERATOR.token)))
      ops.push({ ...DEMO_OPERATOR, token: env.IOC_DEMO_OPERATOR_TOKEN || DEMO_OPERATOR.token });
    return ops;
  } catch (e) {
    if (e instanceof OperatorConfigError) throw new ConfigError(e.message);
    throw e;
  }
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

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}=${raw}: expected an integer in [${min}, ${max}]`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name}=${raw}: expected true/false`);
}

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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = bool(env, 'IOC_DEMO', true);
  const schedules = loadHolidaySchedules(env.IOC_HOLIDAY_SCHEDULES_FILE);
  const apiKeys = parseApiKeys(env.IOC_API_KEYS ?? '');
  if (demo && !apiKeys.has(DEMO_SOURCE)) apiKeys.set(DEMO_SOURCE, env.IOC_DEMO_KEY || DEMO_KEY);
  const sync = (env.IOC_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') throw new ConfigError(`IOC_SQLITE_SYNCHRONOUS=${sync}: FULL or NORMAL`);
  const databaseUrl = env.IOC_DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError(`IOC_DATABASE_URL: expected postgres://user:password@host:port/database`);
  const store = databaseUrl ? 'postgres' : (env.IOC_STORE ?? 'sqlite');
  if (store !== 'sqlite' && store !== 'postgres') throw new ConfigError(`IOC_STORE=${store}: 'sqlite' (default) or 'postgres'`);
  if (store === 'postgres' && !databaseUrl) throw new ConfigError(`IOC_STORE=postgres needs IOC_DATABASE_URL=postgres://…`);
  const dashboardDir = env.IOC_DASHBOARD_DIR === '' ? null : resolve(env.IOC_DASHBOARD_DIR ?? new URL('../../dashboard/dist', import.meta.url).pathname);
  return {
    host: env.HOST ?? '0.0.0.0',
    port: int(env, 'PORT', 8080, 0, 65535),
    dataDir: resolve(env.IOC_DATA_DIR ?? 'data'),
    store,
    databaseUrl,
    checkpointIntervalMs: int(env, 'IOC_CHECKPOINT_INTERVAL_MS', 60_000, 0, 24 * 3600_000),
    retentionDays: int(env, 'IOC_RETENTION_DAYS', 0, 0, 100 * 366),
    retentionIntervalMs: int(env, 'IOC_RETENTION_INTERVAL_MS', 3600_000, 1000, 24 * 3600_000),
    sqliteSynchronous: sync,
    tickMs: int(env, 'IOC_TICK_MS', 250, 10, 10_000),
    heartbeatMs: int(env, 'IOC_HEARTBEAT_MS', 1000, 100, 60_000),
    apiKeys,
    viewerToken: env.IOC_VIEWER_TOKEN || null,
    bodyLimitBytes: int(env, 'IOC_BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024, 1024 ** 3),
    ndjsonLimitBytes: int(env, 'IOC_NDJSON_LIMIT_BYTES', 64 * 1024 * 1024, 1024, 1024 ** 3),
    rateLimitPerMinute: int(env, 'IOC_RATE_LIMIT_PER_MINUTE', 60_000, 1, 100_000_000),
    readRateLimitPerMinute: int(env, 'IOC_READ_RATE_LIMIT_PER_MINUTE', 1200, 1, 100_000_000),
    dashboardDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    demo,
    benchRoutes: bool(env, 'IOC_BENCH_ROUTES', false),
    holidaySchedules: schedules,
    calendar: switchableCalendar(createWorkCalendar({ schedules })),
    proceduresFile: env.IOC_PROCEDURES_FILE || null,
    operators: loadOperators(env, demo),
    alertRules: loadAlertRules(env.IOC_ALERT_RULES_FILE, demo),
  };
}
