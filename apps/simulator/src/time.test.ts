import { createWorkCalendar } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { addOfficeMs, isOfficeOpen, localMonthKey, localMonthStart, localParts, officeMsBetween, toLocalRfc3339 } from './time.ts';

const calendar = createWorkCalendar();
const HOUR = 3_600_000;

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

  it('knows office hours: 07:00–17:00 on working days, closed at weekends and on public holidays', () => {
    // Friday 20 Nov 2026
    expect(localParts(at('2026-11-20T00:00:00+07:00')).weekday).toBe(5);
    expect(isOfficeOpen(calendar, at('2026-11-20T06:59:00+07:00'))).toBe(false);
    expect(isOfficeOpen(calendar, at('2026-11-20T07:00:00+07:00'))).toBe(true);
    expect(isOfficeOpen(calendar, at('2026-11-20T16:59:00+07:00'))).toBe(true);
    expect(isOfficeOpen(calendar, at('2026-11-20T17:00:00+07:00'))).toBe(false);
    expect(isOfficeOpen(calendar, at('2026-11-21T10:00:00+07:00'))).toBe(false); // Saturday
    expect(isOfficeOpen(calendar, at('2026-11-22T10:00:00+07:00'))).toBe(false); // Sunday
    expect(isOfficeOpen(calendar, at('2026-02-18T10:00:00+07:00'))).toBe(false); // Wednesday of Tết 2026
    expect(isOfficeOpen(calendar, at('2026-09-02T10:00:00+07:00'))).toBe(false); // National Day
  });

  it('adds and measures office time', () => {
    // Mon 16 Nov 2026 00:00 → Mon 23 Nov 00:00: five 10-hour days.
    expect(officeMsBetween(calendar, at('2026-11-16T00:00:00+07:00'), at('2026-11-23T00:00:00+07:00'))).toBe(50 * HOUR);
    expect(officeMsBetween(calendar, at('2026-11-16T16:00:00+07:00'), at('2026-11-17T08:30:00+07:00'))).toBe(2.5 * HOUR);
    expect(officeMsBetween(calendar, at('2026-11-21T00:00:00+07:00'), at('2026-11-22T23:00:00+07:00'))).toBe(0);
    // Friday 16:00 + 2 office hours → Monday 08:00; a Saturday instant snaps to Monday's opening.
    expect(addOfficeMs(calendar, at('2026-11-20T16:00:00+07:00'), 2 * HOUR)).toBe(at('2026-11-23T08:00:00+07:00'));
    expect(addOfficeMs(calendar, at('2026-11-21T10:00:00+07:00'), 0)).toBe(at('2026-11-23T07:00:00+07:00'));
    // Friday 13 Feb 2026 (eve of Tết) 16:30 + 1 office hour → Monday 23 Feb 07:30, after the nine days off.
    expect(addOfficeMs(calendar, at('2026-02-13T16:30:00+07:00'), HOUR)).toBe(at('2026-02-23T07:30:00+07:00'));
    // The two are inverse within office hours.
    const from = at('2026-11-18T09:15:00+07:00');
    expect(officeMsBetween(calendar, from, addOfficeMs(calendar, from, 37 * HOUR))).toBe(37 * HOUR);
  });
});
