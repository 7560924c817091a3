import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { waitUntil } from '../../../test-support/wait.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { reports, startLoad } from './helpers/load.ts';

const KEY = 'backup-test-key-0123456789';
const servers: ServerProcess[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
  for (const c of cleanups.splice(0)) c();
});

/** Runs `npm run <script> -- <file>` as a user would. */
function npmRun(script: 'backup' | 'restore', file: string, dataDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('npm', ['run', '--silent', script, '--', file], {
      cwd: ROOT,
      env: { ...process.env, IOC_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.once('exit', (code) => resolve({ code, out }));
  });
}

async function count(file: string): Promise<{ ids: Set<string>; n: number }> {
  const s = openSqliteStore({ file });
  const ids = new Set<string>();
  await s.replay(0, (b) => b.forEach((o) => ids.add(o.id)));
  const n = await s.count();
  await s.close();
  return { ids, n };
}

describe('backup and restore of the embedded store (npm run backup / restore)', () => {
  it('a backup taken under ingest is consistent and holds every id acknowledged before it started; restore refuses while running', async () => {
    const { dir: dataDir, remove } = tempDataDir();
    const { dir: outDir, remove: removeOut } = tempDataDir();
    cleanups.push(remove, removeOut);
    const server = await startServerProcess({ dataDir, env: { IOC_API_KEYS: `bk:${KEY}` } });
    servers.push(server);
    const load = startLoad(server.url, KEY, 3, (w, b) => reports(w, b, `A${w}`, (i) => i));
    const { acked } = load;
    await waitUntil('ingest under way', () => acked.size >= 600);
    const ackedBefore = new Set(acked);
    const file = join(outDir, 'ioc-backup.db');
    const backup = await npmRun('backup', file, dataDir);
    const ackedAfter = acked.size;
    expect(backup.out).not.toContain('failed');
    expect(backup.code).toBe(0);
    await waitUntil('ingest going on after the backup', () => acked.size > ackedAfter);
    expect(await load.settled()).toEqual([]);
    expect(acked.size).toBeGreaterThan(ackedAfter);

    const inBackup = await count(file);
    expect(inBackup.n).toBe(inBackup.ids.size);
    expect(inBackup.n).toBeGreaterThanOrEqual(ackedBefore.size);
    expect(ackedBefore.size).toBeGreaterThan(0);
    expect([...ackedBefore].filter((id) => !inBackup.ids.has(id))).toEqual([]);
    expect(inBackup.n).toBeLessThan(acked.size); // a snapshot, not the final state
    expect(JSON.parse(backup.out.trim().split('\n').pop()!)).toMatchObject({ observations: inBackup.n });
    expect(await npmRun('backup', file, dataDir)).toMatchObject({ code: 1 }); // never overwrites

    // restore refuses while the IOC runs
    const refused = await npmRun('restore', file, dataDir);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/is running/);
    expect(await server.stop('SIGTERM')).toBe(0);

    const restored = await npmRun('restore', file, dataDir);
    expect(restored.code).toBe(0);
    expect(readdirSync(dataDir).some((f) => f.startsWith('ioc.db.before-restore-'))).toBe(true);
    expect(existsSync(join(dataDir, 'checkpoint.json'))).toBe(false);
    const again = await startServerProcess({ dataDir, env: { IOC_API_KEYS: `bk:${KEY}` } });
    servers.push(again);
    const ready = (await (await fetch(`${again.url}/readyz`)).json()) as { seq: number };
    expect(ready.seq).toBeGreaterThan(0);
    expect(await again.stop('SIGTERM')).toBe(0);
    expect((await count(join(dataDir, 'ioc.db'))).n).toBe(inBackup.n);
  }, 240_000); // five process starts (npm, node) on a shared machine

  it('restore refuses a file that is not a CityIOC store', async () => {
    const { dir: dataDir, remove } = tempDataDir();
    cleanups.push(remove);
    const r = await npmRun('restore', join(ROOT, 'package.json'), dataDir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/restore refused/);
  }, 120_000);
});
