import type Database from 'better-sqlite3';
import type { NewObservation } from '@cityioc/contracts';
import { rollupDeltas } from '@cityioc/domain';
import { readPagesSync } from '../paging.ts';
import { observationFromRow, ROLLUP_COLUMNS, rollupFromRow } from '../rows.ts';
import type { RollupTuple } from '../rows.ts';
import { sqliteObservationPages } from './observations.ts';
import type { RollupLog, RollupRequest } from '../store.ts';

export interface SqliteRollups extends RollupLog {
  /** Adds newly stored observations to their buckets; called inside the transaction of `append`. */
  write(stored: readonly NewObservation[]): void;
}

/** Rollup rows per upsert statement (13 parameters each). */
const ROLLUP_ROWS_PER_UPSERT = 50;

/** The history rollups of the SQLite store. `areaChain`: the area and its ancestors up to the city. */
export function sqliteRollups(db: Database.Database, areaChain: (area: string, observedAt: number) => readonly string[]): SqliteRollups {
  // Portable upsert (SQLite ≥ 3.24 and PostgreSQL): CASE instead of MIN/MAX or LEAST/GREATEST.
  // Several rows per statement (rollupDeltas merged the batch, so no key appears twice in one).
  const upsertOf = (rows: number) =>
    db.prepare(
      `INSERT INTO rollups (grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id)
     VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
     ON CONFLICT (grain, indicator, area, bucket) DO UPDATE SET
       n = rollups.n + excluded.n,
       sum = rollups.sum + excluded.sum,
       min = CASE WHEN rollups.min IS NULL OR excluded.min < rollups.min THEN excluded.min ELSE rollups.min END,
       max = CASE WHEN rollups.max IS NULL OR excluded.max > rollups.max THEN excluded.max ELSE rollups.max END,
       num = rollups.num + excluded.num,
       den = rollups.den + excluded.den,
       last_value = CASE WHEN excluded.last_at > rollups.last_at OR (excluded.last_at = rollups.last_at AND excluded.last_id > rollups.last_id)
                    THEN excluded.last_value ELSE rollups.last_value END,
       last_id = CASE WHEN excluded.last_at > rollups.last_at OR (excluded.last_at = rollups.last_at AND excluded.last_id > rollups.last_id)
                 THEN excluded.last_id ELSE rollups.last_id END,
       last_at = CASE WHEN excluded.last_at > rollups.last_at THEN excluded.last_at ELSE rollups.last_at END`,
    );
  const upserts = new Map<number, Database.Statement>();
  const params: unknown[] = [];
  const write = (stored: readonly NewObservation[]) => {
    const d = rollupDeltas(stored, areaChain);
    for (let from = 0; from < d.length; from += ROLLUP_ROWS_PER_UPSERT) {
      const n = Math.min(ROLLUP_ROWS_PER_UPSERT, d.length - from);
      params.length = n * 13;
      for (let i = 0; i < n; i++) {
        const r = d[from + i]!;
        const q = i * 13;
        params[q] = r.grain;
        params[q + 1] = r.indicator;
        params[q + 2] = r.area;
        params[q + 3] = r.bucket;
        params[q + 4] = r.n;
        params[q + 5] = r.sum;
        params[q + 6] = r.min;
        params[q + 7] = r.max;
        params[q + 8] = r.num;
        params[q + 9] = r.den;
        params[q + 10] = r.lastValue;
        params[q + 11] = r.lastAt;
        params[q + 12] = r.lastId;
      }
      let stmt = upserts.get(n);
      if (!stmt) upserts.set(n, (stmt = upsertOf(n)));
      stmt.run(params);
    }
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
