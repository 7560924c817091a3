import type { PaknDeadline, PaknStatus } from '@cityioc/contracts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { PaknRecord } from './pakn-record.ts';

/**
 * Decision 766 deadlines of a PAKN (BRIEF §1.3, 5.2), in working days on the city's calendar
 * (`addWorkingDays`: counting starts the day after, 17:00 of the n-th working day): reject within 2
 * of reception, ask for a supplement within 5, answer within 15 (the citizen's supplement time, in
 * working time, does not count), publish the answer within 2 after it is ready.
 */
export const PAKN_DEADLINES = { reject: 2, supplement: 5, answer: 15, publish: 2 } as const;

/** The citizen's supplement time up to `until`, in working ms. */
function pauseMs(r: PaknRecord, until: number, calendar: WorkCalendar): number {
  let total = 0;
  for (const s of r.supplements) {
    const end = Math.min(s.completedAt ?? until, until);
    if (end > s.requestedAt) total += calendar.workingMsBetween(s.requestedAt, end);
  }
  return total;
}

/** The instant the answer is due, moved on by the supplement time up to `at`; null when not received. */
export function answerDueAt(r: PaknRecord, at: number, calendar: WorkCalendar): number | null {
  if (r.receivedAt === null) return null;
  const base = calendar.addWorkingDays(r.receivedAt, PAKN_DEADLINES.answer);
  const pause = pauseMs(r, r.answeredAt ?? at, calendar);
  return pause > 0 ? calendar.addWorkingMs(base, pause) : base;
}

/** Each deadline of a PAKN as of `at`: when due, when done, and whether it was met. */
export function paknDeadlines(r: PaknRecord, at: number, calendar: WorkCalendar): PaknDeadline[] {
  if (r.receivedAt === null) return [];
  const out: PaknDeadline[] = [];
  const judge = (step: PaknDeadline['step'], dueAt: number, doneAt: number | null, required: boolean) => {
    const verdict: PaknDeadline['verdict'] =
      doneAt !== null ? (doneAt <= dueAt ? 'on_time' : 'late') : !required ? 'not_applicable' : at > dueAt ? 'late' : 'pending';
    out.push({ step, dueAt, doneAt, verdict });
  };
  judge('reject', calendar.addWorkingDays(r.receivedAt, PAKN_DEADLINES.reject), r.rejectedAt, false);
  judge('supplement', calendar.addWorkingDays(r.receivedAt, PAKN_DEADLINES.supplement), r.supplements[0]?.requestedAt ?? null, false);
  if (r.rejectedAt === null) {
    judge('answer', answerDueAt(r, at, calendar)!, r.answeredAt, true);
    if (r.answeredAt !== null) judge('publish', calendar.addWorkingDays(r.answeredAt, PAKN_DEADLINES.publish), r.publishedAt, true);
  }
  return out;
}

export type PaknVerdict = 'on_time' | 'late' | 'unknown';

/**
 * 766 5.2 for one PAKN as of `at` (the period end, or now if earlier): on time when every deadline
 * that applies was met or has not yet passed; unknown when it was never received.
 */
export function paknTimeliness(r: PaknRecord, at: number, calendar: WorkCalendar): PaknVerdict {
  if (r.receivedAt === null) return 'unknown';
  // steps taken after `at` are judged as not yet taken
  const seen = asOf(r, at);
  return paknDeadlines(seen, at, calendar).some((d) => d.verdict === 'late') ? 'late' : 'on_time';
}

/** The record as it stood at `at`: later steps and reactions left out. */
export function asOf(r: PaknRecord, at: number): PaknRecord {
  if (at >= (r.trail.at(-1)?.at ?? -Infinity)) return r;
  const keep = (t: number | null) => (t !== null && t <= at ? t : null);
  const reactions = r.reactions.filter((x) => x.at <= at);
  const repeatsAt = r.repeatsAt.filter((t) => t <= at);
  return {
    ...r,
    classifiedAt: keep(r.classifiedAt),
    rejectedAt: keep(r.rejectedAt),
    assignedAt: keep(r.assignedAt),
    answeredAt: keep(r.answeredAt),
    publishedAt: keep(r.publishedAt),
    supplements: r.supplements.filter((s) => s.requestedAt <= at).map((s) => ({ requestedAt: s.requestedAt, completedAt: keep(s.completedAt) })),
    likes: reactions.filter((x) => x.reaction === 'like').length,
    dislikes: reactions.filter((x) => x.reaction === 'dislike').length,
    reactions,
    repeatComplaints: repeatsAt.length,
    repeatsAt,
    trail: r.trail.filter((t) => t.at <= at),
  };
}

/**
 * 766 5.3 for one PAKN as of `at`: satisfied unless it is late (5.2), it has more dislikes than
 * likes, or a repeat complaint about the result came in.
 */
export function paknSatisfied(r: PaknRecord, at: number, calendar: WorkCalendar): boolean {
  if (r.receivedAt === null) return false;
  const seen = asOf(r, at);
  return paknTimeliness(r, at, calendar) === 'on_time' && seen.dislikes <= seen.likes && seen.repeatComplaints === 0;
}

export function paknStatus(r: PaknRecord): PaknStatus {
  if (r.rejectedAt !== null) return 'rejected';
  if (r.publishedAt !== null) return 'published';
  if (r.answeredAt !== null) return 'answered';
  if (r.supplements.some((s) => s.completedAt === null)) return 'awaiting_supplement';
  if (r.assignedAt !== null || r.classifiedAt !== null) return 'in_process';
  return 'received';
}

/**
 * What the PAKN now waits for, and by when: the answer (unless the citizen holds it for a
 * supplement), or the publication of a ready answer; null when nothing is awaited.
 */
export function paknPending(r: PaknRecord, now: number, calendar: WorkCalendar): { pending: 'answer' | 'publish'; dueAt: number } | null {
  if (r.receivedAt === null || r.rejectedAt !== null || r.publishedAt !== null) return null;
  if (r.answeredAt !== null) return { pending: 'publish', dueAt: calendar.addWorkingDays(r.answeredAt, PAKN_DEADLINES.publish) };
  if (r.supplements.some((s) => s.completedAt === null)) return null;
  return { pending: 'answer', dueAt: answerDueAt(r, now, calendar)! };
}
