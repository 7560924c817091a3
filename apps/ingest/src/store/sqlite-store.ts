import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
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
import { WalCheckpointer } from './sqlite/wal-checkpointer.ts';
import { WalSync } from './sqlite/wal-sync.ts';
import type { Store } from './store.ts';
import { accessDdl, accessStoreOn } from './access-store.ts';
import { auditDdl, auditStoreOn } from './audit-store.ts';
import { sqliteRunner } from './sql-runner.ts';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for tests of pure logic. */
  file: string;
  /**
   * FULL survives power loss: every write is acknowledged after the WAL is flushed to disk, off the
   * event loop (sqlite/wal-sync.ts). NORMAL survives a crash of the process only.
   */
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
 * With FULL durability (the default) the connection commits with synchronous = NORMAL and every
 * write resolves only after the WAL file is flushed (WalSync), so a write is durable when its
 * promise resolves, as the Store contract says, without holding the event loop during the flush.
 */
export function openSqliteStore(opts: SqliteStoreOptions): Store {
  const file = opts.file !== ':memory:';
  if (file) mkdirSync(dirname(opts.file), { recursive: true });
  const db = new Database(opts.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const wal = file && (opts.synchronous ?? 'FULL') === 'FULL' ? new WalSync(`${opts.file}-wal`) : null;
  // total_changes() counts the rows this connection has written so far.
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  // WAL checkpoints run in a worker thread (sqlite/wal-checkpointer.ts), not inside a COMMIT on the event loop
  const checkpointer = file ? new WalCheckpointer(opts.file, () => db.pragma('wal_autocheckpoint = 1000')) : null;
  if (checkpointer) db.pragma('wal_autocheckpoint = 0');
  let checkpointedChanges = 0;
  const afterWrite = (n: number) => {
    if (!checkpointer) return;
    checkpointer.written(n - checkpointedChanges);
    checkpointedChanges = n;
    if (checkpointer.inlineDue) {
      checkpointer.inlineDue = false;
      db.pragma('wal_checkpoint(PASSIVE)');
    }
  };
  /** A write of the store, resolved once it is on disk. */
  const durable =
    <A extends unknown[], R>(write: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const r = await write(...a);
      afterWrite(totalChanges.get() as number);
      await wal?.sync();
      return r;
    };
  // Every method of a part: resolved once what it changed is on disk (reads change nothing and
  // flush nothing).
  let flushedChanges = 0;
  const ifChanged = async <R>(r: R): Promise<R> => {
    const n = totalChanges.get() as number;
    if (n !== checkpointedChanges) afterWrite(n);
    if (wal && n !== flushedChanges) {
      await wal.sync();
      flushedChanges = Math.max(flushedChanges, n);
    }
    return r;
  };
  const durableAll = <P extends object>(part: P): P =>
    Object.fromEntries(
      Object.entries(part).map(([k, v]) => [
        k,
        typeof v === 'function' ? async (...a: unknown[]) => ifChanged(await (v as (...x: unknown[]) => unknown).apply(part, a)) : v,
      ]),
    ) as P;
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.exec(SQLITE_SCHEMA);
  db.exec(accessDdl(true));
  db.exec(auditDdl('sqlite'));
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)`).run(randomUUID());
  const epoch = (db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string }).value;

  const runner = sqliteRunner(db);
  const rollups = sqliteRollups(db, opts.areaChain ?? ((area: string) => [area]));
  const pageCount = db.prepare('PRAGMA page_count').pluck();
  const rangeObs = db.prepare(`SELECT COUNT(*) FROM observations WHERE seq > ? AND seq <= ?`).pluck();
  const rangeDossiers = db.prepare(`SELECT COUNT(*) FROM dossier_events WHERE seq > ? AND seq <= ?`).pluck();
  let closed = false;
  const observations = sqliteObservations(db, rollups);
  return {
    kind: 'sqlite',
    epoch,
    // better-sqlite3 runs each append's transaction inside the call; `durable` then awaits the WAL flush
    appendCommitsOnCall: true,
    ...observations,
    append: durable(observations.append),
    deleteObservationsBefore: durable(observations.deleteObservationsBefore),
    rollups: rollups.rollups,
    rebuildRollups: durable(rollups.rebuildRollups),
    ...durableAll(sqliteDossiers(db)),
    ...durableAll(sqliteReports(db)),
    ...durableAll(sqliteAlerts(db)),
    reference: durableAll(sqliteReferenceStore(db)),
    accounts: durableAll(accessStoreOn(runner)),
    auditLog: durableAll(auditStoreOn(runner)),
    ...durableAll(sqliteFeedback(db)),
    async countRange(log, afterSeq, toSeq) {
      return (log === 'observations' ? rangeObs : rangeDossiers).get(afterSeq, toSeq) as number;
    },
    async sizeBytes() {
      const pages = (pageCount.get() as number) * (db.pragma('page_size', { simple: true }) as number);
      return pages + (file && existsSync(`${opts.file}-wal`) ? statSync(`${opts.file}-wal`).size : 0);
    },
    async close() {
      if (closed) return;
      closed = true;
      await wal?.close();
      await checkpointer?.close();
      db.close();
    },
  };
}
