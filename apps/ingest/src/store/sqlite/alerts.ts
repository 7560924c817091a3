import type Database from 'better-sqlite3';
import type { Alert, AlertEvent } from '@cityioc/contracts';
import { ALERT_EVENT_COLUMNS, alertEventFromRow } from '../rows.ts';
import type { AlertEventTuple } from '../rows.ts';
import type { AlertLog, NewAlertEvent } from '../store.ts';

/** Alerts and their audit trail in the SQLite store. */
export function sqliteAlerts(db: Database.Database): AlertLog {
  const insertAlertStmt = db.prepare(`INSERT OR IGNORE INTO alerts (id, status, area, updated_at, revision, body) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertAlertEvent = db.prepare(`INSERT INTO alert_events (alert_id, at, actor, action, note, detail) VALUES (?, ?, ?, ?, ?, ?)`);
  const updateAlertStmt = db.prepare(`UPDATE alerts SET status = ?, area = ?, updated_at = ?, revision = ?, body = ? WHERE id = ? AND revision = ?`);
  const getAlertStmt = db.prepare(`SELECT body FROM alerts WHERE id = ?`).pluck();
  const alertEventsStmt = db.prepare(`SELECT ${ALERT_EVENT_COLUMNS} FROM alert_events WHERE alert_id = ? ORDER BY seq`).raw(true);
  const addEvent = (e: NewAlertEvent): AlertEvent => {
    const r = insertAlertEvent.run(e.alertId, e.at, e.actor, e.action, e.note, JSON.stringify(e.detail));
    return { ...e, seq: Number(r.lastInsertRowid) };
  };
  const insertAlertTx = db.transaction((a: Alert, e: NewAlertEvent) => {
    const r = insertAlertStmt.run(a.id, a.status, a.area, a.updatedAt, a.revision, JSON.stringify(a));
    if (r.changes !== 1) return false;
    addEvent(e);
    return true;
  });
  const updateAlertTx = db.transaction((a: Alert, expected: number, e: NewAlertEvent) => {
    const r = updateAlertStmt.run(a.status, a.area, a.updatedAt, a.revision, JSON.stringify(a), a.id, expected);
    return r.changes === 1 ? addEvent(e) : null;
  });

  return {
    async insertAlert(alert, event) {
      return insertAlertTx(alert, event);
    },
    async updateAlert(alert, expectedRevision, event) {
      return updateAlertTx(alert, expectedRevision, event);
    },
    async getAlert(id) {
      const b = getAlertStmt.get(id) as string | undefined;
      return b === undefined ? null : (JSON.parse(b) as Alert);
    },
    async listAlerts(filter) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (filter.status?.length) {
        where.push(`status IN (${filter.status.map(() => '?').join(', ')})`);
        args.push(...filter.status);
      }
      if (filter.areas) {
        if (filter.areas.length === 0) return [];
        where.push(`area IN (${filter.areas.map(() => '?').join(', ')})`);
        args.push(...filter.areas);
      }
      if (filter.since !== undefined) {
        where.push('updated_at >= ?');
        args.push(filter.since);
      }
      const sql = `SELECT body FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id DESC LIMIT ?`;
      return (
        db
          .prepare(sql)
          .pluck()
          .all(...args, filter.limit) as string[]
      ).map((b) => JSON.parse(b) as Alert);
    },
    async alertEvents(alertId) {
      return (alertEventsStmt.all(alertId) as AlertEventTuple[]).map(alertEventFromRow);
    },
  };
}
