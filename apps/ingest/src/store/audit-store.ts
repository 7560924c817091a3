import type { AuditRecord } from '@cityioc/contracts';
import { epoch, jsonOrNull, rowMapper, type Row, type SqlRunner } from './sql-runner.ts';

/**
 * The audit log: append-only in both stores (no update or delete in this interface, and triggers
 * in the database refuse them). Conformance: conformance/audit.contract.ts [ST-AU…].
 */
export type NewAuditRecord = Omit<AuditRecord, 'seq'>;

export interface AuditFilter {
  actor?: string | undefined;
  unit?: string | undefined;
  /** An action, or a family ending with '.' ('alert.' = every alert action). */
  action?: string | undefined;
  /** epoch ms, inclusive */
  from?: number | undefined;
  /** epoch ms, inclusive */
  to?: number | undefined;
  limit: number;
}

export interface AuditStore {
  /** Appends in order; resolves to each record's position. */
  appendAudit(records: readonly NewAuditRecord[]): Promise<number[]>;
  /** Newest first (seq descending). */
  queryAudit(filter: AuditFilter): Promise<AuditRecord[]>;
}

/** The table and the triggers that keep it append-only, per engine. */
export function auditDdl(engine: 'sqlite' | 'postgres'): string {
  const table = (seq: string, ifNotExists: string) => `
    CREATE TABLE ${ifNotExists}audit_log (
      seq ${seq},
      at BIGINT NOT NULL,
      actor TEXT NOT NULL,
      actor_role TEXT,
      action TEXT NOT NULL,
      target TEXT,
      unit TEXT,
      scope TEXT,
      ip TEXT,
      details TEXT
    );
    CREATE INDEX ${ifNotExists}audit_log_at ON audit_log (at);
    CREATE INDEX ${ifNotExists}audit_log_actor ON audit_log (actor, seq);
    CREATE INDEX ${ifNotExists}audit_log_unit ON audit_log (unit, seq);`;
  if (engine === 'sqlite')
    return `${table('INTEGER PRIMARY KEY', 'IF NOT EXISTS ')}
    CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`;
  return `${table('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', '')}
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();`;
}

const COLUMNS = `seq, at, actor, actor_role AS "actorRole", action, target, unit, scope, ip, details`;
const recordOf = rowMapper<AuditRecord>({ seq: epoch, at: epoch, scope: jsonOrNull, details: jsonOrNull });

export function auditStoreOn(db: SqlRunner): AuditStore {
  return {
    async appendAudit(records) {
      const out: number[] = [];
      for (const r of records) {
        const [row] = await db.all<{ seq: number }>(
          `INSERT INTO audit_log (at, actor, actor_role, action, target, unit, scope, ip, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
          [
            r.at,
            r.actor,
            r.actorRole,
            r.action,
            r.target,
            r.unit,
            r.scope === null ? null : JSON.stringify(r.scope),
            r.ip,
            r.details === null ? null : JSON.stringify(r.details),
          ],
        );
        out.push(Number(row!.seq));
      }
      return out;
    },
    async queryAudit(f) {
      const where: string[] = [];
      const args: unknown[] = [];
      const when = (value: unknown, condition: string, ...values: unknown[]) => {
        if (value === undefined) return;
        where.push(condition);
        args.push(...values);
      };
      when(f.actor, 'actor = ?', f.actor);
      when(f.unit, 'unit = ?', f.unit);
      // a family ('alert.'): the prefix, compared without LIKE so that '_' and '%' in it mean themselves
      if (f.action?.endsWith('.')) when(f.action, 'substr(action, 1, ?) = ?', f.action.length, f.action);
      else when(f.action, 'action = ?', f.action);
      when(f.from, 'at >= ?', f.from);
      when(f.to, 'at <= ?', f.to);
      const sql = `SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      return (await db.all<Row>(sql, [...args, f.limit])).map(recordOf);
    },
  };
}
