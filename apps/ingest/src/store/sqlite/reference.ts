import type Database from 'better-sqlite3';
import {
  REFERENCE_COLUMNS,
  referenceItemsDdl,
  referenceStoreOn,
  type ExistingReference,
  type ReferenceEngine,
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
  /** One statement per column list (whole items, heads), prepared on first use. */
  const selectAll = new Map<string, Database.Statement>();
  const one = db.prepare(`SELECT body FROM reference_items WHERE kind = ? AND key = ? AND version = ?`).pluck(true);
  // the primary key (kind, key, version) answers both without reading the other versions
  const latest = db.prepare(`SELECT ${REFERENCE_COLUMNS} FROM reference_items WHERE kind = ? AND key = ? ORDER BY version DESC LIMIT 1`).raw(true);
  const keys = db.prepare(`SELECT DISTINCT key FROM reference_items WHERE kind = ? ORDER BY key`).pluck(true);
  const write = db.transaction((kind: string, keys: readonly string[], storedAt: number, plan: Parameters<ReferenceEngine['write']>[3]) => {
    for (const r of plan(existing.all(kind, JSON.stringify(keys)) as ExistingReference[]))
      insert.run(kind, r.key, r.version, r.validFrom, r.body, r.origin, storedAt);
  });
  return referenceStoreOn({
    async write(kind, keys, storedAt, plan) {
      write(kind, keys, storedAt, plan);
    },
    async rows<R extends unknown[]>(columns: string, kind: string) {
      const all = selectAll.get(columns) ?? db.prepare(`SELECT ${columns} FROM reference_items WHERE kind = ? ORDER BY key, version`).raw(true);
      selectAll.set(columns, all);
      return all.all(kind) as R[];
    },
    async body(kind, key, version) {
      return one.get(kind, key, version) as string | undefined;
    },
    async latest(kind, key) {
      return latest.get(kind, key) as unknown[] | undefined;
    },
    async keys(kind) {
      return keys.all(kind) as string[];
    },
  });
}
