import { describe, expect, it } from 'vitest';
import { isOfficeOpen, localMonthKey, localMonthStart, localParts, officeHoursBetween, toLocalRfc3339 } from './time.ts';

const at = (s: string) => Date.parse(s);

describe('local time (UTC+07:00)', () => {
  it('formats RFC 3339 with the +07:00 offset and round-trips', () => {
    const t = at('2026-11-22T00:30:00Z');
    const s = toLocalRfc3339(t);
    expect(s).toBe('2026-11-22T07:30:00.000+07:00');
    expect(Date.parse(s)).toBe(t);
  });

  it('rolls the month over at local midnight, not UTC midnight', () => {
    // 17:30 UTC on 31 Oct is 00:30 local on 1 Nov.
    expect(localMonthKey(at('2026-10-31T16:59:59Z'))).toBe('2026-10');
    expect(localMonthKey(at('2026-10-31T17:00:00Z'))).toBe('2026-11');
    expect(localMonthStart(at('2026-11-15T12:00:00Z'))).toBe(at('2026-10-31T17:00:00Z'));
  });

  it('knows office hours: Mon–Fri 07:00–17:00 local', () => {
    // Friday 20 Nov 2026
    expect(localParts(at('2026-11-20T00:00:00+07:00')).weekday).toBe(5);
    expect(isOfficeOpen(at('2026-11-20T06:59:00+07:00'))).toBe(false);
    expect(isOfficeOpen(at('2026-11-20T07:00:00+07:00'))).toBe(true);
    expect(isOfficeOpen(at('2026-11-20T16:59:00+07:00'))).toBe(true);
    expect(isOfficeOpen(at('2026-11-20T17:00:00+07:00'))).toBe(false);
    expect(isOfficeOpen(at('2026-11-21T10:00:00+07:00'))).toBe(false); // Saturday
    expect(isOfficeOpen(at('2026-11-22T10:00:00+07:00'))).toBe(false); // Sunday
  });

  it('counts office hours between two instants', () => {
    // Mon 16 Nov 2026 00:00 → Mon 23 Nov 00:00: five 10-hour days.
    expect(officeHoursBetween(at('2026-11-16T00:00:00+07:00'), at('2026-11-23T00:00:00+07:00'))).toBe(50);
    expect(officeHoursBetween(at('2026-11-16T16:00:00+07:00'), at('2026-11-17T08:30:00+07:00'))).toBe(2.5);
    expect(officeHoursBetween(at('2026-11-21T00:00:00+07:00'), at('2026-11-22T23:00:00+07:00'))).toBe(0);
  });
});
