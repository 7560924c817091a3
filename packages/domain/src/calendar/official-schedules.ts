import { OfficialYearScheduleSchema } from '@cityioc/contracts';
import { Type } from 'typebox';
import { bundledData } from '../validation/bundled-data.ts';
import type { OfficialYearSchedule } from './holidays.ts';
import schedulesFile from './official-schedules.json' with { type: 'json' };

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
 *
 * The years are data, in official-schedules.json (the format of an uploaded schedule,
 * OfficialYearScheduleSchema, checked at start). 2026 leaves two occasions to the rules, which
 * match what was announced: Hùng Kings falls on Sun 26 Apr 2026, so Mon 27 Apr is the day in lieu
 * (Art. 112(3)); 30 Apr and 1 May are Thu and Fri, no swap.
 */
export const VN_OFFICIAL_SCHEDULES: readonly OfficialYearSchedule[] = bundledData(
  Type.Array(OfficialYearScheduleSchema),
  schedulesFile,
  'calendar/official-schedules.json',
);
