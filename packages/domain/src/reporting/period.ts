import { addLocalDays, type LocalDate } from '../calendar/local-time.ts';

/**
 * Reporting periods of Decree 09/2019/NĐ-CP and their data cut-off windows (Art. 12):
 * month 15th of the previous month → 14th; quarter 15th of the month before → 14th of the last
 * month; 6 months 15 Dec → 14 Jun; 9 months 15 Dec → 14 Sep; year 15 Dec → 14 Dec.
 * The second half ('H2') is not a Decree 09 report (the year report covers it); we accept it with
 * the window 15 Jun → 14 Dec so a half-yearly series can be completed.
 */
export type ReportPeriodKind = 'month' | 'quarter' | 'half' | 'nine_months' | 'year';

export const REPORT_PERIOD_KINDS: readonly ReportPeriodKind[] = ['month', 'quarter', 'half', 'nine_months', 'year'];

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

function build(id: string, kind: ReportPeriodKind, year: number, firstMonth: number, lastMonth: number, cutoffFirstMonth: number): ReportPeriod {
  return { id, kind, year, firstMonth, lastMonth, cutoffStart: fifteenthBefore(year, cutoffFirstMonth), cutoffEnd: ymd(year, lastMonth, 14) };
}

/** Years the reporting system accepts: from the decree's first year to a generous horizon. */
export const MIN_REPORT_YEAR = 2000;
export const MAX_REPORT_YEAR = 2100;

/**
 * Parses a period id: '2023', '2024-H1', '2024-9M', '2024-Q1', '2024-03'. Rejects shapes that do
 * not name a period ('2024-13', '2024-Q5', '2024-H3', '2024-00') with reason 'nonexistent'.
 */
export function parseReportPeriod(id: string): PeriodParse {
  const m = /^(\d{4})(?:-(\d{2})|-Q(\d)|-H(\d)|-(9M))?$/.exec(id);
  if (!m) return { ok: false, reason: 'malformed', message: `'${id}' is not a period id (2023, 2024-H1, 2024-9M, 2024-Q1, 2024-03)` };
  const year = Number(m[1]);
  if (year < MIN_REPORT_YEAR || year > MAX_REPORT_YEAR)
    return { ok: false, reason: 'nonexistent', message: `year ${year} is outside ${MIN_REPORT_YEAR}–${MAX_REPORT_YEAR}` };
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { ok: false, reason: 'nonexistent', message: `month ${m[2]} does not exist` };
    return { ok: true, period: build(id, 'month', year, month, month, month) };
  }
  if (m[3] !== undefined) {
    const q = Number(m[3]);
    if (q < 1 || q > 4) return { ok: false, reason: 'nonexistent', message: `quarter Q${q} does not exist` };
    return { ok: true, period: build(id, 'quarter', year, q * 3 - 2, q * 3, q * 3 - 2) };
  }
  if (m[4] !== undefined) {
    const h = Number(m[4]);
    if (h < 1 || h > 2) return { ok: false, reason: 'nonexistent', message: `half H${h} does not exist` };
    return { ok: true, period: h === 1 ? build(id, 'half', year, 1, 6, 1) : { ...build(id, 'half', year, 7, 12, 7), cutoffStart: ymd(year, 6, 15) } };
  }
  if (m[5] !== undefined) return { ok: true, period: build(id, 'nine_months', year, 1, 9, 1) };
  return { ok: true, period: build(id, 'year', year, 1, 12, 1) };
}

/** The period, or throws RangeError (for ids known to be valid). */
export function reportPeriod(id: string): ReportPeriod {
  const p = parseReportPeriod(id);
  if (!p.ok) throw new RangeError(p.message);
  return p.period;
}

/** Periods of a kind in a year, in order. */
export function periodsOfYear(kind: ReportPeriodKind, year: number): string[] {
  switch (kind) {
    case 'year':
      return [String(year)];
    case 'nine_months':
      return [`${year}-9M`];
    case 'half':
      return [`${year}-H1`, `${year}-H2`];
    case 'quarter':
      return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
    case 'month':
      return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  }
}

/** Sort key: by year, then by last month, then shorter periods first. */
export function comparePeriods(a: string, b: string): number {
  const pa = reportPeriod(a);
  const pb = reportPeriod(b);
  return pa.year - pb.year || pa.lastMonth - pb.lastMonth || pb.firstMonth - pa.firstMonth;
}

/** The day after the cut-off window ends. */
export function dayAfterCutoff(p: ReportPeriod): LocalDate {
  return addLocalDays(p.cutoffEnd, 1);
}
