import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../../../test-support/wait.ts';
import { CHECKPOINT_EVERY_ROWS, WalCheckpointer } from './wal-checkpointer.ts';

let dir = '';
let db: Database.Database | null = null;
afterEach(() => {
  db?.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('WalCheckpointer', () => {
  it('copies the WAL into the database file from a worker thread once enough rows were written, the connection never checkpointing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-ckpt-'));
    const file = join(dir, 'ioc.db');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
    })();
    // every page written is still in the WAL: the database file holds only its first pages
    const before = statSync(file).size;
    expect(before).toBeLessThan(64 * 1024);
    const failures: string[] = [];
    const c = new WalCheckpointer(file, (reason) => failures.push(reason));
    c.written(CHECKPOINT_EVERY_ROWS - 1);
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect([c.checkpoints, statSync(file).size]).toEqual([0, before]);
    c.written(1);
    await waitUntil('a checkpoint in the worker', () => c.checkpoints === 1);
    expect(statSync(file).size).toBeGreaterThan(1_500_000);
    // the connection reads what the worker moved, and its next write restarts the WAL from its start
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(20_000);
    await c.close();
    expect(failures).toEqual([]);
  });

  it('hands the checkpoints back when the worker cannot open the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-ckpt-'));
    const failures: string[] = [];
    const c = new WalCheckpointer(join(dir, 'missing', 'ioc.db'), (reason) => failures.push(reason));
    c.written(CHECKPOINT_EVERY_ROWS);
    await waitUntil('the failure reported', () => failures.length === 1);
    expect(failures[0]).toContain('directory does not exist');
    await c.close();
  });
});
