import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
});

describe('operators and alert rules', () => {
  const base = { IOC_DEMO: 'false' };
  it('reads operator tokens with their unit scope; the demo adds one for the whole city', () => {
    const ops = [{ token: 'ninh-kieu-operator-token', name: 'Nguyễn Thị Dung', unit: 'UBND quận Ninh Kiều', scopes: ['916'] }];
    expect(loadConfig({ ...base, IOC_OPERATOR_TOKENS: JSON.stringify(ops) }).operators).toEqual(ops);
    expect(loadConfig({ IOC_DEMO: 'true' }).operators).toMatchObject([{ token: 'demo-operator-token', scopes: ['92'] }]);
    expect(loadConfig(base).operators).toEqual([]);
  });
  it('refuses bad operator entries, naming the problem', () => {
    expect(() => loadConfig({ ...base, IOC_OPERATOR_TOKENS: '{' })).toThrow(/not JSON/);
    expect(() => loadConfig({ ...base, IOC_OPERATOR_TOKENS: JSON.stringify([{ token: 'short', name: 'a', unit: 'b', scopes: ['916'] }]) })).toThrow(
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
