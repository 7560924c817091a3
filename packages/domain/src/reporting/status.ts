import type { ReportReview, SubmissionStatus } from '@cityioc/contracts';
import { localTimeMs, type LocalDate } from '../calendar/local-time.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { DeadlineRule, ReportingRegime } from './catalogue.ts';
import type { ReportPeriod } from './period.ts';

const DEADLINE_HOUR = 17;

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The deadline instant of a report (17:00 local). 'working-days-after-cutoff' counts working
 * days from the day after the cut-off (Civil Code Art. 147, as the calendar does); 'day-of-month'
 * takes the day (clamped to the month's length) and, when that is a weekend or holiday, the next
 * working day.
 */
export function reportDeadline(rule: DeadlineRule, period: ReportPeriod, calendar: WorkCalendar): number {
  if (rule.kind === 'working-days-after-cutoff') return calendar.addWorkingDays(localTimeMs(period.cutoffEnd, DEADLINE_HOUR), Math.max(1, rule.days));
  const monthIndex = period.year * 12 + (period.lastMonth - 1) + rule.monthsAfter;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(rule.day, lastDayOfMonth(year, month));
  const date: LocalDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return localTimeMs(calendar.nextWorkingDay(date), DEADLINE_HOUR);
}

/** The instant the report becomes due: the day after the cut-off window closes, 00:00 local. */
export function reportOpensAt(period: ReportPeriod): number {
  return localTimeMs(period.cutoffEnd, 24);
}

export interface SubmissionFacts {
  /** The current version's send time, or null when nothing was sent. */
  submittedAt: number | null;
  /** The first version's send time: lateness is judged on the first submission, a correction does not make a report late. */
  firstSubmittedAt: number | null;
  review: ReportReview | null;
}

/**
 * The status of one (regime, unit, period) at `now`:
 * - nothing sent: not_due before the cut-off closes, due until the deadline, overdue after it;
 * - sent: submitted_on_time or submitted_late (first submission against the deadline);
 * - a review overrides: returned (sent back for correction; a new version clears it) or accepted.
 */
export function submissionStatus(facts: SubmissionFacts, period: ReportPeriod, deadline: number, now: number): SubmissionStatus {
  if (facts.review) return facts.review;
  if (facts.submittedAt === null || facts.firstSubmittedAt === null) {
    if (now < reportOpensAt(period)) return 'not_due';
    return now <= deadline ? 'due' : 'overdue';
  }
  return facts.firstSubmittedAt <= deadline ? 'submitted_on_time' : 'submitted_late';
}

/** Statuses a leader must act on: the unit has not sent its report or sent it late. */
export function isLate(status: SubmissionStatus): boolean {
  return status === 'overdue' || status === 'submitted_late';
}

export function regimeCovers(regime: ReportingRegime, period: ReportPeriod): boolean {
  return regime.periodKinds.includes(period.kind);
}
