import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processGone } from './owned-process.ts';
import { ROOT } from './server-process.ts';

const orphans: number[] = [];
afterEach(() => {
  for (const pid of orphans.splice(0)) if (!processGone(pid)) process.kill(pid, 'SIGKILL');
});

describe('processes started by the test helpers', () => {
  it('die with the test process even when it is killed with SIGKILL (broker, database and its workers, ingest server)', async () => {
    const child = spawn(process.execPath, ['--conditions=@cityioc/source', '--import', 'tsx', 'test-support/orphans.fixture.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const line = await vi.waitUntil(() => out.split('\n').find((l) => l.startsWith('{')), { timeout: 60_000, interval: 50 });
    const started = JSON.parse(line) as { mosquitto: number; postgres: number; postgresWorkers: number[]; server: number };
    const pids = [started.mosquitto, started.postgres, ...started.postgresWorkers, started.server];
    orphans.push(...pids);
    expect(started.postgresWorkers.length).toBeGreaterThan(0);
    expect(pids.filter(processGone)).toEqual([]);

    child.kill('SIGKILL');
    await vi.waitFor(() => expect(pids.filter((p) => !processGone(p))).toEqual([]), { timeout: 5_000, interval: 50 });
  });
});
