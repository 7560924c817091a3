import type { Alert, AlertEvent, AlertSeverity, AlertStatus } from '@cityioc/contracts';
import { formatDateTime, formatHourMinute, readableTextColor, type Lang } from '../format/format.ts';
import { SEVERITY_COLORS } from '../theme/theme.ts';

const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Newest first by the time the alert was raised, then id (stable). */
export function sortAlerts(list: readonly Alert[]): Alert[] {
  return [...list].sort((a, b) => b.raisedAt - a.raisedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * A pushed alert into a list: an alert already held is replaced only by a higher revision
 * (pushes and refetches may arrive in any order), a new one is added.
 */
export function mergeAlert(list: readonly Alert[], incoming: Alert): Alert[] {
  const i = list.findIndex((a) => a.id === incoming.id);
  if (i >= 0) {
    if (list[i]!.revision >= incoming.revision) return list as Alert[];
    const next = [...list];
    next[i] = incoming;
    return sortAlerts(next);
  }
  return sortAlerts([...list, incoming]);
}

export interface TickerItem {
  id: string;
  /** Plain text (rendered as a React text node, never as HTML). */
  text: string;
  severity: AlertSeverity;
  color: string;
  textColor: string;
  time: string;
  /** How long ago it was raised, on the server-corrected clock; null when no clock was given. */
  age: AlertAge | null;
  status: AlertStatus;
  cleared: boolean;
  /** The area code of the alert's subject: the unit a directive about it goes to by default. */
  area: string;
}

export interface AlertAge {
  value: number;
  unit: 'minute' | 'hour' | 'day';
}

/** Pure: an alert's age in the largest whole unit a reader at the wall takes in at a glance (under a minute reads as 0 minutes). */
export function alertAge(raisedAt: number, now: number): AlertAge {
  const minutes = Math.max(0, Math.floor((now - raisedAt) / 60_000));
  if (minutes < 120) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? { value: hours, unit: 'hour' } : { value: Math.floor(hours / 24), unit: 'day' };
}

/** The wall ticker: unresolved alerts, newest first, at most `max`. */
export function tickerItems(list: readonly Alert[], lang: Lang, timeZone: string, max = 8, now?: number): TickerItem[] {
  return sortAlerts(list.filter((a) => a.status !== 'resolved'))
    .slice(0, max)
    .map((a) => ({
      id: a.id,
      text: a.title[lang],
      severity: a.severity,
      color: SEVERITY_COLORS[a.severity],
      textColor: readableTextColor(SEVERITY_COLORS[a.severity]),
      time: formatHourMinute(a.raisedAt, timeZone),
      age: now === undefined ? null : alertAge(a.raisedAt, now),
      status: a.status,
      cleared: a.clearedAt !== null,
      area: a.area,
    }));
}

/** The most severe unresolved alert's severity (the ticker's frame colour), or null. */
export function worstSeverity(list: readonly Alert[]): AlertSeverity | null {
  let worst: AlertSeverity | null = null;
  for (const a of list) if (a.status !== 'resolved' && (worst === null || SEVERITY_RANK[a.severity] > SEVERITY_RANK[worst])) worst = a.severity;
  return worst;
}

export type AlertUiAction = 'ack' | 'assign' | 'resolve';

/** What the inbox offers for an alert in its state (notes are always possible). */
export function allowedActions(status: AlertStatus): AlertUiAction[] {
  switch (status) {
    case 'open':
      return ['ack'];
    case 'acknowledged':
    case 'assigned':
      return ['assign', 'resolve'];
    case 'resolved':
      return [];
  }
}

export type InboxFilter = 'active' | AlertStatus | 'all';

export function filterInbox(list: readonly Alert[], filter: InboxFilter): Alert[] {
  const out = filter === 'all' ? list : filter === 'active' ? list.filter((a) => a.status !== 'resolved') : list.filter((a) => a.status === filter);
  return sortAlerts(out);
}

export interface TrailRow {
  seq: number;
  when: string;
  actor: string;
  action: AlertEvent['action'];
  note: string | null;
  /** e.g. the unit and deadline of an assignment, as text */
  detail: string | null;
}

/** The audit trail as rows, oldest first; `deadlineText` formats an assignment's deadline. */
export function trailRows(events: readonly AlertEvent[], timeZone: string, labels: { unit: (unit: string, deadline: string) => string }): TrailRow[] {
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => {
      let detail: string | null = null;
      if (e.action === 'assigned' && typeof e.detail.unit === 'string' && typeof e.detail.deadline === 'number')
        detail = labels.unit(e.detail.unit, formatDateTime(e.detail.deadline, timeZone));
      else if ((e.action === 'escalated' || e.action === 'deescalated') && typeof e.detail.band === 'string') detail = e.detail.band;
      return { seq: e.seq, when: formatDateTime(e.at, timeZone), actor: e.actor, action: e.action, note: e.note, detail };
    });
}

/** Deadline state of an assigned alert at `now`. */
export function deadlineState(alert: Alert, now: number): 'none' | 'ok' | 'overdue' {
  if (alert.deadline === null || alert.status === 'resolved') return 'none';
  return now > alert.deadline ? 'overdue' : 'ok';
}
