import type pg from 'pg';
import type { NewObservation } from '@cityioc/contracts';
import { rollupDeltas, type RollupRow } from '@cityioc/domain';
import { readPages } from '../paging.ts';
import { observationFromRow, ROLLUP_COLUMNS, rollupFromRow, rollupMergeSql } from '../rows.ts';
import type { RollupTuple } from '../rows.ts';
import { observationPages } from './observations.ts';
import type { RollupLog, RollupRequest } from '../store.ts';
import type { Transaction } from './pool.ts';

/** Serialises the first rollup build of a log written before rollups existed, across nodes. */
const ROLLUP_BUILD_LOCK = 0x10c0_0007;

// The same CASE upsert as SQLite (rows.ts rollupMergeSql), one statement per batch; `last_id` compared
// byte-wise (COLLATE "C") so that ids order as JavaScript strings do whatever the database collation.
const UPSERT_ROLLUPS = `
  INSERT INTO rollups (grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id)
  SELECT grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id
  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[],
              $11::float8[], $12::bigint[], $13::text[])
    WITH ORDINALITY AS t (grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id, ord)
  ORDER BY ord
  ${rollupMergeSql(' COLLATE "C"')}`;

const byKey = (a: RollupRow, b: RollupRow) =>
  a.grain < b.grain
    ? -1
    : a.grain > b.grain
      ? 1
      : a.indicator < b.indicator
        ? -1
        : a.indicator > b.indicator
          ? 1
          : a.area < b.area
            ? -1
            : a.area > b.area
              ? 1
              : a.bucket - b.bucket;

export interface PostgresRollups extends RollupLog {
  /** Adds newly stored observations to their buckets, on the connection of `append`'s transaction. */
  write(c: pg.PoolClient, stored: readonly NewObservation[]): Promise<void>;
}

/**
 * The history rollups of the PostgreSQL store. `areaChain`: the area and its ancestors up to the
 * city. Builds them once, on open, for a log written before rollups existed.
 */
export async function postgresRollups(
  pool: pg.Pool,
  tx: Transaction,
  areaChain: (area: string, observedAt: number) => readonly string[],
): Promise<PostgresRollups> {
  async function write(c: pg.PoolClient, stored: readonly NewObservation[]): Promise<void> {
    if (stored.length === 0) return;
    // Rows in key order: concurrent appends lock shared rollup rows in the same order (no deadlock).
    const d = rollupDeltas(stored, areaChain).sort(byKey);
    await c.query(UPSERT_ROLLUPS, [
      d.map((r) => r.grain),
      d.map((r) => r.indicator),
      d.map((r) => r.area),
      d.map((r) => r.bucket),
      d.map((r) => r.n),
      d.map((r) => r.sum),
      d.map((r) => r.min),
      d.map((r) => r.max),
      d.map((r) => r.num),
      d.map((r) => r.den),
      d.map((r) => r.lastValue),
      d.map((r) => r.lastAt),
      d.map((r) => r.lastId),
    ]);
  }
  /**
   * Recomputes every rollup from the log inside the caller's transaction. The EXCLUSIVE lock
   * waits for appends that already wrote rollups and holds back the rollup step of later ones
   * until COMMIT, so each observation counts once: read here if committed, added by its own
   * append otherwise.
   */
  async function rebuildIn(c: pg.PoolClient): Promise<number> {
    await c.query('LOCK TABLE rollups IN EXCLUSIVE MODE');
    await c.query('DELETE FROM rollups');
    let n = 0;
    await readPages(0, 10_000, observationPages(c), observationFromRow, async (batch) => {
      await write(c, batch);
      n += batch.length;
    });
    await c.query(`INSERT INTO meta (key, value) VALUES ('rollups', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    return n;
  }
  // A log written before rollups existed (or by an older version) gets them once, on open.
  await tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_BUILD_LOCK]);
    if ((await c.query(`SELECT 1 FROM meta WHERE key = 'rollups'`)).rows.length === 0) await rebuildIn(c);
  });

  return {
    write,
    async rollups(req: RollupRequest) {
      const res = await pool.query<RollupTuple>({
        text: `SELECT ${ROLLUP_COLUMNS} FROM rollups
               WHERE grain = $1 AND indicator = $2 AND area = $3 AND bucket >= $4 AND bucket < $5 ORDER BY bucket`,
        values: [req.grain, req.indicator, req.area, req.from, req.to],
        rowMode: 'array',
      });
      return res.rows.map((r) => rollupFromRow(req, r));
    },
    async rebuildRollups() {
      return tx(rebuildIn);
    },
  };
}
