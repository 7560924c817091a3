import type { Directive, DirectiveAssignment, DirectiveAttachment, DirectiveDecisionBody, DirectiveView } from '@cityioc/contracts';
import { DEFAULT_TIME_ZONE, formatDateTime, formatNumber, type Lang } from '../../format/format.ts';
import type { FormResult } from './directive-form.model.ts';

/**
 * The leader's follow-up of a directive (docs/SCORE766.md §5): which units' answers await a
 * decision, each unit's trail (reports with their attachments, accept/return decisions) in time
 * order, and the decision body (a return needs a note). Text stays text. Pure.
 */
export interface TrailAttachment {
  id: string;
  name: string;
  /** '12,3 KB' */
  sizeText: string;
  type: DirectiveAttachment['type'];
  /** The download link (Content-Disposition: attachment on the server). */
  href: string;
}

export type TrailEntry =
  | { kind: 'report'; at: number; atText: string; by: string; text: string; done: boolean; attachments: TrailAttachment[] }
  | { kind: 'accepted' | 'returned'; at: number; atText: string; by: string; text: string | null };

/** The download link of an attachment; `base` is the API's origin when it is not the page's. */
export function attachmentHref(directiveId: string, attachmentId: string, base = ''): string {
  return `${base}/api/v1/directives/${encodeURIComponent(directiveId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** Bytes as people read them: '812 B', '12,3 KB', '2,5 MB' (1 KB = 1024 B). */
export function formatSize(bytes: number, lang: Lang = 'vi'): string {
  if (bytes < 1024) return `${formatNumber(bytes, 0, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1, lang)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1, lang)} MB`;
}

export function trailAttachment(directiveId: string, a: DirectiveAttachment, lang: Lang, base = ''): TrailAttachment {
  return { id: a.id, name: a.name, sizeText: formatSize(a.size, lang), type: a.type, href: attachmentHref(directiveId, a.id, base) };
}

/** One unit's reports and decisions, oldest first (a report and a decision at the same instant: the report first). */
export function unitTrail(directiveId: string, a: DirectiveAssignment, lang: Lang, timeZone = DEFAULT_TIME_ZONE, base = ''): TrailEntry[] {
  const reports: TrailEntry[] = a.reports.map((r) => ({
    kind: 'report',
    at: r.at,
    atText: formatDateTime(r.at, timeZone),
    by: r.by.name,
    text: r.text,
    done: r.done,
    attachments: r.attachments.map((x) => trailAttachment(directiveId, x, lang, base)),
  }));
  const decisions: TrailEntry[] = a.decisions.map((d) => ({ kind: d.action, at: d.at, atText: formatDateTime(d.at, timeZone), by: d.by.name, text: d.note }));
  return [...reports, ...decisions]
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at - y.e.at || x.i - y.i)
    .map(({ e }) => e);
}

/** The units whose answer is reported done and waits for the leader's accept or return. */
export function awaitingUnits(d: Directive | DirectiveView): string[] {
  return d.assignments.filter((a) => a.status === 'done').map((a) => a.unit);
}

/** The body of an accept or a return; a return without a note is not sent (the server says `note_required`). */
export function decisionBody(unit: string, action: 'accept' | 'return', note: string): FormResult<DirectiveDecisionBody> {
  const n = note.trim();
  if (action === 'return' && n === '') return { ok: false, errors: ['note'] };
  return { ok: true, body: n === '' ? { unit } : { unit, note: n } };
}

/** The leader's lists: answers awaiting a decision (first), every open directive, the closed ones. */
export type DirectivesShow = 'awaiting' | 'open' | 'closed';

/** The `status=` of GET /api/v1/directives for a list: awaiting = some unit reported done. */
export function listStatus(show: DirectivesShow): string {
  return show === 'awaiting' ? 'done' : show;
}

/** Most urgent first: overdue, then the soonest due. */
export function sortForLeader(list: readonly DirectiveView[]): DirectiveView[] {
  return [...list].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt - b.dueAt || a.id.localeCompare(b.id));
}
