import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestResponse } from '@cityioc/contracts';

const KEY = 'process-test-key-0123456789';
const SERVER = new URL('../src/server.ts', import.meta.url).pathname;
const procs: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts the real server process (tsx src/server.ts) on a free port and waits for it to listen. */
function startServer(dataDir: string, extra: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', IOC_DATA_DIR: dataDir, IOC_DEMO: 'false', IOC_API_KEYS: `proc:${KEY}`, IOC_DASHBOARD_DIR: '', LOG_LEVEL: 'info', ...extra },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  procs.push(proc);
  let log = '';
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  return new Promise((resolve, reject) => {
    proc.on('message', (m: { ready?: boolean; port?: number }) => m.ready && resolve({ proc, url: `http://127.0.0.1:${m.port}` }));
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => p.once('exit', (code) => r(code)));

describe('the server process', () => {
  it('on SIGTERM flushes every acknowledged event; after a restart all are there, none twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-proc-'));
    dirs.push(dataDir);
    const { proc, url } = await startServer(dataDir);
    const acked = new Set<string>();
    let stop = false;
    const sender = async (w: number) => {
      for (let b = 0; !stop; b++) {
        const observations = Array.from({ length: 200 }, (_, i) => ({
          id: `w${w}-b${b}-${i}`,
          indicator: 'dossiers_received',
          area: '916',
          agency: `000.00.${String(w).padStart(2, '0')}.H13`,
          observedAt: new Date(Date.parse('2026-11-22T00:00:00Z') + b * 1000 + i).toISOString(),
          value: b * 200 + i,
        }));
        try {
          const r = await fetch(`${url}/api/v1/observations/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify({ observations }) });
          if (r.status !== 200) break;
          const body = (await r.json()) as IngestResponse;
          for (const x of body.results) if (x.status === 'accepted') acked.add(x.id!);
        } catch {
          break;
        }
      }
    };
    const senders = [0, 1, 2, 3].map(sender);
    await new Promise((r) => setTimeout(r, 1500));
    const exit = exited(proc);
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
    stop = true;
    await Promise.all(senders);
    expect(acked.size).toBeGreaterThan(1000);

    const again = await startServer(dataDir);
    const ready = (await (await fetch(`${again.url}/readyz`)).json()) as { seq: number };
    // every acknowledged id is stored exactly once: re-sending them all yields only duplicates
    const ids = [...acked];
    let dup = 0;
    for (let i = 0; i < ids.length; i += 2000) {
      const observations = ids.slice(i, i + 2000).map((id) => ({ id, indicator: 'dossiers_received', area: '916', observedAt: '2026-11-22T00:00:00Z', value: 1 }));
      const r = (await (await fetch(`${again.url}/api/v1/observations/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify({ observations }) })).json()) as IngestResponse;
      dup += r.duplicates;
      expect(r.accepted).toBe(0);
    }
    expect(dup).toBe(acked.size);
    expect(ready.seq).toBeGreaterThanOrEqual(acked.size);
    const e2 = exited(again.proc);
    again.proc.kill('SIGINT');
    expect(await e2).toBe(0);
  });

  it('refuses to start with a bad configuration, naming the variable', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', SERVER], { env: { ...process.env, IOC_TICK_MS: 'fast' }, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(proc);
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    expect(await exited(proc)).toBe(2);
    expect(err).toContain('IOC_TICK_MS=fast');
  });
});
