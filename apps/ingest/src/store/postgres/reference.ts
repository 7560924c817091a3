import type pg from 'pg';
import {
  planReferenceBatch,
  REFERENCE_COLUMNS,
  REFERENCE_HEAD_COLUMNS,
  referenceFromRow,
  referenceHeadFromRow,
  referenceItemsDdl,
  type ExistingReference,
  type ReferenceHeadRow,
  type ReferenceRow,
  type ReferenceStore,
} from '../reference-store.ts';
import { transactions } from './pool.ts';

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
  /** Every version of a kind, as positional rows of `columns`, keys in byte order (as SQLite and JavaScript order them). */
  const rowsOf = async <R extends unknown[]>(columns: string, kind: string) =>
    (
      await pool.query<R>({
        text: `SELECT ${columns} FROM reference_items WHERE kind = $1 ORDER BY key COLLATE "C", version`,
        values: [kind],
        rowMode: 'array',
      })
    ).rows;
  return {
    async putReferenceItems(kind, items, storedAt) {
      if (items.length === 0) return [];
      return tx(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REFERENCE_LOCK, kind]);
        const keys = [...new Set(items.map((i) => i.key))];
        const existing = await c.query<ExistingReference>(
          // only the latest version of each (key, valid_from): what a new item is compared with (and the key's highest number)
          `SELECT DISTINCT ON (key, valid_from) key, version, valid_from AS "validFrom", body FROM reference_items
            WHERE kind = $1 AND key = ANY($2::text[]) ORDER BY key, valid_from, version DESC`,
          [kind, keys],
        );
        const plan = planReferenceBatch(items, existing.rows);
        if (plan.rows.length > 0)
          await c.query(
            `INSERT INTO reference_items (${REFERENCE_COLUMNS})
             SELECT $1, key, version, valid_from, body, origin, $2 FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[])
               AS t (key, version, valid_from, body, origin)`,
            [
              kind,
              storedAt,
              plan.rows.map((r) => r.key),
              plan.rows.map((r) => r.version),
              plan.rows.map((r) => r.validFrom),
              plan.rows.map((r) => r.body),
              plan.rows.map((r) => r.origin),
            ],
          );
        return plan.results;
      });
    },
    async referenceItems(kind) {
      return (await rowsOf<ReferenceRow>(REFERENCE_COLUMNS, kind)).map(referenceFromRow);
    },
    async referenceHeads(kind) {
      return (await rowsOf<ReferenceHeadRow>(REFERENCE_HEAD_COLUMNS, kind)).map(referenceHeadFromRow);
    },
    async referenceBody(kind, key, version) {
      const res = await pool.query<{ body: string }>('SELECT body FROM reference_items WHERE kind = $1 AND key = $2 AND version = $3', [kind, key, version]);
      const row = res.rows[0];
      return row === undefined ? undefined : (JSON.parse(row.body) as unknown);
    },
  };
}
