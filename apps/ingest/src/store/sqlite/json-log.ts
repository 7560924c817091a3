import type Database from 'better-sqlite3';
import { readPagesSync } from '../paging.ts';
import { JSON_LOG_COLUMNS, type JsonLogSpec, type JsonLogTuple } from '../rows.ts';

/** A log of JSON bodies on SQLite: INSERT OR IGNORE by id in one transaction, replay in seq order. */
export function sqliteJsonLog<In, Out>(db: Database.Database, spec: JsonLogSpec<In, Out>) {
  const insert = db.prepare(`INSERT OR IGNORE INTO ${spec.table} (${spec.idCol}, ${spec.keyCol}, received_at, source, body) VALUES (?, ?, ?, ?, ?)`);
  const tx = db.transaction((batch: readonly In[]) =>
    batch.map((x) => {
      const r = insert.run(...spec.toRow(x));
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    }),
  );
  const page = db.prepare(`SELECT ${JSON_LOG_COLUMNS} FROM ${spec.table} WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true);
  return {
    append: async (batch: readonly In[]) => tx(batch),
    replay: async (fromSeq: number, onBatch: (b: Out[]) => void, batchSize = 10_000) =>
      readPagesSync(fromSeq, batchSize, (after, limit) => page.all(after, limit) as JsonLogTuple[], spec.fromRow, onBatch),
  };
}
