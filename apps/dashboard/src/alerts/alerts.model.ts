import type { Alert, AlertSeverity, AlertStatus } from '@cityioc/contracts';
import { formatHourMinute, readableTextColor, type Lang } from '../format/format.ts';
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

export type InboxFilter = 'active' | AlertStatus | 'all';

export function filterInbox(list: readonly Alert[], filter: InboxFilter): Alert[] {
  const out = filter === 'all' ? list : filter === 'active' ? list.filter((a) => a.status !== 'resolved') : list.filter((a) => a.status === filter);
  return sortAlerts(out);
}

/** Deadline state of an assigned alert at `now`. */
export function deadlineState(alert: Alert, now: number): 'none' | 'ok' | 'overdue' {
  if (alert.deadline === null || alert.status === 'resolved') return 'none';
  return now > alert.deadline ? 'overdue' : 'ok';
}
