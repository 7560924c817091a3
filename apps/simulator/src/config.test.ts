import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, readConfig } from './config.ts';

describe('readConfig', () => {
  it('uses the demo defaults', () => {
    expect(readConfig({})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({
      iocUrl: 'http://localhost:8080',
      apiKey: 'demo-simulator-key',
      monitoringIntervalMs: 2000,
      dossierIntervalMs: 5000,
      tideSpeed: 30,
      dossierSpeed: 60,
      dossierAlwaysOpen: true,
      dossierBackfill: true,
      monitoringBackfillHours: 48,
    });
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        IOC_URL: 'http://ioc:9000',
        IOC_DEMO_KEY: 'k',
        SIM_INTERVAL_MS: '500',
        SIM_DOSSIER_INTERVAL_MS: '1000',
        SIM_TIDE_SPEED: '1',
        SIM_TIDE_OFFSET_H: '-12.5',
        SIM_DOSSIER_SPEED: '1',
        SIM_DOSSIER_ALWAYS_OPEN: '0',
        SIM_DOSSIER_BACKFILL: 'false',
        SIM_SEED: '7',
        SIM_READY_TIMEOUT_MS: '0',
        SIM_NGSI_LD: 'off',
        IOC_MQTT_URL: 'mqtt://broker:1883',
        SIM_REPORTING_DEMO: '0',
        SIM_HISTORY: 'no',
        SIM_HISTORY_FROM: '2025-01',
        SIM_MONITORING_BACKFILL_H: '6',
      }),
    ).toEqual({
      iocUrl: 'http://ioc:9000',
      apiKey: 'k',
      monitoringIntervalMs: 500,
      dossierIntervalMs: 1000,
      tideSpeed: 1,
      tideOffsetH: -12.5,
      dossierSpeed: 1,
      dossierAlwaysOpen: false,
      dossierBackfill: false,
      seed: 7,
      readyTimeoutMs: 0,
      ngsiLd: false,
      mqttUrl: 'mqtt://broker:1883',
      reportingDemo: false,
      history: false,
      historyFrom: '2025-01',
      monitoringBackfillHours: 6,
    });
  });

  it('rejects invalid values, naming each', () => {
    expect(() =>
      readConfig({
        SIM_TIDE_SPEED: '0',
        SIM_DOSSIER_ALWAYS_OPEN: 'maybe',
        SIM_DOSSIER_BACKFILL: '2',
        IOC_URL: 'not a url',
        SIM_HISTORY_FROM: '2024-13',
        SIM_MONITORING_BACKFILL_H: '-1',
      }),
    ).toThrow(/IOC_URL.*SIM_TIDE_SPEED=0.*SIM_DOSSIER_ALWAYS_OPEN=maybe.*SIM_DOSSIER_BACKFILL=2.*SIM_HISTORY_FROM=2024-13.*SIM_MONITORING_BACKFILL_H=-1/);
  });
});
