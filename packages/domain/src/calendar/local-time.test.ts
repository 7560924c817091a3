import { describe, expect, it } from 'vitest';
import { addLocalDays, dayNumberOfDate, localDateOf, localTimeMs, parseLocalDate, toLocalRfc3339, weekdayOfDay } from './local-time.ts';

describe('local time (UTC+7, no DST)', () => {
  it('puts 16:59:59Z on the same local day and 17:00Z on the next', () => {
    expect(localDateOf(Date.parse('2025-03-31T16:59:59Z'))).toBe('2025-03-31');
    expect(localDateOf(Date.parse('2025-03-31T17:00:00Z'))).toBe('2025-04-01');
  });
  it('builds local wall-clock instants and writes them back', () => {
    const t = localTimeMs('2025-01-24', 17);
    expect(new Date(t).toISOString()).toBe('2025-01-24T10:00:00.000Z');
    expect(toLocalRfc3339(t)).toBe('2025-01-24T17:00:00+07:00');
  });
  it('knows weekdays and refuses dates that do not exist', () => {
    expect(weekdayOfDay(dayNumberOfDate('2025-04-26'))).toBe(6); // Saturday
    expect(weekdayOfDay(dayNumberOfDate('2025-01-29'))).toBe(3); // Wednesday, mùng 1 Tết
    expect(parseLocalDate('2025-02-29')).toBeNull();
    expect(parseLocalDate('2024-02-29')).not.toBeNull();
    expect(() => dayNumberOfDate('25/01/2025')).toThrow(RangeError);
    expect(addLocalDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});
