import { DAY_MS } from '../../calendar/local-time.ts';
import type { WorkCalendar } from '../../calendar/work-calendar.ts';
import { COMPLETED_STATUSES, STOPPED_STATUSES, type DossierRecord } from './dossier-record.ts';

/**
 * Decision 766 timeliness (BRIEF §1.3, indicator 2.1), as pure functions of a dossier record, an
 * instant and a working-day calendar.
 *
 * How the applicant's supplement time is taken off: the BRIEF says to subtract it from the end
 * time before comparing with the appointment date. We add it to the appointment date instead
 * (the same comparison) and, by default, measure it in working time, so that a supplement held
 * over a weekend or Tết does not hand the agency extra calendar days — the appointment date
 * itself is counted in working days. `pauseMeasure: 'elapsed'` subtracts plain elapsed time.
 */
export interface TimelinessOptions {
  pauseMeasure?: 'working' | 'elapsed';
}

export type TimelinessReason = 'not_received' | 'multiple_supplements' | 'no_deadline' | 'by_due' | 'past_due';

export interface Timeliness {
  verdict: 'on_time' | 'late' | 'unknown';
  reason: TimelinessReason;
  /** The instant compared with the due date: the end of processing, or `at` when processing goes on. */
  comparedAt: number | null;
  /** The appointment date (or one derived from the legal maximum) moved on by the applicant's supplement time. */
  effectiveDueAt: number | null;
}

/** Received per 766: some status other than 1 (submitted online, not received) and 3 (refused). */
export function isReceived(record: DossierRecord): boolean {
  return record.received;
}

/** Received and neither completed (9/10) nor stopped (7/8). A dossier waiting on the applicant is open. */
export function isOpen(record: DossierRecord): boolean {
  return record.received && (record.endStatus === null || record.endStatus === 5);
}

/** Completed: processing finished (9) or result returned (10). */
export function isCompleted(record: DossierRecord): boolean {
  return record.endStatus !== null && COMPLETED_STATUSES.has(record.endStatus);
}

/** Stopped (8) or withdrawn by the applicant (7). */
export function isStopped(record: DossierRecord): boolean {
  return record.endStatus !== null && STOPPED_STATUSES.has(record.endStatus);
}

/** The applicant's supplement time up to `until` (open intervals run to `until`), in ms of the chosen measure. */
export function supplementTimeMs(record: DossierRecord, until: number, calendar: WorkCalendar, measure: 'working' | 'elapsed' = 'working'): number {
  let total = 0;
  for (const s of record.supplements) {
    const end = Math.min(s.completedAt ?? until, until);
    if (end > s.requestedAt) total += measure === 'elapsed' ? end - s.requestedAt : calendar.workingMsBetween(s.requestedAt, end);
  }
  return total;
}

function shift(due: number, pause: number, calendar: WorkCalendar, measure: 'working' | 'elapsed'): number {
  return measure === 'elapsed' ? due + pause : calendar.addWorkingMs(due, pause);
}

/**
 * 766 indicator 2.1 for one dossier as of `at`: the end of processing (or `at` if processing goes
 * on) against the due date moved on by the applicant's supplement time. More than one supplement
 * request is late whatever the dates. Without a due date and a legal maximum the verdict is unknown.
 */
export function timeliness(record: DossierRecord, at: number, calendar: WorkCalendar, options: TimelinessOptions = {}): Timeliness {
  if (!record.received) return { verdict: 'unknown', reason: 'not_received', comparedAt: null, effectiveDueAt: null };
  // NgayHenTra, or reception + the procedure's legal time (applyProcedure): the record carries it.
  const due = record.dueAt;
  const comparedAt = record.endAt ?? at;
  const measure = options.pauseMeasure ?? 'working';
  const effectiveDueAt = due === null ? null : shift(due, supplementTimeMs(record, comparedAt, calendar, measure), calendar, measure);
  if (record.supplementRequests > 1) return { verdict: 'late', reason: 'multiple_supplements', comparedAt, effectiveDueAt };
  if (effectiveDueAt === null) return { verdict: 'unknown', reason: 'no_deadline', comparedAt, effectiveDueAt };
  return comparedAt <= effectiveDueAt
    ? { verdict: 'on_time', reason: 'by_due', comparedAt, effectiveDueAt }
    : { verdict: 'late', reason: 'past_due', comparedAt, effectiveDueAt };
}

/**
 * On time per 766 for a period ending at `periodEnd` (exclusive end instant): finished dossiers by
 * their end time, unfinished ones as of the period end. null when it cannot be told (not
 * received, or no due date and no legal maximum).
 */
export function onTime(record: DossierRecord, periodEnd: number, calendar: WorkCalendar, options: TimelinessOptions = {}): boolean | null {
  const t = timeliness(record, periodEnd, calendar, options);
  return t.verdict === 'unknown' ? null : t.verdict === 'on_time';
}

/**
 * Open and already late at `now`. Changes with the clock alone: a dossier becomes overdue the
 * moment `now` passes its effective due date, with no event. A dossier waiting on the applicant is
 * not overdue unless the agency asked after the due date had passed, or asked more than once.
 */
export function isOverdueAt(record: DossierRecord, now: number, calendar: WorkCalendar, options: TimelinessOptions = {}): boolean {
  return isOpen(record) && timeliness(record, now, calendar, options).verdict === 'late';
}

/**
 * The instant after which an open dossier is late: its effective due date; -Infinity when it is
 * late already whatever the clock (more than one supplement request, or asked for a supplement
 * after the due date); +Infinity while the clock is paused on the applicant; NaN when there is no
 * deadline; null when the dossier is not open. `isOverdueAt(r, now) ⇔ now > lateAfter(r)`.
 * The indicator state keeps this number so the clock can be applied at query time.
 */
export function lateAfter(record: DossierRecord, calendar: WorkCalendar, options: TimelinessOptions = {}): number | null {
  if (!isOpen(record)) return null;
  if (record.supplementRequests > 1) return -Infinity;
  const due = record.dueAt;
  if (due === null) return Number.NaN;
  const measure = options.pauseMeasure ?? 'working';
  const held = record.supplements.find((s) => s.completedAt === null);
  if (record.endStatus === 5 || held) {
    // Paused: the verdict was fixed when the agency asked.
    const asked = held?.requestedAt ?? record.endAt!;
    return timeliness(record, asked, calendar, options).verdict === 'late' ? -Infinity : Infinity;
  }
  return shift(due, supplementTimeMs(record, Infinity, calendar, measure), calendar, measure);
}

/**
 * Open, not yet overdue at `now`, and due by the end of the n-th working day after today
 * (`calendar.addWorkingDays(now, n)`, 17:00): the "due within 2 working days" list.
 */
export function dueWithinWorkingDays(record: DossierRecord, now: number, n: number, calendar: WorkCalendar, options: TimelinessOptions = {}): boolean {
  const after = lateAfter(record, calendar, options);
  if (after === null || !Number.isFinite(after) || now > after) return false;
  return after <= calendar.addWorkingDays(now, n);
}

/**
 * Processing time of a completed dossier (9/10) in working time, net of the applicant's supplement
 * time: the agency's own time, for 766 indicator 2.2. In ms (integer); null when not completed.
 */
export function processingWorkingMs(record: DossierRecord, calendar: WorkCalendar): number | null {
  if (!isCompleted(record) || record.receivedAt === null || record.endAt === null) return null;
  const gross = calendar.workingMsBetween(record.receivedAt, record.endAt);
  return Math.max(0, gross - supplementTimeMs(record, record.endAt, calendar, 'working'));
}

/** `processingWorkingMs` in working days. */
export function processingWorkingDays(record: DossierRecord, calendar: WorkCalendar): number | null {
  const ms = processingWorkingMs(record, calendar);
  return ms === null ? null : ms / DAY_MS;
}
