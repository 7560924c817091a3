import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { removeCheckpoint } from '../live/checkpoint.ts';

/** The server writes its pid here while it runs (server.ts); restore refuses while it is alive. */
export const PID_FILE = 'ioc.pid';
export const DB_FILE = 'ioc.db';

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The pid of a live server on this data dir, or null. */
export function runningServer(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

function describe(file: string): { observations: number; lastSeq: number; dossierEvents: number; epoch: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} fails the SQLite integrity check: ${String(check)}`);
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]).map(String));
    for (const t of ['meta', 'observations', 'dossier_events']) if (!tables.has(t)) throw new Error(`${file} is not a CityIOC store (no ${t} table)`);
    return {
      observations: db.prepare('SELECT COUNT(*) FROM observations').pluck().get() as number,
      lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) FROM observations').pluck().get() as number,
      dossierEvents: db.prepare('SELECT COUNT(*) FROM dossier_events').pluck().get() as number,
      epoch: db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).pluck().get() as string,
    };
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of the embedded store while the server runs: `VACUUM INTO` reads one WAL
 * snapshot (writers go on; the online backup API would restart on every concurrent write) into
 * a temporary file, which is fsynced and renamed to `target`.
 */
export function backupSqlite(dataDir: string, target: string): ReturnType<typeof describe> {
  const source = join(dataDir, DB_FILE);
  if (!existsSync(source)) throw new Error(`no store at ${source} (set IOC_DATA_DIR)`);
  const out = resolve(target);
  if (existsSync(out)) throw new Error(`${out} exists: choose a new file name`);
  const tmp = join(dirname(out), `.${basename(out)}.partial`);
  rmSync(tmp, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(tmp);
  } finally {
    db.close();
  }
  fsyncPath(tmp);
  renameSync(tmp, out);
  fsyncPath(dirname(out));
  return describe(out);
}

/**
 * Replaces the embedded store with a backup. Refuses while a server runs on the data dir. The
 * current store is kept beside it (ioc.db.before-restore-<time>), the checkpoint is removed (it
 * describes the replaced log), and the next start replays the restored log.
 */
export function restoreSqlite(dataDir: string, backup: string, now: number): ReturnType<typeof describe> & { previous: string | null } {
  const pid = runningServer(dataDir);
  if (pid !== null) throw new Error(`the IOC is running on ${dataDir} (pid ${pid}): stop it first`);
  const info = describe(resolve(backup));
  const target = join(dataDir, DB_FILE);
  const tmp = join(dataDir, `${DB_FILE}.restoring`);
  copyFileSync(resolve(backup), tmp);
  fsyncPath(tmp);
  let previous: string | null = null;
  if (existsSync(target)) {
    // fold a leftover WAL into the old file before keeping it aside
    const old = new Database(target);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    previous = `${target}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, previous);
  }
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  removeCheckpoint(dataDir);
  renameSync(tmp, target);
  fsyncPath(dataDir);
  return { ...info, previous };
}
