import { addLocalDays, type LocalDate } from '../calendar/local-time.ts';
import { checkPeriod, monthsOf, MONTHLY_KINDS, type MonthlyKind } from '../calendar/period.ts';

/**
 * Reporting periods of Decree 09/2019/NĐ-CP and their data cut-off windows (Art. 12):
 * month 15th of the previous month → 14th; quarter 15th of the month before → 14th of the last
 * month; 6 months 15 Dec → 14 Jun; 9 months 15 Dec → 14 Sep; year 15 Dec → 14 Dec.
 * The second half ('H2') is not a Decree 09 report (the year report covers it); we accept it with
 * the window 15 Jun → 14 Dec so a half-yearly series can be completed. Keys, parsing and order
 * are the calendar's period module (calendar/period.ts); this adds the windows.
 */
export type ReportPeriodKind = MonthlyKind;

export const REPORT_PERIOD_KINDS: readonly ReportPeriodKind[] = MONTHLY_KINDS;

export interface ReportPeriod {
  id: string;
  kind: ReportPeriodKind;
  year: number;
  /** First and last month (1–12) the period covers on the calendar. */
  firstMonth: number;
  lastMonth: number;
  /** Data cut-off window, local dates inclusive. */
  cutoffStart: LocalDate;
  cutoffEnd: LocalDate;
}

export type PeriodParse = { ok: true; period: ReportPeriod } | { ok: false; reason: 'malformed' | 'nonexistent'; message: string };

const ymd = (y: number, m: number, d: number): LocalDate => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The 15th of the month before `month` of `year` (December of the previous year for January). */
function fifteenthBefore(year: number, month: number): LocalDate {
  return month === 1 ? ymd(year - 1, 12, 15) : ymd(year, month - 1, 15);
}

/** Years the reporting system accepts: from the decree's first year to a generous horizon. */
export const MIN_REPORT_YEAR = 2000;
export const MAX_REPORT_YEAR = 2100;

/**
 * Parses a period id: '2023', '2024-H1', '2024-9M', '2024-Q1', '2024-03'. Rejects shapes that do
 * not name a period ('2024-13', '2024-Q5', '2024-H3', '2024-00', a year outside 2000–2100) with
 * reason 'nonexistent', and anything else (days, ranges, other shapes) with 'malformed'.
 */
export function parseReportPeriod(id: string): PeriodParse {
  const c = checkPeriod(id, REPORT_PERIOD_KINDS);
  if (!c.ok) {
    if (c.reason === 'nonexistent') return { ok: false, reason: 'nonexistent', message: c.message };
    return { ok: false, reason: 'malformed', message: `'${id}' is not a period id (2023, 2024-H1, 2024-9M, 2024-Q1, 2024-03)` };
  }
  const p = c.period as { kind: MonthlyKind; year: number; index: number };
  if (p.year < MIN_REPORT_YEAR || p.year > MAX_REPORT_YEAR)
    return { ok: false, reason: 'nonexistent', message: `year ${p.year} is outside ${MIN_REPORT_YEAR}–${MAX_REPORT_YEAR}` };
  const { firstMonth, lastMonth } = monthsOf(p);
  // Windows start on the 15th before the year for every kind but the second half and the later quarters and months.
  const cutoffFrom = p.kind === 'half' || p.kind === 'quarter' || p.kind === 'month' ? firstMonth : 1;
  return {
    ok: true,
    period: { id, kind: p.kind, year: p.year, firstMonth, lastMonth, cutoffStart: fifteenthBefore(p.year, cutoffFrom), cutoffEnd: ymd(p.year, lastMonth, 14) },
  };
}

/** The period, or throws RangeError (for ids known to be valid). */
export function reportPeriod(id: string): ReportPeriod {
  const p = parseReportPeriod(id);
  if (!p.ok) throw new RangeError(p.message);
  return p.period;
}

/** The day after the cut-off window ends. */
export function dayAfterCutoff(p: ReportPeriod): LocalDate {
  return addLocalDays(p.cutoffEnd, 1);
}
