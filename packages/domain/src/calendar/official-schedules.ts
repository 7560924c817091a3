import type { OfficialYearSchedule } from './holidays.ts';

/**
 * The yearly holiday placements for public servants (cán bộ, công chức, viên chức — Monday to
 * Friday weeks) that we are confident of. Only occasions where we know the announced days are
 * listed; the others fall back to the Labour Code rules in `holidays.ts`. A city adds or
 * corrects years through `createWorkCalendar({ schedules })` rather than by editing this table.
 *
 * Not listed on purpose (uncertain, so left to the rules until someone confirms the decision):
 * - 2026 New Year's Day (Thu 1 Jan): rules give 1 Jan only; whether Fri 2 Jan was swapped is not confirmed.
 * - 2026 Hùng Kings (Sun 26 Apr): rules give the compensatory Mon 27 Apr.
 * - 2026 30 Apr–1 May (Thu–Fri): rules give those two days; no swap known.
 * - 2026 National Day (Wed 2 Sep): the adjacent day (1 or 3 Sep) is not confirmed; rules assume 1 Sep.
 */
export const VN_OFFICIAL_SCHEDULES: readonly OfficialYearSchedule[] = [
  {
    year: 2024,
    source: 'Bộ LĐTBXH yearly notices for public servants, 2024',
    occasions: {
      'new-year': { daysOff: ['2024-01-01'] },
      tet: {
        daysOff: ['2024-02-08..2024-02-14'],
        note: 'Thu 8 – Wed 14 Feb: the statutory 9, 12, 13 Feb plus the two days owed for Sat 10 and Sun 11, placed on Thu 8 and Wed 14',
      },
      'hung-kings': { daysOff: ['2024-04-18'] },
      'reunification-labour': {
        daysOff: ['2024-04-27..2024-05-01'],
        makeUpWorkingDays: ['2024-05-04'],
        note: 'Mon 29 Apr given off in exchange for working Sat 4 May',
      },
      'national-day': { daysOff: ['2024-08-31..2024-09-03'], note: 'Mon 2 and Tue 3 Sep' },
    },
  },
  {
    year: 2025,
    source: 'Bộ LĐTBXH / Bộ Nội vụ yearly notices for public servants, 2025',
    occasions: {
      'new-year': { daysOff: ['2025-01-01'] },
      tet: {
        daysOff: ['2025-01-25..2025-02-02'],
        note: 'Sat 25 Jan – Sun 2 Feb, 9 days: the five weekdays 27–31 Jan, no make-up day',
      },
      'hung-kings': { daysOff: ['2025-04-05..2025-04-07'], note: 'Mon 7 Apr' },
      'reunification-labour': {
        daysOff: ['2025-04-30..2025-05-04'],
        makeUpWorkingDays: ['2025-04-26'],
        note: 'Fri 2 May given off in exchange for working Sat 26 Apr',
      },
      'national-day': { daysOff: ['2025-08-30..2025-09-02'], note: 'Mon 1 and Tue 2 Sep' },
    },
  },
  {
    year: 2026,
    source: 'Bộ Nội vụ notice on Tết 2026 for public servants',
    occasions: {
      tet: { daysOff: ['2026-02-14..2026-02-22'], note: 'Sat 14 – Sun 22 Feb, 9 days: the five weekdays 16–20 Feb' },
    },
  },
];
