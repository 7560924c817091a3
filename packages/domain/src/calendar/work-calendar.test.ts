import { describe, expect, it } from 'vitest';
import { localTimeMs, toLocalRfc3339 } from './local-time.ts';
import { createWorkCalendar, scheduleErrors, switchableCalendar } from './work-calendar.ts';

const cal = createWorkCalendar();
const rulesOnly = createWorkCalendar({ builtInSchedules: false });
const at = (date: string, h = 0, m = 0) => localTimeMs(date, h, m);
const show = (ms: number) => toLocalRfc3339(ms);
/** Every date from `from` to `to` inclusive, 'YYYY-MM-DD'. */
const datesBetween = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
};
const offDays = (c: typeof cal, from: string, to: string) => datesBetween(from, to).filter((date) => !c.isWorkingDay(date));

describe('Tết', () => {
  it('2025: off Sat 25 Jan – Sun 2 Feb; Fri 24 Jan and Mon 3 Feb are working days', () => {
    expect(offDays(cal, '2025-01-23', '2025-02-04')).toEqual(datesBetween('2025-01-25', '2025-02-02'));
  });
  it('2026: off Sat 14 – Sun 22 Feb; Fri 13 and Mon 23 Feb are working days', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(offDays(cal, '2026-02-14', '2026-02-22')).toHaveLength(9);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
  });
  it('by rule alone (no official placement) Tết is the last day of the year and mùng 1–4, plus days in lieu of the weekend', () => {
    // 2027: mùng 1 = Sat 6 Feb → Fri 5, Sat 6, Sun 7, Mon 8, Tue 9; Sat and Sun are owed on Wed 10 and Thu 11.
    expect(offDays(rulesOnly, '2027-02-04', '2027-02-12')).toEqual(datesBetween('2027-02-05', '2027-02-11'));
    expect(
      rulesOnly
        .holidaysOf(2027)
        .daysOff.filter((d) => d.occasion === 'tet')
        .map((d) => d.kind),
    ).toEqual(['statutory', 'statutory', 'statutory', 'statutory', 'statutory', 'compensatory', 'compensatory']);
  });
  it('the official 2024 placement replaces the rule (Thu 8 – Wed 14 Feb instead of Fri 9 – Thu 15)', () => {
    expect(cal.isWorkingDay('2024-02-08')).toBe(false);
    expect(cal.isWorkingDay('2024-02-15')).toBe(true);
    expect(rulesOnly.isWorkingDay('2024-02-08')).toBe(true);
    expect(rulesOnly.isWorkingDay('2024-02-15')).toBe(false);
  });
});

describe('make-up working days and swaps', () => {
  it('Sat 26 Apr 2025 is a working day, given in exchange for Fri 2 May', () => {
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.isWorkingDay('2025-04-19')).toBe(false);
    expect(offDays(cal, '2025-04-28', '2025-05-05')).toEqual(['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04']);
    expect(cal.holidaysOf(2025).makeUpWorkingDays).toEqual([{ date: '2025-04-26', occasion: 'reunification-labour' }]);
  });
  it('a caller adds a year’s announcement without losing the built-in ones', () => {
    const c = createWorkCalendar({
      schedules: [{ year: 2027, occasions: { 'new-year': { daysOff: ['2027-01-01..2027-01-03'], makeUpWorkingDays: ['2027-01-09'] } } }],
    });
    expect(c.isWorkingDay('2027-01-01')).toBe(false);
    expect(c.isWorkingDay('2027-01-09')).toBe(true);
    expect(c.isWorkingDay('2026-02-16')).toBe(false); // built-in Tết 2026 still there
    expect(cal.isWorkingDay('2027-01-09')).toBe(false);
  });
  it('2026 New Year: Thu 1 – Sun 4 Jan off, Fri 2 Jan swapped with Sat 10 Jan (VPCP 12729/VPCP-KGVX)', () => {
    expect(offDays(cal, '2025-12-31', '2026-01-05')).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.holidaysOf(2026).makeUpWorkingDays.map((d) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    // a 1-working-day dossier received Wed 31 Dec 2025 is due Mon 5 Jan 2026 at 17:00
    expect(show(cal.addWorkingDays(at('2025-12-31', 10), 1))).toBe('2026-01-05T17:00:00+07:00');
  });
  it('2026 National Day: Sat 29 Aug – Wed 2 Sep off, Mon 31 Aug swapped with Sat 22 Aug', () => {
    expect(offDays(cal, '2026-08-28', '2026-09-04')).toEqual(['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02']);
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    // a 2-working-day dossier received Fri 28 Aug 2026 is due Fri 4 Sep at 17:00
    expect(show(cal.addWorkingDays(at('2026-08-28', 9), 2))).toBe('2026-09-04T17:00:00+07:00');
    // the same days count in processing time: Fri 28 Aug 09:00 → Thu 3 Sep 09:00 is 1 working day
    expect(cal.workingDaysBetween(at('2026-08-28', 9), at('2026-09-03', 9))).toBe(1);
  });
  it('2026 has 250 working days: 261 weekdays − 13 weekdays off (1–2 Jan, 16–20 Feb, 27 Apr, 30 Apr–1 May, 31 Aug–2 Sep) + Sat 10 Jan and Sat 22 Aug', () => {
    expect(cal.workingDaysBetween(at('2026-01-01'), at('2027-01-01'))).toBe(250);
  });
  it('every built-in year cites its source, and every placed occasion does too', async () => {
    const { VN_OFFICIAL_SCHEDULES } = await import('./official-schedules.ts');
    expect(VN_OFFICIAL_SCHEDULES.map((s) => s.year)).toEqual([2024, 2025, 2026]);
    for (const s of VN_OFFICIAL_SCHEDULES) {
      expect(s.source).toMatch(/VPCP/);
      for (const [occasion, p] of Object.entries(s.occasions ?? {}))
        if (p.makeUpWorkingDays || (p.daysOff.length > 0 && occasion !== 'new-year' && occasion !== 'hung-kings'))
          expect(p.source, `${s.year} ${occasion}`).toBeTruthy();
    }
  });
  it('takes extra one-off days off', () => {
    const c = createWorkCalendar({ schedules: [{ year: 2026, extraDaysOff: [{ days: ['2026-11-24'], name: { vi: 'Ngày nghỉ', en: 'Day off' } }] }] });
    expect(c.isWorkingDay('2026-11-24')).toBe(false);
    expect(c.holidaysOf(2026).daysOff.find((d) => d.date === '2026-11-24')).toMatchObject({ occasion: 'extra', kind: 'extra' });
  });
  it('refuses a malformed schedule when built, not mid-ingest', () => {
    expect(() => createWorkCalendar({ schedules: [{ year: 2027, occasions: { tet: { daysOff: ['2027-02-30'] } } }] })).toThrow(RangeError);
    expect(() => createWorkCalendar({ schedules: [{ year: 2027, occasions: { tet: { daysOff: ['2027-02-10..2027-02-01'] } } }] })).toThrow(RangeError);
  });
});

describe('the other holidays', () => {
  it('Hùng Kings: Mon 7 Apr 2025; Sun 26 Apr 2026 is made up on Mon 27 Apr', () => {
    expect(cal.isWorkingDay('2025-04-07')).toBe(false);
    expect(cal.isWorkingDay('2025-04-08')).toBe(true);
    expect(cal.isWorkingDay('2026-04-27')).toBe(false);
    expect(cal.isWorkingDay('2026-04-28')).toBe(true);
    expect(cal.holidaysOf(2026).daysOff.find((d) => d.date === '2026-04-27')).toMatchObject({ occasion: 'hung-kings', kind: 'compensatory', source: 'rule' });
  });
  it('National Day takes two days: 1–2 Sep 2025, 2–3 Sep 2024, and by rule 2–3 Sep 2021 (a Thursday)', () => {
    expect(offDays(cal, '2025-09-01', '2025-09-03')).toEqual(['2025-09-01', '2025-09-02']);
    expect(offDays(cal, '2024-09-02', '2024-09-04')).toEqual(['2024-09-02', '2024-09-03']);
    expect(offDays(rulesOnly, '2021-09-01', '2021-09-03')).toEqual(['2021-09-02', '2021-09-03']);
  });
  it('a holiday on a weekend is made up on the next free weekday (2023: Hùng Kings Sat 29 Apr, 30 Apr Sun → Tue 2, Wed 3 May)', () => {
    expect(offDays(rulesOnly, '2023-04-28', '2023-05-04')).toEqual(['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']);
    expect(offDays(rulesOnly, '2023-01-01', '2023-01-03')).toEqual(['2023-01-01', '2023-01-02']); // New Year on a Sunday
    expect(offDays(rulesOnly, '2027-04-30', '2027-05-04')).toEqual(['2027-04-30', '2027-05-01', '2027-05-02', '2027-05-03']); // 1 May on a Saturday
  });
  it('2025 has 250 working days: 261 weekdays − 12 weekdays off + Sat 26 Apr', () => {
    expect(cal.workingDaysBetween(at('2025-01-01'), at('2026-01-01'))).toBe(250);
    expect(cal.holidaysOf(2025).daysOff.filter((d) => ![0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()))).toHaveLength(12);
  });
});

describe('deadlines (addWorkingDays)', () => {
  it('counts from the day after, lands at 17:00 on the n-th working day, and steps over Tết', () => {
    // Thu 23 Jan 2025 + 3: Fri 24 (1), Tết and weekends, Mon 3 Feb (2), Tue 4 Feb (3)
    expect(show(cal.addWorkingDays(at('2025-01-23', 10), 3))).toBe('2025-02-04T17:00:00+07:00');
    expect(show(cal.addWorkingDays(at('2025-03-03', 8), 1))).toBe('2025-03-04T17:00:00+07:00');
  });
  it('a deadline that would fall on a holiday moves to the next working day', () => {
    // Mon 28 Apr 2025 + 2: Tue 29 (1); 30 Apr, 1 and 2 May off, weekend; Mon 5 May (2)
    expect(show(cal.addWorkingDays(at('2025-04-28', 9), 2))).toBe('2025-05-05T17:00:00+07:00');
    // Fri 13 Feb 2026 + 1 → Mon 23 Feb 2026 after Tết
    expect(show(cal.addWorkingDays(at('2026-02-13', 8), 1))).toBe('2026-02-23T17:00:00+07:00');
  });
  it('counts a make-up Saturday as a working day', () => {
    // Fri 25 Apr 2025 + 1 → Sat 26 Apr
    expect(show(cal.addWorkingDays(at('2025-04-25', 9), 1))).toBe('2025-04-26T17:00:00+07:00');
  });
  it('0 days: today at 17:00 if still open, else the next working day', () => {
    expect(show(cal.addWorkingDays(at('2025-03-03', 9), 0))).toBe('2025-03-03T17:00:00+07:00');
    expect(show(cal.addWorkingDays(at('2025-03-03', 18), 0))).toBe('2025-03-04T17:00:00+07:00');
    expect(show(cal.addWorkingDays(at('2025-01-25', 9), 0))).toBe('2025-02-03T17:00:00+07:00');
  });
  it('honours a configured deadline time', () => {
    const c = createWorkCalendar({ deadlineMinutes: 16 * 60 + 30 });
    expect(show(c.addWorkingDays(at('2025-03-03', 9), 1))).toBe('2025-03-04T16:30:00+07:00');
  });
});

describe('working time (workingDaysBetween)', () => {
  it('counts only the working days’ share, fractional', () => {
    expect(cal.workingDaysBetween(at('2025-03-03', 9), at('2025-03-03', 15))).toBe(0.25);
    // Fri 24 Jan 12:00 → Mon 3 Feb 12:00 across Tết: half of Friday + half of Monday
    expect(cal.workingDaysBetween(at('2025-01-24', 12), at('2025-02-03', 12))).toBe(1);
    expect(cal.workingDaysBetween(at('2025-02-03', 12), at('2025-01-24', 12))).toBe(-1);
    expect(cal.workingDaysBetween(at('2025-01-25', 8), at('2025-01-26', 20))).toBe(0);
  });
  it('is additive, and addWorkingMs is its inverse', () => {
    const a = at('2025-01-20', 9);
    const b = at('2025-01-29', 11);
    const c = at('2025-02-07', 16);
    expect(cal.workingMsBetween(a, c)).toBe(cal.workingMsBetween(a, b) + cal.workingMsBetween(b, c));
    expect(show(cal.addWorkingMs(at('2025-01-24', 12), 86_400_000))).toBe('2025-02-03T12:00:00+07:00');
    const w = cal.workingMsBetween(a, c);
    expect(cal.workingMsBetween(a, cal.addWorkingMs(a, w))).toBe(w);
  });
});

describe('holidaysOf', () => {
  it('lists the year’s days off with their occasion, kind and source', () => {
    const h = cal.holidaysOf(2024);
    expect(h.daysOff.find((d) => d.date === '2024-02-08')).toMatchObject({ occasion: 'tet', kind: 'announced', source: 'official' });
    expect(h.daysOff.find((d) => d.date === '2024-02-10')).toMatchObject({ occasion: 'tet', kind: 'statutory', name: { vi: 'Tết Nguyên đán' } });
    expect(h.makeUpWorkingDays.map((d) => d.date)).toEqual(['2024-05-04']);
  });
});

describe('uploaded schedules', () => {
  it('names every problem of a schedule by field', () => {
    expect(
      scheduleErrors({
        year: 2027,
        occasions: { tet: { daysOff: ['2027-02-30', '2027-02-05..2027-02-11'], makeUpWorkingDays: ['2027-02-15', '2027-02-20'] } },
        extraDaysOff: [{ days: ['2029-11-24'], name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnamese Culture Day' } }],
      }).map((e) => [e.field, e.reason]),
    ).toEqual([
      ['/occasions/tet/daysOff/0', 'date_format'],
      ['/occasions/tet/makeUpWorkingDays/0', 'not_weekend'],
      ['/extraDaysOff/0/days/0', 'other_year'],
    ]);
    expect(scheduleErrors({ year: 1900 })).toEqual([{ field: '/year', reason: 'range', message: 'schedule year out of range (1970–2199): 1900' }]);
    expect(
      scheduleErrors({ year: 2027, occasions: { christmas: { daysOff: ['2027-12-25'] } } as unknown as Parameters<typeof scheduleErrors>[0]['occasions'] })[0],
    ).toMatchObject({ reason: 'unknown_occasion' });
  });

  it('a switchable calendar answers with the schedule swapped in, for every holder at once', () => {
    const c = switchableCalendar(createWorkCalendar());
    const holder = { calendar: c };
    expect(holder.calendar.isWorkingDay('2026-11-24')).toBe(true);
    c.use(
      createWorkCalendar({
        schedules: [{ year: 2026, extraDaysOff: [{ days: ['2026-11-24'], name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnamese Culture Day' } }] }],
      }),
    );
    expect(holder.calendar.isWorkingDay('2026-11-24')).toBe(false);
    expect(show(holder.calendar.addWorkingDays(at('2026-11-23', 9), 1))).toBe('2026-11-25T17:00:00+07:00');
  });
});
