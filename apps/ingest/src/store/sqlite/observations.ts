import type Database from 'better-sqlite3';
import type { NewObservation } from '@cityioc/contracts';
import { readPagesSync } from '../paging.ts';
import { forEachSlice, placeholderRows, statementsBySize, type RowValues } from './statements.ts';
import { HISTORY_COLUMNS, historyFromRows, OBSERVATION_COLUMNS, observationFromRow } from '../rows.ts';
import type { HistoryTuple, ObservationTuple } from '../rows.ts';
import type { HistoryRequest, ObservationLog } from '../store.ts';
import type { SqliteRollups } from './rollups.ts';

const INSERT_COLUMNS = 'id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source';
/** The values of INSERT_COLUMNS, in their order, written out by name (monomorphic loads: the per-row hot path). */
const INSERT_VALUES: RowValues<NewObservation> = {
  width: 11,
  put(o, p, at) {
    p[at] = o.id;
    p[at + 1] = o.indicator;
    p[at + 2] = o.area;
    p[at + 3] = o.agency;
    p[at + 4] = o.station;
    p[at + 5] = o.observedAt;
    p[at + 6] = o.receivedAt;
    p[at + 7] = o.value;
    p[at + 8] = o.numerator;
    p[at + 9] = o.denominator;
    p[at + 10] = o.source;
  },
};
/** Rows per INSERT statement (11 parameters each, far below SQLite's 32,766). */
const ROWS_PER_INSERT = 100;

/** One page of the observation log after a seq: read by the replay and by the rollup rebuild. */
export function sqliteObservationPages(db: Database.Database): (afterSeq: number, limit: number) => ObservationTuple[] {
  const page = db.prepare(`SELECT ${OBSERVATION_COLUMNS} FROM observations WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true);
  return (afterSeq, limit) => page.all(afterSeq, limit) as ObservationTuple[];
}

/** The observation log of the SQLite store; each append writes its rollups in the same transaction. */
export function sqliteObservations(db: Database.Database, rollups: Pick<SqliteRollups, 'write'>): ObservationLog {
  // Multi-row INSERT, one statement per ROWS_PER_INSERT rows, without RETURNING (a row array and
  // an id string per row cost about as much as the insert): seq is the rowid, and rows inserted by one
  // statement get consecutive rowids in VALUES order (max + 1 each; no other writer inside the
  // transaction). When every row of a statement is new (changes = n, the common case) its
  // positions are last - n + 1 … last; otherwise some id was stored before (or earlier in the
  // batch) and was ignored, and the positions of the rows it did insert are read back by id.
  const insertOf = statementsBySize(
    db,
    false,
    (n) => `INSERT OR IGNORE INTO observations (${INSERT_COLUMNS}) VALUES ${placeholderRows(n, INSERT_VALUES.width)}`,
  );
  const insertedBetween = db.prepare(`SELECT id, seq FROM observations WHERE seq > ? AND seq <= ?`).raw(true);
  const appendTx = db.transaction((batch: readonly NewObservation[]) => {
    const out: (number | null)[] = new Array<number | null>(batch.length).fill(null);
    const stored: NewObservation[] = [];
    let from = 0;
    forEachSlice(batch, ROWS_PER_INSERT, INSERT_VALUES, (n, params) => {
      const { changes, lastInsertRowid } = insertOf(n).run(params);
      const last = Number(lastInsertRowid);
      if (changes === n) {
        for (let i = 0; i < n; i++) {
          out[from + i] = last - n + 1 + i;
          stored.push(batch[from + i]!);
        }
      } else if (changes > 0) {
        const seqById = new Map(insertedBetween.all(last - changes, last) as [string, number][]);
        for (let i = from; i < from + n; i++) {
          const seq = seqById.get(batch[i]!.id);
          // the first occurrence of an id in the statement is the stored one
          if (seq === undefined) continue;
          seqById.delete(batch[i]!.id);
          out[i] = seq;
          stored.push(batch[i]!);
        }
      }
      from += n;
    });
    // Same transaction as the rows: an acknowledged observation is in the rollups exactly once.
    rollups.write(stored);
    return out;
  });
  const observationPage = sqliteObservationPages(db);
  const lastSeqStmt = db.prepare(`SELECT COALESCE(MAX(seq), 0) AS s FROM observations`).pluck();
  const countStmt = db.prepare(`SELECT COUNT(*) FROM observations`).pluck();
  const historyStation = db
    .prepare(
      `SELECT ${HISTORY_COLUMNS} FROM observations
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
      return readPagesSync(fromSeq, batchSize, observationPage, observationFromRow, onBatch);
    },
    async history(req: HistoryRequest) {
      const rows = historyStation.all(req.station, req.indicator, req.from, req.to, req.limit + 1) as HistoryTuple[];
      return historyFromRows(rows, req.limit);
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
