import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  DAY_MS,
  dateOfDayNumber,
  dayNumberOfDate,
  localDateOf,
  localTimeMs,
  parseLocalDate,
  toLocalRfc3339,
  weekdayOfDay,
} from './local-time.ts';

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
  it('changes day at 17:00 UTC across a leap day and a year end, and goes back to an earlier day (the last date is remembered, never stuck)', () => {
    const at = (iso: string) => localDateOf(Date.parse(iso));
    expect(at('2024-02-28T16:59:59.999Z')).toBe('2024-02-28');
    expect(at('2024-02-28T17:00:00Z')).toBe('2024-02-29');
    expect(at('2024-02-29T16:59:59.999Z')).toBe('2024-02-29');
    expect(at('2024-02-29T17:00:00Z')).toBe('2024-03-01');
    expect(at('2023-02-28T17:00:00Z')).toBe('2023-03-01'); // not a leap year
    expect(at('2000-02-28T17:00:00Z')).toBe('2000-02-29'); // divisible by 400: a leap year
    expect(at('2100-02-28T17:00:00Z')).toBe('2100-03-01'); // divisible by 100 only: not one
    expect(at('2025-12-31T16:59:59.999Z')).toBe('2025-12-31');
    expect(at('2025-12-31T17:00:00Z')).toBe('2026-01-01');
    expect(at('2025-12-31T16:59:59.999Z')).toBe('2025-12-31');
    expect(at('1969-12-31T17:00:00Z')).toBe('1970-01-01');
    expect(at('1969-12-31T16:59:59.999Z')).toBe('1969-12-31'); // before the epoch: the floor, not the truncation
    expect(() => localDateOf(Number.NaN)).toThrow(RangeError);
  });

  it("writes every day from 1600 to 2400 as Date's ISO string does, and the years beyond four digits as Date writes them", () => {
    const viaDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
    const first = dayNumberOfDate('1600-01-01');
    const last = dayNumberOfDate('2400-12-31');
    const wrong: number[] = [];
    for (let day = first; day <= last; day++) if (dateOfDayNumber(day) !== viaDate(day)) wrong.push(day);
    expect(wrong).toEqual([]);
    for (const day of [-719_528, -719_529, 2_932_896, 2_932_897, -1_000_000, 3_000_000]) expect(dateOfDayNumber(day)).toBe(viaDate(day));
    expect(dateOfDayNumber(-719_528)).toBe('0000-01-01');
    expect(dateOfDayNumber(2_932_896)).toBe('9999-12-31');
    expect(dateOfDayNumber(dayNumberOfDate('0999-03-01'))).toBe('0999-03-01');
  });
});
