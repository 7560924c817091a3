import type { FastifyRequest } from 'fastify';
import type { AccessScope, AuditQuery, AuditRecord } from '@cityioc/contracts';
import { dayStartMs, parseLocalDate, toLocalRfc3339 } from '@cityioc/domain';
import type { Table } from '../export/table.ts';
import type { AuditFilter, AuditStore, NewAuditRecord } from '../store/audit-store.ts';
import type { Principal } from './principal.ts';

/** What one audited action says; `actor` is a principal (its actor name, role and scope are taken) or a name. */
export interface AuditInput {
  actor: Principal | string;
  action: string;
  target?: string | null | undefined;
  unit?: string | null | undefined;
  details?: Record<string, unknown> | null | undefined;
  ip?: string | null | undefined;
}

export class AuditQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const DAY_MS = 86_400_000;

/** A bound of the audit query: a local day (from its start, or to its end) or RFC 3339 with an offset. */
function bound(field: 'from' | 'to', v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const day = parseLocalDate(v);
  if (day !== null) return field === 'from' ? dayStartMs(day) : dayStartMs(day) + DAY_MS - 1;
  const ms = /(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw new AuditQueryError(`/${field}`, `${field} must be a date YYYY-MM-DD or RFC 3339 with an offset`);
  return ms;
}

/**
 * The audit log of the IOC (issue 11 #4): sign-ins, views of dossier details, every export, every
 * change. Records are appended to the store (append-only) before the action's answer is sent;
 * a record that cannot be stored is logged and does not fail the action.
 *   app.ioc.audit.record({ actor, action, target, unit?, details?, ip })
 *   app.ioc.audit.recordRequest(req, { action, target, unit?, details? })   actor and address from the request
 */
export class AuditService {
  constructor(
    private readonly store: AuditStore,
    private readonly clock: () => number,
    private readonly onError: (err: unknown) => void,
  ) {}

  async record(input: AuditInput): Promise<void> {
    const p = typeof input.actor === 'string' ? null : input.actor;
    const rec: NewAuditRecord = {
      at: this.clock(),
      actor: p ? p.actor : (input.actor as string),
      actorRole: p ? p.role : null,
      action: input.action,
      target: input.target ?? null,
      unit: input.unit ?? null,
      scope: p ? (p.scopes satisfies AccessScope) : null,
      ip: input.ip ?? null,
      details: input.details ?? null,
    };
    try {
      await this.store.appendAudit([rec]);
    } catch (err) {
      this.onError(err);
    }
  }

  /** The actor of a request: the signed-in principal, the feed source, or 'anonymous'. */
  recordRequest(req: FastifyRequest, input: Omit<AuditInput, 'actor' | 'ip'>): Promise<void> {
    const actor = req.principal ?? (req.source ? `feed:${req.source}` : 'anonymous');
    return this.record({ ...input, actor, ip: req.ip });
  }

  /** Query parameters → the store's filter; a bad date is an AuditQueryError naming its field. */
  filterOf(q: AuditQuery): AuditFilter {
    return { actor: q.actor, unit: q.unit, action: q.action, from: bound('from', q.from), to: bound('to', q.to), limit: q.limit ?? 500 };
  }

  /** One more than asked, to tell whether the answer is cut. */
  async query(q: AuditQuery): Promise<{ records: AuditRecord[]; truncated: boolean }> {
    const f = this.filterOf(q);
    const rows = await this.store.queryAudit({ ...f, limit: f.limit + 1 });
    return { records: rows.slice(0, f.limit), truncated: rows.length > f.limit };
  }
}

/** The audit records as an export table (CSV/XLSX through export/). */
export function auditTable(records: readonly AuditRecord[], lang: 'vi' | 'en'): Table {
  const vi = lang === 'vi';
  const headers = vi
    ? ['Số thứ tự', 'Thời điểm (+07:00)', 'Người thực hiện', 'Vai trò', 'Hành động', 'Đối tượng', 'Đơn vị', 'Phạm vi', 'Địa chỉ', 'Chi tiết']
    : ['Seq', 'Time (+07:00)', 'Actor', 'Role', 'Action', 'Target', 'Unit', 'Scope', 'Address', 'Details'];
  return {
    sheet: vi ? 'Nhật ký' : 'Audit',
    title: vi ? 'Nhật ký truy cập và thay đổi' : 'Access and change log',
    columns: headers.map((header, i) => (i === 0 ? { header, kind: 'number' as const, decimals: 0 } : { header, kind: 'text' as const })),
    rows: records.map((r) => [
      r.seq,
      toLocalRfc3339(r.at),
      r.actor,
      r.actorRole,
      r.action,
      r.target,
      r.unit,
      r.scope ? [...r.scope.units, ...r.scope.agencies].join(' ') : null,
      r.ip,
      r.details ? JSON.stringify(r.details) : null,
    ]),
  };
}
