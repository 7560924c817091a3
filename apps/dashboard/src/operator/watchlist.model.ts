import { DOSSIER_CHANNEL_LABELS, DOSSIER_STATUS_LABELS, type DossierSummary, type WatchlistResponse } from '@cityioc/contracts';
import { formatDateTime, formatNumber, MISSING, type Lang } from '../format/format.ts';

/**
 * The operator's watchlist: overdue dossiers and those due within a few working days, one table
 * grouped by procedure, sortable. Pure: the API response in, rows and groups out.
 */
export type WatchKind = 'overdue' | 'dueSoon';
export type WatchFilter = 'all' | WatchKind;
export type SortKey = 'procedure' | 'code' | 'received' | 'due' | 'days' | 'status' | 'channel';
export type SortDir = 'asc' | 'desc';

export interface SortState {
  key: SortKey;
  dir: SortDir;
}

export const SORT_KEYS: readonly SortKey[] = ['procedure', 'code', 'received', 'due', 'days', 'status', 'channel'];
/** Most urgent first: the longest overdue, then the soonest due. */
export const DEFAULT_SORT: SortState = { key: 'days', dir: 'desc' };

export interface WatchRow {
  code: string;
  procedureCode: string;
  agencyCode: string;
  areaCode: string;
  kind: WatchKind;
  receivedAt: number | null;
  dueAt: number | null;
  /** As the API gives it: working days late (overdue) or left (due soon); null when unknown. */
  workingDays: number | null;
  /**
   * How to read it: late / left as usual; lateByRule: overdue under 766 (more than one supplement
   * request) before its due date; pastDue: not overdue (the clock is paused) but the due date has
   * passed.
   */
  daysMode: 'late' | 'left' | 'lateByRule' | 'pastDue' | 'unknown';
  /** Larger is more urgent: every overdue dossier before every due-soon one, then by days. */
  urgency: number;
  status: number;
  statusLabel: string;
  channel: number;
  channelLabel: string;
  supplementRequests: number;
  receivedText: string;
  dueText: string;
  /** '2,5': the magnitude of workingDays, for 'Trễ {{days}}' / 'Còn {{days}}'. */
  daysText: string;
}

export interface ProcedureGroup {
  procedureCode: string;
  rows: WatchRow[];
  overdue: number;
  dueSoon: number;
}

export function statusLabel(status: number, lang: Lang): string {
  return (DOSSIER_STATUS_LABELS as Record<number, { vi: string; en: string } | undefined>)[status]?.[lang] ?? String(status);
}

export function channelLabel(channel: number, lang: Lang): string {
  return (DOSSIER_CHANNEL_LABELS as Record<number, { vi: string; en: string } | undefined>)[channel]?.[lang] ?? String(channel);
}

/** Puts overdue dossiers ahead of due-soon ones whatever their days say. */
const OVERDUE_FIRST = 100_000;

function toRow(d: DossierSummary, kind: WatchKind, lang: Lang, timeZone: string): WatchRow {
  const wd = typeof d.workingDays === 'number' && Number.isFinite(d.workingDays) ? d.workingDays : null;
  const daysMode: WatchRow['daysMode'] = wd === null ? 'unknown' : kind === 'overdue' ? (wd >= 0 ? 'late' : 'lateByRule') : wd >= 0 ? 'left' : 'pastDue';
  return {
    code: d.dossierCode,
    procedureCode: d.procedureCode,
    agencyCode: d.agencyCode,
    areaCode: d.adminUnitCode,
    kind,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    workingDays: wd,
    daysMode,
    urgency: kind === 'overdue' ? OVERDUE_FIRST + (wd ?? 0) : -(wd ?? OVERDUE_FIRST),
    status: d.status,
    statusLabel: statusLabel(d.status, lang),
    channel: d.channel,
    channelLabel: channelLabel(d.channel, lang),
    supplementRequests: d.supplementRequests,
    receivedText: formatDateTime(d.receivedAt, timeZone),
    dueText: formatDateTime(d.dueAt, timeZone),
    daysText: wd === null ? MISSING : formatNumber(Math.abs(wd), 1, lang),
  };
}

/** Both lists as rows; a dossier listed in both (it should not be) is kept once, as overdue. */
export function watchRows(response: WatchlistResponse, lang: Lang, timeZone: string): WatchRow[] {
  const seen = new Set<string>();
  const rows: WatchRow[] = [];
  for (const [kind, list] of [
    ['overdue', response.overdue],
    ['dueSoon', response.dueSoon],
  ] as const) {
    for (const d of list) {
      if (seen.has(d.dossierCode)) continue;
      seen.add(d.dossierCode);
      rows.push(toRow(d, kind, lang, timeZone));
    }
  }
  return rows;
}

export function filterRows(rows: readonly WatchRow[], filter: WatchFilter): WatchRow[] {
  return filter === 'all' ? [...rows] : rows.filter((r) => r.kind === filter);
}

type Cmp = (a: WatchRow, b: WatchRow) => number;
const text =
  (f: (r: WatchRow) => string): Cmp =>
  (a, b) =>
    f(a).localeCompare(f(b), 'vi', { numeric: true });
const num =
  (f: (r: WatchRow) => number | null): Cmp =>
  (a, b) => {
    const x = f(a);
    const y = f(b);
    return x === null || y === null ? 0 : x - y;
  };

const COMPARE: Record<SortKey, Cmp> = {
  procedure: text((r) => r.procedureCode),
  code: text((r) => r.code),
  received: num((r) => r.receivedAt),
  due: num((r) => r.dueAt),
  days: num((r) => r.urgency),
  status: text((r) => r.statusLabel),
  channel: text((r) => r.channelLabel),
};

const NULLABLE: Partial<Record<SortKey, (r: WatchRow) => unknown>> = { received: (r) => r.receivedAt, due: (r) => r.dueAt };

/** Sorted by one column; rows without that value last whatever the direction; urgency, then code, break ties. */
export function sortRows(rows: readonly WatchRow[], sort: SortState): WatchRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const missing = NULLABLE[sort.key];
  return [...rows].sort((a, b) => {
    if (missing) {
      const ma = missing(a) === null;
      const mb = missing(b) === null;
      if (ma !== mb) return ma ? 1 : -1;
    }
    return sign * COMPARE[sort.key](a, b) || b.urgency - a.urgency || a.code.localeCompare(b.code, 'vi', { numeric: true });
  });
}

/**
 * Groups by procedure after sorting: rows keep the sort inside their group, and groups come in the
 * order of their first row, so "most days late" puts the procedure with the worst dossier first.
 */
export function groupByProcedure(rows: readonly WatchRow[], sort: SortState = DEFAULT_SORT): ProcedureGroup[] {
  const groups = new Map<string, ProcedureGroup>();
  for (const r of sortRows(rows, sort)) {
    let g = groups.get(r.procedureCode);
    if (!g) {
      g = { procedureCode: r.procedureCode, rows: [], overdue: 0, dueSoon: 0 };
      groups.set(r.procedureCode, g);
    }
    g.rows.push(r);
    if (r.kind === 'overdue') g.overdue++;
    else g.dueSoon++;
  }
  return [...groups.values()];
}

/** 'days-desc' ⇄ { key: 'days', dir: 'desc' }, for the URL; anything else is the default. */
export function parseSort(value: string | null | undefined): SortState {
  const m = /^([a-z]+)-(asc|desc)$/.exec(value ?? '');
  if (!m || !(SORT_KEYS as readonly string[]).includes(m[1]!)) return DEFAULT_SORT;
  return { key: m[1] as SortKey, dir: m[2] as SortDir };
}

export function formatSort(s: SortState): `${SortKey}-${SortDir}` {
  return `${s.key}-${s.dir}`;
}

/** Clicking a header: the same column flips direction; a new column starts with its natural order. */
export function toggleSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'days' ? 'desc' : 'asc' };
}
