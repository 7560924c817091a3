import type { AssignmentStatus, Directive, DirectiveActor, DirectiveAttachment, DirectiveView } from '@cityioc/contracts';
import { localDateOf } from '../calendar/local-time.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';

/**
 * The lifecycle of a directive (chỉ đạo), per responsible unit, as pure functions: the service
 * stores what they return and refuses what they refuse (409 with the reason).
 */
export type DirectiveCommand =
  | { action: 'report'; unit: string; reportId: string; text: string; done: boolean; attachments: DirectiveAttachment[]; by: DirectiveActor; at: number }
  | { action: 'accept'; unit: string; note: string | null; by: DirectiveActor; at: number }
  | { action: 'return'; unit: string; note: string | null; by: DirectiveActor; at: number };

export type DirectiveCommandResult =
  { ok: true; directive: Directive } | { ok: false; status: 404 | 409 | 422; reason: string; message: string; field?: string };

/** The statuses a unit still owes an answer in. */
export const PENDING_STATUSES: ReadonlySet<AssignmentStatus> = new Set(['issued', 'in_progress', 'returned']);

const ALLOWED: Record<DirectiveCommand['action'], ReadonlySet<AssignmentStatus>> = {
  report: new Set(['issued', 'in_progress', 'returned']),
  accept: new Set(['done']),
  return: new Set(['done']),
};

const WHY: Record<DirectiveCommand['action'], Partial<Record<AssignmentStatus, { reason: string; message: string }>>> = {
  report: {
    done: { reason: 'awaiting_decision', message: 'the unit reported it done; the leader accepts or returns it before another report' },
    accepted: { reason: 'already_accepted', message: "the unit's answer was accepted: the directive is closed for it" },
  },
  accept: {
    issued: { reason: 'not_done', message: 'the unit has not reported it done' },
    in_progress: { reason: 'not_done', message: 'the unit has not reported it done' },
    returned: { reason: 'not_done', message: 'it was returned and the unit has not reported it done again' },
    accepted: { reason: 'already_accepted', message: "the unit's answer is already accepted" },
  },
  return: {
    issued: { reason: 'not_done', message: 'the unit has not reported it done' },
    in_progress: { reason: 'not_done', message: 'the unit has not reported it done' },
    returned: { reason: 'already_returned', message: 'it is already returned to the unit' },
    accepted: { reason: 'already_accepted', message: "the unit's answer was accepted: it cannot be returned" },
  },
};

/** Applies a command to a directive (a new object; the input is not changed). */
export function applyDirectiveCommand(d: Directive, cmd: DirectiveCommand): DirectiveCommandResult {
  const i = d.assignments.findIndex((a) => a.unit === cmd.unit);
  if (i < 0)
    return { ok: false, status: 404, reason: 'not_responsible', message: `unit '${cmd.unit}' is not responsible for directive ${d.id}`, field: '/unit' };
  const a = d.assignments[i]!;
  if (!ALLOWED[cmd.action].has(a.status)) {
    const why = WHY[cmd.action][a.status] ?? { reason: 'forbidden_transition', message: `${cmd.action} is not allowed from ${a.status}` };
    return { ok: false, status: 409, reason: why.reason, message: `directive ${d.id}, unit ${cmd.unit}: ${why.message}` };
  }
  if (cmd.action === 'return' && cmd.note === null)
    return { ok: false, status: 422, reason: 'note_required', message: 'say why the answer is returned (note)', field: '/note' };
  let next = { ...a, reports: a.reports, decisions: a.decisions, updatedAt: cmd.at };
  if (cmd.action === 'report') {
    next = {
      ...next,
      status: cmd.done ? 'done' : 'in_progress',
      reports: [...a.reports, { id: cmd.reportId, at: cmd.at, by: cmd.by, text: cmd.text, done: cmd.done, attachments: cmd.attachments }],
    };
  } else {
    next = {
      ...next,
      status: cmd.action === 'accept' ? 'accepted' : 'returned',
      decisions: [...a.decisions, { at: cmd.at, by: cmd.by, action: cmd.action === 'accept' ? 'accepted' : 'returned', note: cmd.note }],
    };
  }
  const assignments = d.assignments.map((x, k) => (k === i ? next : x));
  return {
    ok: true,
    directive: {
      ...d,
      assignments,
      status: assignments.every((x) => x.status === 'accepted') ? 'closed' : 'open',
      revision: d.revision + 1,
      updatedAt: cmd.at,
    },
  };
}

/** A directive with the clock applied: overdue (a unit still owes an answer past the due instant), due today. */
export function directiveView(d: Directive, now: number, calendar: WorkCalendar): DirectiveView {
  const pending = d.assignments.some((a) => PENDING_STATUSES.has(a.status));
  const overdue = pending && now > d.dueAt;
  const dueToday = pending && !overdue && localDateOf(d.dueAt) === localDateOf(now);
  const late = overdue ? calendar.workingDaysBetween(d.dueAt, now) : 0;
  return { ...d, overdue, dueToday, workingDaysLate: Math.round(late * 100) / 100 };
}
