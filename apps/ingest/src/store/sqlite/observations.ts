import type Database from 'better-sqlite3';
import type { HistoryPoint, NewObservation } from '@cityioc/contracts';
import { OBSERVATION_COLUMNS, observationFromRow } from '../rows.ts';
import type { ObservationTuple } from '../rows.ts';
import type { HistoryRequest, ObservationLog } from '../store.ts';
import type { SqliteRollups } from './rollups.ts';

/** The observation log of the SQLite store; each append writes its rollups in the same transaction. */
export function sqliteObservations(db: Database.Database, rollups: Pick<SqliteRollups, 'write'>): ObservationLog {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO observations (id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const appendTx = db.transaction((batch: readonly NewObservation[]) => {
    const out: (number | null)[] = new Array(batch.length);
    const stored: NewObservation[] = [];
    for (let i = 0; i < batch.length; i++) {
      const o = batch[i]!;
      const r = insert.run(o.id, o.indicator, o.area, o.agency, o.station, o.observedAt, o.receivedAt, o.value, o.numerator, o.denominator, o.source);
      out[i] = r.changes === 1 ? Number(r.lastInsertRowid) : null;
      if (r.changes === 1) stored.push(o);
    }
    // Same transaction as the rows: an acknowledged observation is in the rollups exactly once.
    rollups.write(stored);
    return out;
  });
  const page = db.prepare(`SELECT ${OBSERVATION_COLUMNS} FROM observations WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true);
  const lastSeqStmt = db.prepare(`SELECT COALESCE(MAX(seq), 0) AS s FROM observations`).pluck();
  const countStmt = db.prepare(`SELECT COUNT(*) FROM observations`).pluck();
  const historyStation = db
    .prepare(
      `SELECT observed_at, value, numerator, denominator FROM observations
       WHERE station = ? AND indicator = ? AND station IS NOT NULL AND observed_at BETWEEN ? AND ? ORDER BY observed_at LIMIT ?`,
    )
    .raw(true);
  const deleteOld = db.prepare(
    `DELETE FROM observations WHERE seq IN (SELECT seq FROM observations WHERE observed_at < ? AND seq < (SELECT MAX(seq) FROM observations) ORDER BY seq LIMIT ?)`,
  );

  return {
    async append(batch) {
      return appendTx(batch);
    },
    async replay(fromSeq, onBatch, batchSize = 10_000) {
      let last = fromSeq;
      for (;;) {
        const rows = page.all(last, batchSize) as ObservationTuple[];
        if (rows.length === 0) return last;
        const batch = rows.map(observationFromRow);
        last = batch[batch.length - 1]!.seq;
        onBatch(batch);
      }
    },
    async history(req: HistoryRequest) {
      const rows = historyStation.all(req.station, req.indicator, req.from, req.to, req.limit + 1) as [number, number | null, number | null, number | null][];
      const truncated = rows.length > req.limit;
      const points: HistoryPoint[] = rows.slice(0, req.limit).map(([t, value, numerator, denominator]) => {
        const p: HistoryPoint = { t, value };
        if (numerator !== null && denominator !== null) {
          p.numerator = numerator;
          p.denominator = denominator;
          p.value = denominator > 0 ? numerator / denominator : null;
        }
        return p;
      });
      return { points, truncated };
    },
    async lastSeq() {
      return lastSeqStmt.get() as number;
    },
    async count() {
      return countStmt.get() as number;
    },
    async deleteObservationsBefore(observedAt, batchSize = 10_000) {
      let total = 0;
      for (;;) {
        // one short transaction per batch; yield between batches so ingest keeps flowing
        const n = deleteOld.run(observedAt, batchSize).changes;
        total += n;
        if (n < batchSize) return total;
        await new Promise((r) => setImmediate(r));
      }
    },
  };
}
