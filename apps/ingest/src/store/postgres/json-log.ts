import type pg from 'pg';
import { readPages } from '../paging.ts';
import { JSON_LOG_COLUMNS, type JsonLogSpec, type JsonLogTuple } from '../rows.ts';
import { firstOccurrences, seqsInOrder } from './pool.ts';

/**
 * A log of JSON bodies on PostgreSQL: one INSERT … SELECT FROM unnest per batch, rows in ordinal
 * order (so identity values follow the batch order), ON CONFLICT DO NOTHING by id, RETURNING id → seq.
 */
export function postgresJsonLog<In, Out>(pool: pg.Pool, spec: JsonLogSpec<In, Out>) {
  const insert = `
    INSERT INTO ${spec.table} (${spec.idCol}, ${spec.keyCol}, received_at, source, body)
    SELECT id, k, received_at, source, body
    FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS t (id, k, received_at, source, body, ord)
    ORDER BY ord
    ON CONFLICT (${spec.idCol}) DO NOTHING
    RETURNING ${spec.idCol}, seq`;
  const pageSql = `SELECT ${JSON_LOG_COLUMNS} FROM ${spec.table} WHERE seq > $1 ORDER BY seq LIMIT $2`;
  const page = async (after: number, limit: number) => (await pool.query<JsonLogTuple>({ text: pageSql, values: [after, limit], rowMode: 'array' })).rows;
  return {
    append: async (batch: readonly In[]) => {
      if (batch.length === 0) return [];
      const rows = batch.map(spec.toRow);
      const ids = rows.map((r) => r[0]);
      const { unique, index } = firstOccurrences(ids);
      const col = (k: number) => unique.map((i) => rows[i]![k]);
      const res = await pool.query<[string, number]>({ text: insert, values: [col(0), col(1), col(2), col(3), col(4)], rowMode: 'array' });
      return seqsInOrder(ids, index, res.rows);
    },
    replay: async (fromSeq: number, onBatch: (b: Out[]) => void, batchSize = 10_000) => readPages(fromSeq, batchSize, page, spec.fromRow, onBatch),
  };
}
