import { matching, text, type RawSearch } from '../../app/search.ts';
import type { ExportRequest } from '../../exports/export-url.ts';
import auditActions from './audit-actions.json' with { type: 'json' };

/**
 * The audit page's filters, in the URL so a view can be shared with another administrator:
 *   /admin/audit?actor=dung.nk&unit=916&action=alert.&from=2026-05-01&to=2026-05-31
 * `action` is one action or a family ending with '.'; `from`/`to` are local dates (the server reads
 * them as the start and the end of that day in Asia/Ho_Chi_Minh). Pure.
 */
export interface AuditSearch {
  actor?: string;
  unit?: string;
  action?: string;
  from?: string;
  to?: string;
}

/**
 * The choices of the action filter: value sent to the server (one action, or a family ending with
 * '.') → the i18n key of its label. Data: audit-actions.json.
 */
export const AUDIT_ACTIONS: readonly { value: string; label: string }[] = auditActions;

/** How many records the page asks for (the server caps at 10,000; exports take the same filters). */
export const AUDIT_LIMIT = 500;

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ACTION_RE = /^[a-z][a-z0-9_.]{0,63}$/;
const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ACTOR_RE = /^[^\u0000-\u001f\u007f]{1,128}$/;

/** The route's validateSearch: pure, never throws; a malformed filter is dropped. */
export function validateAuditSearch(raw: RawSearch): AuditSearch {
  const actor = text(raw.actor)?.trim();
  return {
    actor: actor ? matching(actor, ACTOR_RE) : undefined,
    unit: matching(raw.unit, CODE_RE),
    action: matching(raw.action, ACTION_RE),
    from: matching(raw.from, DATE_RE),
    to: matching(raw.to, DATE_RE),
  };
}

/** True when both dates are set and the range runs backwards (the page says so instead of asking). */
export function badRange(s: AuditSearch): boolean {
  return s.from !== undefined && s.to !== undefined && s.from > s.to;
}

/** The query of GET /api/v1/admin/audit and of its CSV/XLSX, in a fixed order; unset filters left out. */
export function auditQuery(s: AuditSearch, limit = AUDIT_LIMIT): Record<string, string | undefined> {
  return { actor: s.actor, unit: s.unit, action: s.action, from: s.from, to: s.to, limit: String(limit) };
}

export function auditPath(s: AuditSearch, limit = AUDIT_LIMIT): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(auditQuery(s, limit))) if (v) q.set(k, v);
  return `/api/v1/admin/audit?${q.toString()}`;
}

/** The export of the same filters (exports/export-url.ts builds the .csv/.xlsx URL). */
export function auditExport(s: AuditSearch): Omit<ExportRequest, 'lang'> {
  return { table: 'auditLog', query: auditQuery(s, 10_000) };
}

/** The label key of a recorded action: its own when listed, else its family's, else none (shown as recorded). */
export function actionLabel(action: string): string | null {
  const exact = AUDIT_ACTIONS.find((a) => a.value === action);
  if (exact && exact.value) return exact.label;
  const family = AUDIT_ACTIONS.find((a) => a.value.endsWith('.') && action.startsWith(a.value));
  return family ? family.label : null;
}
