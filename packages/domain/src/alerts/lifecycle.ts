import type { Alert, AlertAction, AlertDeadline, AlertEvent, AlertStatus } from '@cityioc/contracts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { AlertSignal, RaiseSignal } from './engine.ts';

/**
 * The follow-up lifecycle of an alert: open → acknowledged → assigned (to a unit, with a
 * deadline; may be re-assigned) → resolved, with notes at any time. Pure: the caller passes
 * the clock and the working-day calendar; every change yields one audit event.
 */
export type LifecycleCommand =
  | { action: 'ack'; note?: string | undefined }
  | { action: 'assign'; unit: string; deadline: AlertDeadline; note?: string | undefined }
  | { action: 'resolve'; note: string }
  | { action: 'note'; note: string };

/** 409: the alert's state forbids the action; 422: the request itself cannot be met. */
export type LifecycleError = { status: 409 | 422; reason: string; message: string };
export type LifecycleResult = { ok: true; alert: Alert; event: Omit<AlertEvent, 'seq'> } | { ok: false; error: LifecycleError };

const ALLOWED: Record<Exclude<LifecycleCommand['action'], 'note'>, AlertStatus[]> = {
  ack: ['open'],
  assign: ['acknowledged', 'assigned'],
  resolve: ['acknowledged', 'assigned'],
};

/**
 * Why an alert in `status` cannot take `action` (null: it can): already resolved, not yet
 * acknowledged, or already acknowledged. The one rule behind the 409 and the inbox's disabled
 * buttons with their reason.
 */
export type TransitionBlock = 'resolved' | 'ackFirst' | 'alreadyAcknowledged';
export function transitionBlock(status: AlertStatus, action: LifecycleCommand['action']): TransitionBlock | null {
  if (action === 'note') return null;
  if (ALLOWED[action].includes(status)) return null;
  return status === 'resolved' ? 'resolved' : action === 'ack' ? 'alreadyAcknowledged' : 'ackFirst';
}

const conflict = (reason: string, message: string): LifecycleResult => ({ ok: false, error: { status: 409, reason, message } });
const invalid = (reason: string, message: string): LifecycleResult => ({ ok: false, error: { status: 422, reason, message } });

/** The deadline of an assignment: n Vietnamese working days (17:00 of the n-th) or n hours from now. */
export function deadlineOf(d: AlertDeadline, now: number, calendar: WorkCalendar): number {
  return 'workingDays' in d ? calendar.addWorkingDays(now, d.workingDays) : now + d.hours * 3_600_000;
}

/** The commands that move the alert to a status stamped with when and by whom (the audit action is named as the status). */
const STAMPED = {
  ack: { status: 'acknowledged', at: 'acknowledgedAt', by: 'acknowledgedBy' },
  resolve: { status: 'resolved', at: 'resolvedAt', by: 'resolvedBy' },
} as const satisfies Record<string, { status: AlertStatus & AlertAction; at: keyof Alert; by: keyof Alert }>;

export function applyCommand(alert: Alert, cmd: LifecycleCommand, actor: string, now: number, calendar: WorkCalendar): LifecycleResult {
  const note = cmd.note?.trim() ? cmd.note.trim() : null;
  if (cmd.action === 'note' || cmd.action === 'resolve') {
    if (!note) return invalid('note_required', cmd.action === 'resolve' ? 'resolving an alert needs a note saying what was done' : 'the note is empty');
  }
  const block = transitionBlock(alert.status, cmd.action);
  if (block) {
    const why =
      block === 'resolved'
        ? 'the alert is already resolved'
        : block === 'ackFirst'
          ? 'the alert must be acknowledged first'
          : `the alert is already ${alert.status}`;
    return conflict(`invalid_transition`, `cannot ${cmd.action} an alert that is ${alert.status}: ${why}`);
  }
  const next: Alert = { ...alert, revision: alert.revision + 1, updatedAt: now };
  let action: AlertAction;
  let detail: Record<string, unknown> = {};
  switch (cmd.action) {
    case 'ack':
    case 'resolve': {
      const stamp = STAMPED[cmd.action];
      next.status = stamp.status;
      next[stamp.at] = now;
      next[stamp.by] = actor;
      action = stamp.status;
      break;
    }
    case 'assign': {
      const unit = cmd.unit.trim();
      if (!unit) return invalid('unit_required', 'name the unit the alert is assigned to');
      const deadline = deadlineOf(cmd.deadline, now, calendar);
      if (!(deadline > now)) return invalid('deadline_past', 'the deadline falls before now');
      next.status = 'assigned';
      next.assignedUnit = unit;
      next.deadline = deadline;
      action = 'assigned';
      detail = { unit, deadline, ...cmd.deadline };
      break;
    }
    case 'note':
      action = 'note';
      break;
  }
  return { ok: true, alert: next, event: { alertId: alert.id, at: now, actor, action, note, detail } };
}

/** The record of a newly raised alert. `now` is when the IOC raised it (server clock). */
export function alertFromRaise(s: RaiseSignal, now: number): Alert {
  return {
    id: s.alertId,
    ruleId: s.ruleId,
    kind: s.kind,
    severity: s.severity,
    status: 'open',
    area: s.area,
    station: s.station,
    indicator: s.indicator,
    title: s.title,
    value: s.value,
    level: s.level,
    band: s.band,
    startedAt: s.startedAt,
    raisedAt: now,
    signalAt: s.at,
    clearedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    assignedUnit: null,
    deadline: null,
    resolvedAt: null,
    resolvedBy: null,
    revision: 1,
    updatedAt: now,
  };
}

export const SYSTEM_ACTOR = 'system';

/**
 * Applies a rule signal (escalation, de-escalation, condition cleared) to an existing alert.
 * Idempotent under replay: a signal not newer than the last one applied (`signalAt`) changes
 * nothing and returns null.
 */
export function applySignal(alert: Alert, s: Exclude<AlertSignal, RaiseSignal>, now: number): { alert: Alert; event: Omit<AlertEvent, 'seq'> } | null {
  if (s.at <= alert.signalAt) return null;
  const next: Alert = { ...alert, signalAt: s.at, revision: alert.revision + 1, updatedAt: now };
  if (s.type === 'cleared') {
    if (alert.clearedAt !== null) return null;
    next.clearedAt = s.at;
    return {
      alert: next,
      event: { alertId: alert.id, at: now, actor: SYSTEM_ACTOR, action: 'cleared', note: null, detail: { value: s.value, observedAt: s.at } },
    };
  }
  next.severity = s.severity;
  next.band = s.band;
  next.level = s.level;
  next.value = s.value;
  next.title = s.title;
  return {
    alert: next,
    event: {
      alertId: alert.id,
      at: now,
      actor: SYSTEM_ACTOR,
      action: s.type,
      note: null,
      detail: { band: s.band, value: s.value, severity: s.severity, observedAt: s.at },
    },
  };
}

/**
 * The other silence alerts of the same rule and station whose condition is still uncleared, when
 * `cleared` has just been cleared by a fresh reading. A station has at most one silence episode;
 * older versions opened one alert per back-filled reading, and a fresh reading clears them all.
 */
export function silenceSiblings(alerts: readonly Alert[], cleared: Alert): Alert[] {
  if (cleared.kind !== 'silence') return [];
  return alerts.filter(
    (a) => a.kind === 'silence' && a.id !== cleared.id && a.ruleId === cleared.ruleId && a.station === cleared.station && a.clearedAt === null,
  );
}
