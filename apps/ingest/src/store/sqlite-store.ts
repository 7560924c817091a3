import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteAlerts } from './sqlite/alerts.ts';
import { sqliteDossiers } from './sqlite/dossiers.ts';
import { sqliteFeedback } from './sqlite/feedback.ts';
import { sqliteObservations } from './sqlite/observations.ts';
import { sqliteReports } from './sqlite/reports.ts';
import { sqliteRollups } from './sqlite/rollups.ts';
import { SQLITE_SCHEMA } from './sqlite/schema.ts';
import { sqliteReferenceStore } from './sqlite/reference.ts';
import type { Store } from './store.ts';
import { accessDdl, accessStoreOn } from './access-store.ts';
import { auditDdl, auditStoreOn } from './audit-store.ts';
import { sqliteRunner } from './sql-runner.ts';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for tests of pure logic. */
  file: string;
  /** FULL survives power loss; NORMAL survives a process crash only. */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * The area itself and its ancestors up to the city, for the history rollups (default: the
   * area alone). The app passes the catalogue's area tree.
   */
  areaChain?: (area: string, observedAt: number) => readonly string[];
}

/**
 * The embedded store: better-sqlite3 in WAL mode, one file under ./data, composed of one part per
 * log (sqlite/). better-sqlite3 is synchronous, so each write is one transaction that no other
 * write interleaves with; `append` writes the observations and their rollups in the same one.
 */
export function openSqliteStore(opts: SqliteStoreOptions): Store {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const db = new Database(opts.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.exec(SQLITE_SCHEMA);
  db.exec(accessDdl(true));
  db.exec(auditDdl('sqlite'));
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)`).run(randomUUID());
  const epoch = (db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string }).value;

  const runner = sqliteRunner(db);
  const rollups = sqliteRollups(db, opts.areaChain ?? ((area: string) => [area]));
  const rangeObs = db.prepare(`SELECT COUNT(*) FROM observations WHERE seq > ? AND seq <= ?`).pluck();
  const rangeDossiers = db.prepare(`SELECT COUNT(*) FROM dossier_events WHERE seq > ? AND seq <= ?`).pluck();
  let closed = false;
  return {
    kind: 'sqlite',
    epoch,
    ...sqliteObservations(db, rollups),
    rollups: rollups.rollups,
    rebuildRollups: rollups.rebuildRollups,
    ...sqliteDossiers(db),
    ...sqliteReports(db),
    ...sqliteAlerts(db),
    reference: sqliteReferenceStore(db),
    accounts: accessStoreOn(runner),
    auditLog: auditStoreOn(runner),
    ...sqliteFeedback(db),
    async countRange(log, afterSeq, toSeq) {
      return (log === 'observations' ? rangeObs : rangeDossiers).get(afterSeq, toSeq) as number;
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
