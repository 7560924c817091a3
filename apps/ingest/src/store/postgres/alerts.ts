import type pg from 'pg';
import type { Alert, AlertEvent } from '@cityioc/contracts';
import { ALERT_EVENT_COLUMNS, alertEventFromRow } from '../rows.ts';
import type { AlertEventTuple } from '../rows.ts';
import type { AlertLog, NewAlertEvent } from '../store.ts';
import type { Transaction } from './pool.ts';

async function addAlertEvent(c: pg.PoolClient, e: NewAlertEvent): Promise<AlertEvent> {
  const r = await c.query<{ seq: number }>(
    `INSERT INTO alert_events (alert_id, at, actor, action, note, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq`,
    [e.alertId, e.at, e.actor, e.action, e.note, JSON.stringify(e.detail)],
  );
  return { ...e, seq: r.rows[0]!.seq };
}

/** Alerts and their audit trail in the PostgreSQL store. */
export function postgresAlerts(pool: pg.Pool, tx: Transaction): AlertLog {
  return {
    async insertAlert(alert, event) {
      return tx(async (c) => {
        const r = await c.query(
          `INSERT INTO alerts (id, status, area, updated_at, revision, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
          [alert.id, alert.status, alert.area, alert.updatedAt, alert.revision, JSON.stringify(alert)],
        );
        if (r.rowCount !== 1) return false;
        await addAlertEvent(c, event);
        return true;
      });
    },
    async updateAlert(alert, expectedRevision, event) {
      return tx(async (c) => {
        const r = await c.query(`UPDATE alerts SET status = $1, area = $2, updated_at = $3, revision = $4, body = $5 WHERE id = $6 AND revision = $7`, [
          alert.status,
          alert.area,
          alert.updatedAt,
          alert.revision,
          JSON.stringify(alert),
          alert.id,
          expectedRevision,
        ]);
        return r.rowCount === 1 ? addAlertEvent(c, event) : null;
      });
    },
    async getAlert(id) {
      const res = await pool.query<{ body: string }>(`SELECT body FROM alerts WHERE id = $1`, [id]);
      return res.rows.length === 0 ? null : (JSON.parse(res.rows[0]!.body) as Alert);
    },
    async listAlerts(filter) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.status?.length) {
        args.push(filter.status);
        where.push(`status = ANY($${args.length}::text[])`);
      }
      if (filter.areas) {
        if (filter.areas.length === 0) return [];
        args.push(filter.areas);
        where.push(`area = ANY($${args.length}::text[])`);
      }
      if (filter.since !== undefined) {
        args.push(filter.since);
        where.push(`updated_at >= $${args.length}`);
      }
      args.push(filter.limit);
      const res = await pool.query<{ body: string }>(
        `SELECT body FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id COLLATE "C" DESC LIMIT $${args.length}`,
        args,
      );
      return res.rows.map((r) => JSON.parse(r.body) as Alert);
    },
    async alertEvents(alertId) {
      const res = await pool.query<AlertEventTuple>({
        text: `SELECT ${ALERT_EVENT_COLUMNS} FROM alert_events WHERE alert_id = $1 ORDER BY seq`,
        values: [alertId],
        rowMode: 'array',
      });
      return res.rows.map(alertEventFromRow);
    },
  };
}
