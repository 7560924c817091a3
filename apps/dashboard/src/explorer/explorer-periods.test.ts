import { describe, expect, it } from 'vitest';
import { checkDateRange, formatViDate, kindsForIndicator, parseViDate, withinSpan } from './explorer-periods.ts';

// Saturday 5 December 2026, 23:48 in Cần Thơ (16:48 UTC)
const NOW = Date.parse('2026-12-05T23:48:00+07:00');

describe('period kinds per indicator', () => {
  it('offers hours and days for monitoring readings only, months to years for dossier and reporting indicators', () => {
    expect(kindsForIndicator({ domain: 'monitoring' })).toEqual(['hour', 'day', 'month', 'quarter', 'half', 'year']);
    expect(kindsForIndicator({ domain: 'admin' })).toEqual(['month', 'quarter', 'half', 'year']);
    expect(kindsForIndicator({ domain: 'reporting' })).toEqual(['month', 'quarter', 'half', 'year']);
    expect(kindsForIndicator(undefined)).toEqual(['month', 'quarter', 'half', 'year']);
  });
});

describe('vi-VN dates', () => {
  it('reads day/month/year, with or without leading zeros, and refuses what is not a calendar date', () => {
    expect(parseViDate('05/12/2026')).toBe('2026-12-05');
    expect(parseViDate(' 5/1/2026 ')).toBe('2026-01-05');
    expect(parseViDate('29/02/2024')).toBe('2024-02-29');
    expect(parseViDate('29/02/2026')).toBeNull();
    expect(parseViDate('12/31/2026')).toBeNull();
    expect(parseViDate('2026-12-05')).toBeNull();
    expect(parseViDate('')).toBeNull();
  });

  it('writes a date or an hour key as dd/mm/yyyy', () => {
    expect(formatViDate('2026-12-05')).toBe('05/12/2026');
    expect(formatViDate('2026-01-09T07')).toBe('09/01/2026');
  });
});

describe('custom date range', () => {
  it('turns whole days into hour keys, ending at the current hour', () => {
    expect(checkDateRange('hour', '01/12/2026', '03/12/2026', NOW)).toEqual({ ok: true, from: '2026-12-01T00', to: '2026-12-03T23' });
    expect(checkDateRange('hour', '04/12/2026', '05/12/2026', NOW)).toEqual({ ok: true, from: '2026-12-04T00', to: '2026-12-05T23' });
    expect(checkDateRange('hour', '05/12/2026', '10/12/2026', Date.parse('2026-12-05T10:15:00+07:00'))).toEqual({
      ok: true,
      from: '2026-12-05T00',
      to: '2026-12-05T10',
    });
  });

  it('turns days into day keys, one day allowed', () => {
    expect(checkDateRange('day', '1/11/2026', '30/11/2026', NOW)).toEqual({ ok: true, from: '2026-11-01', to: '2026-11-30' });
    expect(checkDateRange('day', '05/12/2026', '05/12/2026', NOW)).toEqual({ ok: true, from: '2026-12-05', to: '2026-12-05' });
  });

  it('says which field is wrong and why', () => {
    expect(checkDateRange('day', '31/11/2026', '05/12/2026', NOW)).toEqual({ ok: false, error: { code: 'fromInvalid' } });
    expect(checkDateRange('day', '01/11/2026', '2026-12-05', NOW)).toEqual({ ok: false, error: { code: 'toInvalid' } });
    expect(checkDateRange('day', '05/12/2026', '01/12/2026', NOW)).toEqual({ ok: false, error: { code: 'inverted' } });
    expect(checkDateRange('hour', '06/12/2026', '07/12/2026', NOW)).toEqual({ ok: false, error: { code: 'future' } });
  });

  it('limits the span per kind: 7 days of hours, 92 days', () => {
    expect(checkDateRange('hour', '29/11/2026', '05/12/2026', NOW).ok).toBe(true);
    expect(checkDateRange('hour', '28/11/2026', '05/12/2026', NOW)).toEqual({ ok: false, error: { code: 'tooLong', max: 168, days: 7 } });
    expect(checkDateRange('day', '05/09/2026', '05/12/2026', NOW).ok).toBe(true);
    expect(checkDateRange('day', '04/09/2026', '05/12/2026', NOW)).toEqual({ ok: false, error: { code: 'tooLong', max: 92, days: 92 } });
  });

  it('checks a range of keys from a URL against the same limits', () => {
    expect(withinSpan('hour', '2026-11-29T00', '2026-12-05T23')).toBe(true);
    expect(withinSpan('hour', '2026-11-28T23', '2026-12-05T23')).toBe(false);
    expect(withinSpan('month', '2022-01', '2026-12')).toBe(true);
    expect(withinSpan('month', '2021-12', '2026-12')).toBe(false);
    expect(withinSpan('day', '2026-12-05', '2026-12-01')).toBe(false);
  });
});
