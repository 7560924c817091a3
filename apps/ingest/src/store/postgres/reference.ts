import type pg from 'pg';
import { REFERENCE_COLUMNS, referenceItemsDdl, referenceStoreOn, type ExistingReference, type ReferenceStore } from '../reference-store.ts';
import { columnsOf, transactions } from './pool.ts';

/** The migration that adds the reference table (appended to the store's MIGRATIONS list). */
export const REFERENCE_MIGRATION = {
  name: 'versioned reference documents (procedure catalogue, working-day schedules)',
  sql: referenceItemsDdl('BIGINT', false),
};

/** An arbitrary constant: serialises writers of one kind across nodes, so versions never collide. */
const REFERENCE_LOCK = 0x10c0_0008;

/** The reference-document part of the PostgreSQL store. */
export function postgresReferenceStore(pool: pg.Pool): ReferenceStore {
  const tx = transactions(pool);
  return referenceStoreOn({
    write: (kind, keys, storedAt, plan) =>
      tx(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REFERENCE_LOCK, kind]);
        const existing = await c.query<ExistingReference>(
          // only the latest version of each (key, valid_from): what a new item is compared with (and the key's highest number)
          `SELECT DISTINCT ON (key, valid_from) key, version, valid_from AS "validFrom", body FROM reference_items
            WHERE kind = $1 AND key = ANY($2::text[]) ORDER BY key, valid_from, version DESC`,
          [kind, keys],
        );
        const rows = plan(existing.rows);
        if (rows.length > 0)
          await c.query(
            `INSERT INTO reference_items (${REFERENCE_COLUMNS})
             SELECT $1, key, version, valid_from, body, origin, $2 FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[])
               AS t (key, version, valid_from, body, origin)`,
            [kind, storedAt, ...columnsOf(rows, ['key', 'version', 'validFrom', 'body', 'origin'])],
          );
      }),
    // keys in byte order (as SQLite and JavaScript order them)
    rows: async <R extends unknown[]>(columns: string, kind: string) =>
      (
        await pool.query<R>({
          text: `SELECT ${columns} FROM reference_items WHERE kind = $1 ORDER BY key COLLATE "C", version`,
          values: [kind],
          rowMode: 'array',
        })
      ).rows,
    async body(kind, key, version) {
      const res = await pool.query<{ body: string }>('SELECT body FROM reference_items WHERE kind = $1 AND key = $2 AND version = $3', [kind, key, version]);
      return res.rows[0]?.body;
    },
    // the primary key (kind, key, version) answers both without reading the other versions
    latest: async (kind, key) =>
      (
        await pool.query<unknown[]>({
          text: `SELECT ${REFERENCE_COLUMNS} FROM reference_items WHERE kind = $1 AND key = $2 ORDER BY version DESC LIMIT 1`,
          values: [kind, key],
          rowMode: 'array',
        })
      ).rows[0],
    keys: async (kind) =>
      (await pool.query<{ key: string }>('SELECT key FROM reference_items WHERE kind = $1 GROUP BY key ORDER BY key COLLATE "C"', [kind])).rows.map(
        (r) => r.key,
      ),
  });
}
