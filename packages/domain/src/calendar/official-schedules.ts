import type { OfficialYearSchedule } from './holidays.ts';

/**
 * The yearly holiday placements for public servants (cán bộ, công chức, viên chức — Monday to
 * Friday weeks), each checked against the government's announcement and cited in `source`.
 * Occasions not listed fall back to the Labour Code 2019 rules in `holidays.ts` (Art. 112: the
 * day itself, and a weekday in lieu when it falls on a weekend); the `note` of each year says
 * which occasions that covers and why. A city adds or corrects years through
 * `createWorkCalendar({ schedules })` (the ingest: IOC_HOLIDAY_SCHEDULES_FILE or
 * PUT /api/v1/calendar/schedules) rather than by editing this table.
 *
 * How the announcements work: the Ministry (Bộ LĐ-TB&XH until 2/2025, Bộ Nội vụ since) proposes a
 * placement, the Government Office (Văn phòng Chính phủ, VPCP) conveys the Prime Minister's or a
 * Deputy PM's approval in a "văn bản … /VPCP-KGVX", and the Ministry then notifies agencies. We
 * cite the VPCP document where its number is known, else the approval as reported.
 *
 * Culture Day (Ngày Văn hóa Việt Nam, 24/11): Resolution 80-NQ/TW of the Politburo (7/1/2026)
 * chose 24 November as a paid day off "as a policy", and Government Resolution 30/NQ-CP (2/2026)
 * tasks amending Labour Code Art. 112(1) to add it. No decision has yet made 24/11/2025 or
 * 24/11/2026 a day off, so it is not built in; a city adds it by configuration once it is law
 * (see apps/ingest/README.md and docs/examples/holiday-schedule-culture-day.json).
 */
export const VN_OFFICIAL_SCHEDULES: readonly OfficialYearSchedule[] = [
  {
    year: 2024,
    source: 'VPCP 8662/VPCP-KGVX (11/2023, PM Phạm Minh Chính: Tết and National Day 2024); VPCP 2450/VPCP-KGVX (12/4/2024: 30/4–1/5 swap)',
    occasions: {
      'new-year': { daysOff: ['2024-01-01'], note: 'Mon 1 Jan, statutory; no swap was announced' },
      tet: {
        daysOff: ['2024-02-08..2024-02-14'],
        note: 'Thu 8 – Wed 14 Feb (29 Chạp Quý Mão – mùng 5 Giáp Thìn): the 5 statutory days plus the 2 owed for Sat 10 and Sun 11',
        source: 'VPCP 8662/VPCP-KGVX, 11/2023, conveying PM Phạm Minh Chính’s approval of the Bộ LĐ-TB&XH proposal (option 1)',
      },
      'hung-kings': { daysOff: ['2024-04-18'], note: 'Thu 18 Apr (10/3 Giáp Thìn), statutory' },
      'reunification-labour': {
        daysOff: ['2024-04-27..2024-05-01'],
        makeUpWorkingDays: ['2024-05-04'],
        note: 'Sat 27 Apr – Wed 1 May: Mon 29 Apr given off in exchange for working Sat 4 May',
        source: 'VPCP 2450/VPCP-KGVX, 12/4/2024, PM Phạm Minh Chính approving the Bộ LĐ-TB&XH proposal',
      },
      'national-day': {
        daysOff: ['2024-08-31..2024-09-03'],
        note: 'Sat 31 Aug – Tue 3 Sep: the statutory Mon 2 and Tue 3 Sep',
        source: 'VPCP 8662/VPCP-KGVX, 11/2023',
      },
    },
  },
  {
    year: 2025,
    source: 'VPCP 8726/VPCP-KGVX (26/11/2024, PM Phạm Minh Chính: Tết, 30/4–1/5 and National Day 2025), notified by Bộ LĐ-TB&XH',
    occasions: {
      'new-year': { daysOff: ['2025-01-01'], note: 'Wed 1 Jan, statutory; no swap was announced' },
      tet: {
        daysOff: ['2025-01-25..2025-02-02'],
        note: 'Sat 25 Jan – Sun 2 Feb (26 Chạp Giáp Thìn – mùng 5 Ất Tỵ), 9 days: the five weekdays 27–31 Jan, no make-up day',
        source: 'VPCP 8726/VPCP-KGVX, 26/11/2024',
      },
      'hung-kings': { daysOff: ['2025-04-05..2025-04-07'], note: 'Mon 7 Apr (10/3 Ất Tỵ), statutory' },
      'reunification-labour': {
        daysOff: ['2025-04-30..2025-05-04'],
        makeUpWorkingDays: ['2025-04-26'],
        note: 'Wed 30 Apr – Sun 4 May: Fri 2 May given off in exchange for working Sat 26 Apr',
        source: 'VPCP 8726/VPCP-KGVX, 26/11/2024; Bộ LĐ-TB&XH notice to agencies',
      },
      'national-day': {
        daysOff: ['2025-08-30..2025-09-02'],
        note: 'Sat 30 Aug – Tue 2 Sep: the statutory Mon 1 and Tue 2 Sep',
        source: 'VPCP 8726/VPCP-KGVX, 26/11/2024',
      },
    },
  },
  {
    year: 2026,
    source:
      'VPCP document of 13/10/2025 (PM Phạm Minh Chính: Tết and National Day 2026, on the Bộ Nội vụ proposal); VPCP 12729/VPCP-KGVX (25/12/2025, Deputy PM Phạm Thị Thanh Trà: New Year 2026)',
    occasions: {
      'new-year': {
        daysOff: ['2026-01-01..2026-01-04'],
        makeUpWorkingDays: ['2026-01-10'],
        note: 'Thu 1 – Sun 4 Jan: Fri 2 Jan given off in exchange for working Sat 10 Jan',
        source: 'VPCP 12729/VPCP-KGVX, 25/12/2025, Deputy PM Phạm Thị Thanh Trà approving the Bộ Nội vụ proposal',
      },
      tet: {
        daysOff: ['2026-02-14..2026-02-22'],
        note: 'Sat 14 – Sun 22 Feb (27 Chạp Ất Tỵ – mùng 6 Bính Ngọ), 9 days: the five weekdays 16–20 Feb, no make-up day',
        source: 'VPCP document of 13/10/2025 conveying PM Phạm Minh Chính’s approval of the Bộ Nội vụ proposal',
      },
      'national-day': {
        daysOff: ['2026-08-29..2026-09-02'],
        makeUpWorkingDays: ['2026-08-22'],
        note: 'Sat 29 Aug – Wed 2 Sep: the statutory Tue 1 and Wed 2 Sep, and Mon 31 Aug given off in exchange for working Sat 22 Aug',
        source: 'VPCP document of 13/10/2025 conveying PM Phạm Minh Chính’s approval of the Bộ Nội vụ proposal',
      },
    },
    // Left to the rules, which match what was announced: Hùng Kings falls on Sun 26 Apr 2026, so
    // Mon 27 Apr is the day in lieu (Art. 112(3)); 30 Apr and 1 May are Thu and Fri, no swap.
  },
];
