import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectorConfigProblems } from './connectors/manager.ts';
import { ConfigError, loadConfig, parseApiKeys } from './env.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function file(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-env-'));
  dirs.push(dir);
  const f = join(dir, 'holidays.json');
  writeFileSync(f, content);
  return f;
}

describe('configuration', () => {
  it('adds the yearly schedules a city announces to the working-day calendar', () => {
    const schedules = [
      {
        year: 2026,
        extraDaysOff: [{ days: ['2026-12-24'], name: { vi: 'Ngày nghỉ bổ sung', en: 'Extra day off' }, makeUpWorkingDays: ['2026-12-19'] }],
        source: 'a city notice',
      },
    ];
    const { calendar } = loadConfig({ IOC_HOLIDAY_SCHEDULES_FILE: file(JSON.stringify(schedules)) });
    expect(calendar.isWorkingDay('2026-12-24')).toBe(false);
    expect(calendar.isWorkingDay('2026-12-19')).toBe(true); // a Saturday declared working
    expect(loadConfig({}).calendar.isWorkingDay('2026-12-24')).toBe(true);
  });

  it('refuses a schedule file that is not JSON or names an unknown occasion, saying which variable', () => {
    expect(() => loadConfig({ IOC_HOLIDAY_SCHEDULES_FILE: file('{oops') })).toThrow(ConfigError);
    expect(() => loadConfig({ IOC_HOLIDAY_SCHEDULES_FILE: file('[{"year":2026,"occasions":{"xmas":{"daysOff":["2026-12-25"]}}}]') })).toThrow(
      /IOC_HOLIDAY_SCHEDULES_FILE=.*unknown holiday occasion 'xmas'/,
    );
  });

  it('parses API keys per source and refuses short keys', () => {
    expect([...parseApiKeys('a:0123456789abcdef, b:fedcba9876543210')]).toEqual([
      ['a', '0123456789abcdef'],
      ['b', 'fedcba9876543210'],
    ]);
    expect(() => parseApiKeys('a:short')).toThrow(ConfigError);
  });

  it('names the variable of a bad number', () => {
    expect(() => loadConfig({ IOC_TICK_MS: '5' })).toThrow('IOC_TICK_MS=5');
  });

  it('names every bad variable with its reason in one error, not only the first', () => {
    let error: unknown;
    try {
      loadConfig({
        IOC_TICK_MS: '5',
        PORT: 'eighty',
        IOC_BENCH_ROUTES: 'sometimes',
        IOC_SQLITE_SYNCHRONOUS: 'OFF',
        IOC_API_KEYS: 'a:short',
        IOC_OPERATOR_TOKENS: '{',
        IOC_DATE_MIN: '2015-02-30',
        IOC_MAX_FUTURE_SEC: '-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT=eighty: expected an integer in [0, 65535]',
      'IOC_SQLITE_SYNCHRONOUS=OFF: expected FULL or NORMAL',
      'IOC_TICK_MS=5: expected an integer in [10, 10000]',
      'IOC_BENCH_ROUTES=sometimes: expected true/false',
      'IOC_MAX_FUTURE_SEC=-1: expected an integer in [0, 86400]',
      "IOC_API_KEYS: 'a:short…' must be source:key with a key of at least 16 characters",
      'IOC_DATE_MIN=2015-02-30: expected a real calendar date YYYY-MM-DD',
      expect.stringMatching(/^IOC_OPERATOR_TOKENS: not JSON/),
    ]);
  });

  it('checks the connectors’ variables the same way, each connector naming its own', async () => {
    expect(await connectorConfigProblems({})).toEqual([]);
    expect(
      await connectorConfigProblems({
        IOC_MQTT_URL: 'http://broker',
        IOC_MQTT_TOPICS: 'a/#/b',
        IOC_NGSI_V2_PAGE_SIZE: '5000',
        IOC_NGSI_LD_TYPES: 'Car',
        IOC_NGSI_ALIASES: 'noequals',
      }),
    ).toEqual([
      'IOC_MQTT_URL=(hidden): expected mqtt://host:port (or mqtts://, ws://, wss://)',
      "IOC_MQTT_TOPICS: 'a/#/b': # must be the last level",
      expect.stringMatching(/^IOC_NGSI_LD_TYPES: 'Car' is not one of /),
      "IOC_NGSI_ALIASES: 'noequals' must be entityOrDeviceId=stationId",
      'IOC_NGSI_V2_PAGE_SIZE=5000: expected an integer in [1, 1000]',
    ]);
  });

  it('follows the shared logs of PostgreSQL unless told the node is its only writer', () => {
    const url = 'postgres://ioc@localhost:5432/ioc';
    expect(loadConfig({ IOC_DATABASE_URL: url }).followSharedLogs).toBe(true);
    expect(loadConfig({ IOC_DATABASE_URL: url, IOC_FOLLOW_SHARED_LOGS: 'false' }).followSharedLogs).toBe(false);
    expect(() => loadConfig({ IOC_FOLLOW_SHARED_LOGS: 'sometimes' })).toThrow('IOC_FOLLOW_SHARED_LOGS=sometimes');
  });

  it('reads the date plausibility bounds', () => {
    const { dateBounds } = loadConfig({ IOC_DATE_MIN: '2020-01-01', IOC_MAX_FUTURE_SEC: '60', IOC_MAX_DUE_AHEAD_DAYS: '400' });
    expect(dateBounds).toEqual({ minMs: Date.parse('2020-01-01T00:00:00+07:00'), maxAheadMs: 60_000, maxDueAheadMs: 400 * 86_400_000 });
    expect(loadConfig({}).dateBounds.minMs).toBe(Date.parse('2015-01-01T00:00:00+07:00'));
  });

  it('reads the one-stop system link template of a dossier, refusing one that is not http(s) or lacks {code}', () => {
    expect(loadConfig({}).dossierUrlTemplate).toBeNull();
    const tpl = 'https://dichvucong.cantho.gov.vn/ho-so/{code}?cq={agency}';
    expect(loadConfig({ IOC_DOSSIER_URL_TEMPLATE: tpl }).dossierUrlTemplate).toBe(tpl);
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    const expected = 'expected an http(s) URL with {code} (and optionally {agency}), e.g. https://dichvucong.cantho.gov.vn/ho-so/{code}';
    expect(problems({ IOC_DOSSIER_URL_TEMPLATE: 'https://dichvucong.cantho.gov.vn/ho-so' })).toEqual([
      `IOC_DOSSIER_URL_TEMPLATE=https://dichvucong.cantho.gov.vn/ho-so: ${expected}`,
    ]);
    expect(problems({ IOC_DOSSIER_URL_TEMPLATE: 'javascript:alert({code})' })).toEqual([`IOC_DOSSIER_URL_TEMPLATE=javascript:alert({code}): ${expected}`]);
    expect(problems({ IOC_DOSSIER_URL_TEMPLATE: 'https://x.vn/{code}/{unit}' })).toEqual([
      'IOC_DOSSIER_URL_TEMPLATE=https://x.vn/{code}/{unit}: expected an unknown placeholder {unit}: only {code} and {agency}',
    ]);
  });
});

describe('operators and alert rules', () => {
  const base = { IOC_DEMO: 'false' };
  it('reads operator tokens with their unit scope; the demo adds one for the whole city', () => {
    const ops = [{ token: 'ninh-kieu-operator-token', name: 'Nguyễn Thị Dung', unit: 'UBND quận Ninh Kiều', scopes: ['31135'] }];
    expect(loadConfig({ ...base, IOC_OPERATOR_TOKENS: JSON.stringify(ops) }).operators).toEqual(ops);
    expect(loadConfig({ IOC_DEMO: 'true' }).operators).toMatchObject([{ token: 'demo-operator-token', scopes: ['92'] }]);
    expect(loadConfig(base).operators).toEqual([]);
  });
  it('refuses bad operator entries, naming the problem', () => {
    expect(() => loadConfig({ ...base, IOC_OPERATOR_TOKENS: '{' })).toThrow(/not JSON/);
    expect(() => loadConfig({ ...base, IOC_OPERATOR_TOKENS: JSON.stringify([{ token: 'short', name: 'a', unit: 'b', scopes: ['31135'] }]) })).toThrow(
      /\[0\]: token must have at least 16/,
    );
    expect(() =>
      loadConfig({ ...base, IOC_OPERATOR_TOKENS: JSON.stringify([{ token: 'long-enough-token-123', name: 'a', unit: 'b', scopes: ['999'] }]) }),
    ).toThrow(/known area codes/);
  });
  it('reads a rule-set file and refuses an invalid one with each problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-rules-'));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify([{ id: 'pm10-high', kind: 'threshold', indicator: 'pm10', level: 250, deadband: 10, holdSec: 600, severity: 'high' }]));
    writeFileSync(bad, JSON.stringify([{ id: 'x', kind: 'rate', indicator: 'water_level' }]));
    expect(loadConfig({ ...base, IOC_ALERT_RULES_FILE: good }).alertRules).toMatchObject([{ id: 'pm10-high' }]);
    expect(() => loadConfig({ ...base, IOC_ALERT_RULES_FILE: bad })).toThrow(/risePerHour must be a number/);
    expect(loadConfig(base).alertRules.find((r) => r.id === 'flood-band')).toMatchObject({ holdSec: 600 });
    expect(loadConfig({ IOC_DEMO: 'true' }).alertRules.find((r) => r.id === 'flood-band')).toMatchObject({ holdSec: 20 });
    rmSync(dir, { recursive: true, force: true });
  });
});
