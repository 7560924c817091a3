import { describe, expect, it } from 'vitest';
import { parseSearch, stringifySearch } from '../app/search.ts';
import { analystSearch, analystState, kindOf, stepPeriod, validateAnalystSearch, withKind, type AnalystState } from './analyst-state.ts';

const TZ = 'Asia/Ho_Chi_Minh';
/** 22 Nov 2026, 07:30 in Cần Thơ. */
const NOW = Date.UTC(2026, 10, 22, 0, 30);

/** What the page sees for a URL: the router's parse, the route's validateSearch, then the defaults. */
function parseAnalystState(url: string, now: number, timeZone: string): AnalystState {
  return analystState(validateAnalystSearch(parseSearch(url)), now, timeZone);
}

describe('analyst view state in the URL', () => {
  it('defaults to the on-time rate of this month by district', () => {
    expect(parseAnalystState('', NOW, TZ)).toEqual({ metric: 'onTime', period: '2026-11', by: 'area' });
  });

  it('reads what a shared link says and round-trips it', () => {
    const s = parseAnalystState('?indicator=avgDays&period=2026-Q3&by=agency', NOW, TZ);
    expect(s).toEqual({ metric: 'avgDays', period: '2026-Q3', by: 'agency' });
    expect(parseAnalystState(stringifySearch(analystSearch(s)), NOW, TZ)).toEqual(s);
    expect(stringifySearch(analystSearch(s))).toBe('?indicator=avgDays&period=2026-Q3&by=agency');
  });

  it('falls back on junk and turns a half-year into its first quarter', () => {
    expect(parseAnalystState('?indicator=__proto__&period=2026-13&by=x', NOW, TZ)).toEqual({ metric: 'onTime', period: '2026-11', by: 'area' });
    expect(parseAnalystState('?period=2026-H2', NOW, TZ).period).toBe('2026-Q3');
    expect(validateAnalystSearch({ indicator: 'received', period: '2026-13', by: 'agency' })).toEqual({
      indicator: 'received',
      period: undefined,
      by: 'agency',
    });
  });
});

describe('period controls', () => {
  const s = { metric: 'onTime' as const, period: '2026-11', by: 'area' as const };

  it('changes kind around the same time', () => {
    expect(withKind(s, 'quarter', NOW, TZ).period).toBe('2026-Q4');
    expect(withKind(s, 'year', NOW, TZ).period).toBe('2026');
    expect(withKind({ ...s, period: '2025-Q2' }, 'month', NOW, TZ).period).toBe('2025-04');
    expect(kindOf('2026')).toBe('year');
  });

  it('steps back freely and forward only up to the current period', () => {
    expect(stepPeriod(s, -1, NOW, TZ)!.period).toBe('2026-10');
    expect(stepPeriod(s, 1, NOW, TZ)).toBeNull();
    expect(stepPeriod({ ...s, period: '2026-Q3' }, 1, NOW, TZ)!.period).toBe('2026-Q4');
    expect(stepPeriod({ ...s, period: '2026' }, 1, NOW, TZ)).toBeNull();
    expect(stepPeriod({ ...s, period: '2025-12' }, 1, NOW, TZ)!.period).toBe('2026-01');
  });
});
