import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it("holds the process until its worker has closed, though the worker is unref'd while it serves", () => {
    // a process whose last handle is the worker (a server whose listener closed, a bench) must finish
    // its close: before, it ended with code 13 (an unsettled await) and never closed its own connection
    dir = mkdtempSync(join(tmpdir(), 'ioc-ckpt-'));
    const module = fileURLToPath(new URL('./wal-checkpointer.ts', import.meta.url));
    const script = join(dir, 'child.mts');
    writeFileSync(
      script,
      `import { createRequire } from 'node:module';
import { WalCheckpointer, CHECKPOINT_EVERY_ROWS } from ${JSON.stringify(module)};
const Database = createRequire(${JSON.stringify(module)})('better-sqlite3');
const db = new Database(${JSON.stringify(join(dir, 'ioc.db'))});
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE t (x TEXT)');
const c = new WalCheckpointer(${JSON.stringify(join(dir, 'ioc.db'))}, (reason) => console.log('failed', reason));
c.written(CHECKPOINT_EVERY_ROWS);
while (c.checkpoints === 0) await new Promise((r) => setTimeout(r, 10));
await c.close();
db.close();
console.log('closed');
`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../../../../../', import.meta.url)),
      encoding: 'utf8',
    });
    expect({ status: child.status, stdout: child.stdout.trim() }).toEqual({ status: 0, stdout: 'closed' });
  });
});
