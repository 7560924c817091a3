import type Database from 'better-sqlite3';
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

/** The reference-document part of the embedded store, on the store's own database handle. */
export function sqliteReferenceStore(db: Database.Database): ReferenceStore {
  db.exec(referenceItemsDdl('INTEGER', true));
  // only the latest version of each (key, valid_from): what a new item is compared with (and the key's highest number)
  const existing = db.prepare(
    `SELECT key, version, valid_from AS validFrom, body FROM reference_items r WHERE kind = ? AND key IN (SELECT value FROM json_each(?))
       AND version = (SELECT MAX(version) FROM reference_items s WHERE s.kind = r.kind AND s.key = r.key AND s.valid_from IS r.valid_from)`,
  );
  const insert = db.prepare(`INSERT INTO reference_items (${REFERENCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const all = db.prepare(`SELECT ${REFERENCE_COLUMNS} FROM reference_items WHERE kind = ? ORDER BY key, version`).raw(true);
  const heads = db.prepare(`SELECT ${REFERENCE_HEAD_COLUMNS} FROM reference_items WHERE kind = ? ORDER BY key, version`).raw(true);
  const one = db.prepare(`SELECT body FROM reference_items WHERE kind = ? AND key = ? AND version = ?`).pluck(true);
  const put = db.transaction((kind: string, items: Parameters<ReferenceStore['putReferenceItems']>[1], storedAt: number) => {
    const keys = [...new Set(items.map((i) => i.key))];
    const plan = planReferenceBatch(items, existing.all(kind, JSON.stringify(keys)) as ExistingReference[]);
    for (const r of plan.rows) insert.run(kind, r.key, r.version, r.validFrom, r.body, r.origin, storedAt);
    return plan.results;
  });
  return {
    async putReferenceItems(kind, items, storedAt) {
      return items.length === 0 ? [] : put(kind, items, storedAt);
    },
    async referenceItems(kind) {
      return (all.all(kind) as ReferenceRow[]).map(referenceFromRow);
    },
    async referenceHeads(kind) {
      return (heads.all(kind) as ReferenceHeadRow[]).map(referenceHeadFromRow);
    },
    async referenceBody(kind, key, version) {
      const body = one.get(kind, key, version) as string | undefined;
      return body === undefined ? undefined : (JSON.parse(body) as unknown);
    },
  };
}
