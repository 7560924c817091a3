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
