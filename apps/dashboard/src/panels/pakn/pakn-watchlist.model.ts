import type { PaknSummary, PaknWatchlistResponse } from '@cityioc/contracts';
import { DEFAULT_TIME_ZONE, formatDateTime, formatNumber, MISSING, type Lang } from '../../format/format.ts';

/**
 * The PAKN watchlist as the operator page lists it (GET /api/v1/pakn/watchlist): overdue first
 * (most late first), then due soon (soonest first), each with the unit a directive about it goes
 * to (the agency handling it, else its commune). Titles stay text. Pure.
 */
export interface PaknRow {
  id: string;
  kind: 'overdue' | 'dueSoon';
  /** The title as sent, else the id. */
  title: string;
  status: PaknSummary['status'];
  pending: PaknSummary['pending'];
  adminUnitCode: string;
  agencyCode: string | null;
  /** The responsible unit of a directive about it. */
  directiveUnit: string;
  receivedText: string;
  dueText: string;
  /** '2,5' working days late (overdue) or left (due soon). */
  daysText: string;
}

function row(p: PaknSummary, kind: PaknRow['kind'], lang: Lang, timeZone: string): PaknRow {
  const days = p.workingDays === null ? null : Math.abs(p.workingDays);
  return {
    id: p.paknId,
    kind,
    title: p.title ?? p.paknId,
    status: p.status,
    pending: p.pending,
    adminUnitCode: p.adminUnitCode,
    agencyCode: p.agencyCode,
    directiveUnit: p.agencyCode ?? p.adminUnitCode,
    receivedText: formatDateTime(p.receivedAt, timeZone),
    dueText: formatDateTime(p.dueAt, timeZone),
    daysText: days === null ? MISSING : formatNumber(days, Number.isInteger(days) ? 0 : 1, lang),
  };
}

export function paknRows(w: PaknWatchlistResponse | undefined, lang: Lang, timeZone = DEFAULT_TIME_ZONE): PaknRow[] {
  if (!w) return [];
  const overdue = [...w.overdue].sort((a, b) => (b.workingDays ?? 0) - (a.workingDays ?? 0) || (a.dueAt ?? 0) - (b.dueAt ?? 0));
  const seen = new Set(overdue.map((p) => p.paknId));
  const soon = w.dueSoon.filter((p) => !seen.has(p.paknId)).sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
  return [...overdue.map((p) => row(p, 'overdue', lang, timeZone)), ...soon.map((p) => row(p, 'dueSoon', lang, timeZone))];
}
