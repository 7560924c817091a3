import { DEMO_TIDE_SPEED } from './tide.ts';

/** Settings of a simulator run, read once from the environment. */
export interface SimulatorConfig {
  /** Base URL of the IOC ingest (public API). */
  iocUrl: string;
  /** API key sent as `x-api-key`; the demo key maps to the source 'simulator'. */
  apiKey: string;
  /** Water level and air quality are generated and posted this often. */
  monitoringIntervalMs: number;
  /** Dossier events that have come due are posted this often. */
  dossierIntervalMs: number;
  /** River minutes per wall minute of the tide (1 = real time; the demo's 30: a high every ~25 min). */
  tideSpeed: number;
  /** Shift of river time in hours (e.g. 3.5 starts the demo just before its first high). */
  tideOffsetH: number;
  /** Dossier process acceleration (1 = real pace). */
  dossierSpeed: number;
  /** Ignore office hours so the dossier wall also moves at night and on weekends. */
  dossierAlwaysOpen: boolean;
  /** At start, re-create the month so far (real pace, office hours) and post its events with their past times. */
  dossierBackfill: boolean;
  /** Seed of the random generator: the same seed and start time give the same run. */
  seed: number;
  /** How long to wait for GET /readyz before giving up. */
  readyTimeoutMs: number;
  /** Post NGSI-LD notifications (traffic, water quality) to the IOC's own /api/v1/ngsi-ld/notify. */
  ngsiLd: boolean;
  /** Publish air pollutants to this MQTT broker (SIM_MQTT_URL, else IOC_MQTT_URL); null: no MQTT source. */
  mqttUrl: string | null;
  /** At start, import the demo's reporting files (demo/reporting) through POST /api/v1/reporting/imports. */
  reportingDemo: boolean;
  /** At start, post months of citizen reports on the units of their date (history.ts), from `historyFrom` to last month. */
  history: boolean;
  /** First month of the history back-fill, 'YYYY-MM'. */
  historyFrom: string;
  /** At start, post this many hours of water levels and air readings with their past times (monitoring-backfill.ts); 0: none (air: 12 h still). */
  monitoringBackfillHours: number;
}

export const DEFAULT_CONFIG: SimulatorConfig = {
  iocUrl: 'http://localhost:8080',
  apiKey: 'demo-simulator-key',
  monitoringIntervalMs: 2000,
  dossierIntervalMs: 5000,
  tideSpeed: DEMO_TIDE_SPEED,
  tideOffsetH: 0,
  dossierSpeed: 60,
  dossierAlwaysOpen: true,
  dossierBackfill: true,
  seed: 92,
  readyTimeoutMs: 60_000,
  ngsiLd: true,
  mqttUrl: null,
  reportingDemo: true,
  history: true,
  historyFrom: '2024-01',
  monitoringBackfillHours: 48,
};

type Env = Record<string, string | undefined>;

function num(env: Env, name: string, fallback: number, check: (n: number) => boolean, errors: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) {
    errors.push(`${name}=${raw} is not valid`);
    return fallback;
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean, errors: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  errors.push(`${name}=${env[name]} is not a boolean (1/0, true/false)`);
  return fallback;
}

function month(env: Env, name: string, fallback: string, errors: string[]): string {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(raw)) return raw;
  errors.push(`${name}=${raw} is not a month (YYYY-MM)`);
  return fallback;
}

/** Reads the configuration; throws one error listing every invalid variable. */
export function readConfig(env: Env): SimulatorConfig {
  const errors: string[] = [];
  const positive = (n: number) => n > 0;
  const interval = (n: number) => n >= 10;
  const iocUrl = env.IOC_URL?.trim() || DEFAULT_CONFIG.iocUrl;
  try {
    new URL(iocUrl);
  } catch {
    errors.push(`IOC_URL=${iocUrl} is not a URL`);
  }
  const config: SimulatorConfig = {
    iocUrl,
    apiKey: env.IOC_DEMO_KEY?.trim() || DEFAULT_CONFIG.apiKey,
    monitoringIntervalMs: num(env, 'SIM_INTERVAL_MS', DEFAULT_CONFIG.monitoringIntervalMs, interval, errors),
    dossierIntervalMs: num(env, 'SIM_DOSSIER_INTERVAL_MS', DEFAULT_CONFIG.dossierIntervalMs, interval, errors),
    tideSpeed: num(env, 'SIM_TIDE_SPEED', DEFAULT_CONFIG.tideSpeed, positive, errors),
    tideOffsetH: num(env, 'SIM_TIDE_OFFSET_H', DEFAULT_CONFIG.tideOffsetH, () => true, errors),
    dossierSpeed: num(env, 'SIM_DOSSIER_SPEED', DEFAULT_CONFIG.dossierSpeed, positive, errors),
    dossierAlwaysOpen: bool(env, 'SIM_DOSSIER_ALWAYS_OPEN', DEFAULT_CONFIG.dossierAlwaysOpen, errors),
    dossierBackfill: bool(env, 'SIM_DOSSIER_BACKFILL', DEFAULT_CONFIG.dossierBackfill, errors),
    seed: num(env, 'SIM_SEED', DEFAULT_CONFIG.seed, Number.isInteger, errors),
    readyTimeoutMs: num(env, 'SIM_READY_TIMEOUT_MS', DEFAULT_CONFIG.readyTimeoutMs, (n) => n >= 0, errors),
    ngsiLd: bool(env, 'SIM_NGSI_LD', DEFAULT_CONFIG.ngsiLd, errors),
    mqttUrl: env.SIM_MQTT_URL?.trim() || env.IOC_MQTT_URL?.trim() || null,
    reportingDemo: bool(env, 'SIM_REPORTING_DEMO', DEFAULT_CONFIG.reportingDemo, errors),
    history: bool(env, 'SIM_HISTORY', DEFAULT_CONFIG.history, errors),
    historyFrom: month(env, 'SIM_HISTORY_FROM', DEFAULT_CONFIG.historyFrom, errors),
    monitoringBackfillHours: num(env, 'SIM_MONITORING_BACKFILL_H', DEFAULT_CONFIG.monitoringBackfillHours, (n) => n >= 0 && n <= 168, errors),
  };
  if (errors.length > 0) throw new Error(`invalid simulator configuration: ${errors.join('; ')}`);
  return config;
}
