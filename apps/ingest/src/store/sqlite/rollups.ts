import type Database from 'better-sqlite3';
import type { NewObservation } from '@cityioc/contracts';
import { rollupDeltas, type RollupRow } from '@cityioc/domain';
import { readPagesSync } from '../paging.ts';
import { observationFromRow, ROLLUP_COLUMNS, rollupFromRow, rollupMergeSql } from '../rows.ts';
import type { RollupTuple } from '../rows.ts';
import { sqliteObservationPages } from './observations.ts';
import { forEachSlice, placeholderRows, statementsBySize, valuesOf } from './statements.ts';
import type { RollupLog, RollupRequest } from '../store.ts';

export interface SqliteRollups extends RollupLog {
  /** Adds newly stored observations to their buckets; called inside the transaction of `append`. */
  write(stored: readonly NewObservation[]): void;
}

/** Rollup rows per upsert statement (13 parameters each). */
const ROLLUP_ROWS_PER_UPSERT = 50;
/** The values of the upsert's columns, in their order. */
const UPSERT_FIELDS = valuesOf<RollupRow>(['grain', 'indicator', 'area', 'bucket', 'n', 'sum', 'min', 'max', 'num', 'den', 'lastValue', 'lastAt', 'lastId']);

/** The history rollups of the SQLite store. `areaChain`: the area and its ancestors up to the city. */
export function sqliteRollups(db: Database.Database, areaChain: (area: string, observedAt: number) => readonly string[]): SqliteRollups {
  // Portable upsert (SQLite ≥ 3.24 and PostgreSQL: rows.ts rollupMergeSql).
  // Several rows per statement (rollupDeltas merged the batch, so no key appears twice in one).
  const upsertOf = statementsBySize(
    db,
    false,
    (rows) =>
      `INSERT INTO rollups (grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id)
     VALUES ${placeholderRows(rows, UPSERT_FIELDS.width)}
     ${rollupMergeSql('')}`,
  );
  const write = (stored: readonly NewObservation[]) => {
    forEachSlice(rollupDeltas(stored, areaChain), ROLLUP_ROWS_PER_UPSERT, UPSERT_FIELDS, (n, params) => upsertOf(n).run(params));
  };
  const selectRollups = db
    .prepare(
      `SELECT ${ROLLUP_COLUMNS} FROM rollups
       WHERE grain = ? AND indicator = ? AND area = ? AND bucket >= ? AND bucket < ? ORDER BY bucket`,
    )
    .raw(true);
  const observationPage = sqliteObservationPages(db);
  const rebuildTx = db.transaction(() => {
    db.prepare(`DELETE FROM rollups`).run();
    let n = 0;
    readPagesSync(0, 10_000, observationPage, observationFromRow, (batch) => {
      write(batch);
      n += batch.length;
    });
    db.prepare(`INSERT INTO meta (key, value) VALUES ('rollups', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run();
    return n;
  });
  // A log written before rollups existed (or by an older version) gets them once, on open.
  if (db.prepare(`SELECT value FROM meta WHERE key = 'rollups'`).pluck().get() === undefined) rebuildTx();

  return {
    write,
    async rollups(req: RollupRequest) {
      return (selectRollups.all(req.grain, req.indicator, req.area, req.from, req.to) as RollupTuple[]).map((r) => rollupFromRow(req, r));
    },
    async rebuildRollups() {
      return rebuildTx();
    },
  };
}
