import type pg from 'pg';
import type { NewObservation } from '@cityioc/contracts';
import { readPages } from '../paging.ts';
import { HISTORY_COLUMNS, historyFromRows, OBSERVATION_COLUMNS, observationFromRow } from '../rows.ts';
import type { HistoryTuple, ObservationTuple } from '../rows.ts';
import type { HistoryRequest, ObservationLog } from '../store.ts';
import { firstOccurrences, seqsInOrder, type Transaction } from './pool.ts';
import type { PostgresRollups } from './rollups.ts';

// Rows go in ordinal order, so identity values follow the batch order; RETURNING maps id → seq.
const INSERT_OBSERVATIONS = `
  INSERT INTO observations (id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source)
  SELECT id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::float8[], $9::float8[], $10::float8[], $11::text[])
    WITH ORDINALITY AS t (id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source, ord)
  ORDER BY ord
  ON CONFLICT (id) DO NOTHING
  RETURNING id, seq`;

/** One page of the observation log after a seq, on the pool or on a transaction's connection (the rollup rebuild). */
export function observationPages(q: pg.Pool | pg.PoolClient): (afterSeq: number, limit: number) => Promise<ObservationTuple[]> {
  const text = `SELECT ${OBSERVATION_COLUMNS} FROM observations WHERE seq > $1 ORDER BY seq LIMIT $2`;
  return async (afterSeq, limit) => (await q.query<ObservationTuple>({ text, values: [afterSeq, limit], rowMode: 'array' })).rows;
}

/** The observation log of the PostgreSQL store; each append writes its rollups in the same transaction. */
export function postgresObservations(pool: pg.Pool, tx: Transaction, rollups: Pick<PostgresRollups, 'write'>): ObservationLog {
  return {
    async append(batch) {
      if (batch.length === 0) return [];
      const ids = batch.map((o) => o.id);
      const { unique, index } = firstOccurrences(ids);
      const col = <K extends keyof NewObservation>(k: K) => unique.map((i) => batch[i]![k]);
      const rows = await tx(async (c) => {
        const res = await c.query<[string, number]>({
          text: INSERT_OBSERVATIONS,
          values: [
            col('id'),
            col('indicator'),
            col('area'),
            col('agency'),
            col('station'),
            col('observedAt'),
            col('receivedAt'),
            col('value'),
            col('numerator'),
            col('denominator'),
            col('source'),
          ],
          rowMode: 'array',
        });
        // Same transaction as the rows, and only the rows actually inserted (in batch order):
        // an acknowledged observation is in the rollups exactly once.
        const inserted = new Set(res.rows.map((r) => r[0]));
        await rollups.write(
          c,
          unique.filter((i) => inserted.has(batch[i]!.id)).map((i) => batch[i]!),
        );
        return res.rows;
      });
      return seqsInOrder(ids, index, rows);
    },
    async replay(fromSeq, onBatch, batchSize = 10_000) {
      return readPages(fromSeq, batchSize, observationPages(pool), observationFromRow, onBatch);
    },
    async history(req: HistoryRequest) {
      const res = await pool.query<HistoryTuple>({
        text: `SELECT ${HISTORY_COLUMNS} FROM observations
               WHERE station = $1 AND indicator = $2 AND station IS NOT NULL AND observed_at BETWEEN $3 AND $4 ORDER BY observed_at LIMIT $5`,
        values: [req.station, req.indicator, req.from, req.to, req.limit + 1],
        rowMode: 'array',
      });
      return historyFromRows(res.rows, req.limit);
    },
    async lastSeq() {
      return Number((await pool.query<{ s: number }>('SELECT COALESCE(MAX(seq), 0)::bigint AS s FROM observations')).rows[0]!.s);
    },
    async count() {
      return Number((await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM observations')).rows[0]!.n);
    },
    async deleteObservationsBefore(observedAt, batchSize = 10_000) {
      let total = 0;
      for (;;) {
        const res = await pool.query(
          `DELETE FROM observations WHERE seq IN (SELECT seq FROM observations WHERE observed_at < $1 AND seq < (SELECT MAX(seq) FROM observations) ORDER BY seq LIMIT $2)`,
          [observedAt, batchSize],
        );
        total += res.rowCount ?? 0;
        if ((res.rowCount ?? 0) < batchSize) return total;
      }
    },
  };
}
