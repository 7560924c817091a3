import { describe, expect, it } from 'vitest';
import { DEFAULT_DATE_BOUNDS as B, implausibleDate, implausibleDates, implausiblePeriod } from './date-bounds.ts';

const now = Date.parse('2026-11-20T10:00:00+07:00');

describe('date plausibility', () => {
  it('refuses what happened before 2015 or later than five minutes ahead, in any form a feed sends', () => {
    expect(implausibleDate('/receivedAt', '1970-01-01T00:00:00Z', 'event', now, B)).toMatchObject({ field: '/receivedAt', reason: 'implausible_date' });
    expect(implausibleDate('/NgayTiepNhan', '19700101080000', 'event', now, B)?.message).toBe(
      'NgayTiepNhan 19700101080000 is before 2015-01-01, the earliest date the IOC accepts (IOC_DATE_MIN)',
    );
    expect(implausibleDate('/statusAt', '9999-12-31T00:00:00+07:00', 'event', now, B)?.reason).toBe('implausible_date');
    expect(implausibleDate('/statusAt', '2026-11-20T10:05:00+07:00', 'event', now, B)).toBeNull();
    expect(implausibleDate('/statusAt', '2026-11-20T10:05:01+07:00', 'event', now, B)?.message).toContain('more than 300 s ahead');
    expect(implausibleDate('/statusAt', '2015-01-01T00:00:00+07:00', 'event', now, B)).toBeNull();
    expect(implausibleDate('/statusAt', '2014-12-31T23:59:59+07:00', 'event', now, B)?.reason).toBe('implausible_date');
  });

  it('lets an appointment lie years ahead, not millennia', () => {
    expect(implausibleDate('/dueAt', '2028-06-01T17:00:00+07:00', 'due', now, B)).toBeNull();
    expect(implausibleDate('/dueAt', '9999-01-01T17:00:00+07:00', 'due', now, B)?.message).toContain('more than 1095 days ahead');
  });

  it('leaves what is not a date to the schema, and lists every bad one in order', () => {
    expect(implausibleDate('/x', 'yesterday', 'event', now, B)).toBeNull();
    expect(implausibleDate('/x', 42, 'event', now, B)).toBeNull();
    const errors = implausibleDates(
      [
        { path: '/a', value: '2026-11-01T00:00:00+07:00', kind: 'event' },
        { path: '/b', value: '1999-01-01T00:00:00+07:00', kind: 'event' },
        { path: '/c', value: '3000-01-01T00:00:00+07:00', kind: 'due' },
      ],
      now,
      B,
    );
    expect(errors.map((e) => e.field)).toEqual(['/b', '/c']);
  });

  it('refuses a period that starts before the minimum or has not begun', () => {
    expect(implausiblePeriod('/period', '2014', Date.parse('2014-01-01T00:00:00+07:00'), now, B)?.reason).toBe('implausible_date');
    expect(implausiblePeriod('/period', '2027-Q1', Date.parse('2027-01-01T00:00:00+07:00'), now, B)?.message).toBe(
      'period 2027-Q1 has not begun yet (2026-11-20)',
    );
    expect(implausiblePeriod('/period', '2026-11', Date.parse('2026-11-01T00:00:00+07:00'), now, B)).toBeNull();
  });
});
