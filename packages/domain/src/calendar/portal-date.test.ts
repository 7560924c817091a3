import { describe, expect, it } from 'vitest';
import { formatVnRfc3339, parsePortalDate } from './portal-date.ts';

describe('portal dates', () => {
  it("reads 'yyyyMMddHHmmss' as local time and says it assumed the zone", () => {
    expect(parsePortalDate('20250124093000')).toEqual({
      ok: true,
      ms: Date.parse('2025-01-24T02:30:00Z'),
      rfc3339: '2025-01-24T09:30:00+07:00',
      assumedZone: true,
      dateOnly: false,
    });
    // the same value sent as a JSON number
    expect(parsePortalDate(20250124093000)).toMatchObject({ ok: true, rfc3339: '2025-01-24T09:30:00+07:00' });
  });
  it("reads Vietnamese 'dd/MM/yyyy HH:mm:ss' and bare dates", () => {
    expect(parsePortalDate('04/02/2025 16:05:00')).toMatchObject({ ok: true, rfc3339: '2025-02-04T16:05:00+07:00', assumedZone: true });
    expect(parsePortalDate('4/2/2025')).toMatchObject({ ok: true, rfc3339: '2025-02-04T00:00:00+07:00', dateOnly: true });
    expect(parsePortalDate('20250204')).toMatchObject({ ok: true, dateOnly: true });
  });
  it('keeps an explicit offset and rewrites the instant in +07:00', () => {
    expect(parsePortalDate('2025-01-24T02:30:00Z')).toMatchObject({ ok: true, rfc3339: '2025-01-24T09:30:00+07:00', assumedZone: false });
    expect(parsePortalDate('2025-01-24T09:30:00.250+07:00')).toMatchObject({ ok: true, rfc3339: '2025-01-24T09:30:00.250+07:00', assumedZone: false });
    expect(parsePortalDate('2025-01-24T09:30:00')).toMatchObject({ ok: true, assumedZone: true });
  });
  it('refuses impossible dates and garbage, and treats empty as absent', () => {
    expect(parsePortalDate('20250230101010')).toMatchObject({ ok: false });
    expect(parsePortalDate('20251301000000')).toMatchObject({ ok: false });
    expect(parsePortalDate('2025-01-24T25:00:00')).toMatchObject({ ok: false });
    expect(parsePortalDate('hôm qua')).toMatchObject({ ok: false });
    expect(parsePortalDate(12)).toMatchObject({ ok: false });
    expect(parsePortalDate('')).toBeNull();
    expect(parsePortalDate(null)).toBeNull();
  });
  it('formats any instant in +07:00', () => expect(formatVnRfc3339(Date.parse('2024-12-31T17:00:00Z'))).toBe('2025-01-01T00:00:00+07:00'));
});
