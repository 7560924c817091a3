import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestResponse } from '@cityioc/contracts';
import { waitUntil } from '../../../test-support/wait.ts';
import { reports, startLoad } from './helpers/load.ts';
import { compiledEnv, SERVER_ENTRY, startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';

const KEY = 'process-test-key-0123456789';
const servers: ServerProcess[] = [];
const cleanups: (() => void)[] = [];
const procs: ChildProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
  for (const p of procs.splice(0)) p.kill('SIGKILL');
  for (const c of cleanups.splice(0)) c();
});

async function startServer(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const s = await startServerProcess({ dataDir, env: { IOC_API_KEYS: `proc:${KEY}` } });
  servers.push(s);
  return s;
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => p.once('exit', (code) => r(code)));

/** Starts the compiled server with `env` added to this environment; resolves with its exit code and what it wrote to stderr. */
async function runWithEnv(env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  const proc = spawn(process.execPath, [SERVER_ENTRY], { env: { ...compiledEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  return { code: await exited(proc), err };
}

describe('the server process', () => {
  it('on SIGTERM flushes every acknowledged event; after a restart all are there, none twice', async () => {
    const { dir: dataDir, remove } = tempDataDir();
    cleanups.push(remove);
    const { proc, url } = await startServer(dataDir);
    const load = startLoad(url, KEY, 4, (w, b) => reports(w, b, `000.00.${String(w).padStart(2, '0')}.H13`, (i) => b * 200 + i));
    const { acked } = load;
    await waitUntil('acknowledged load', () => acked.size > 1000, 30_000);
    const exit = exited(proc);
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
    // the requests cut by the stop end their senders: what matters is what was acknowledged
    await load.settled();
    expect(acked.size).toBeGreaterThan(1000);

    const again = await startServer(dataDir);
    const ready = (await (await fetch(`${again.url}/readyz`)).json()) as { seq: number };
    // every acknowledged id is stored exactly once: re-sending them all yields only duplicates
    const ids = [...acked];
    let dup = 0;
    for (let i = 0; i < ids.length; i += 2000) {
      const observations = ids
        .slice(i, i + 2000)
        .map((id) => ({ id, indicator: 'citizen_reports_received', area: '31135', observedAt: '2026-11-22T00:00:00Z', value: 1 }));
      const r = (await (
        await fetch(`${again.url}/api/v1/observations/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': KEY },
          body: JSON.stringify({ observations }),
        })
      ).json()) as IngestResponse;
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
    const { code, err } = await runWithEnv({ IOC_TICK_MS: 'fast' });
    expect(code).toBe(2);
    expect(err).toContain('IOC_TICK_MS=fast');
  });

  it('names every bad variable, core and connector, in one message', async () => {
    const { code, err } = await runWithEnv({
      IOC_TICK_MS: 'fast',
      IOC_DEMO: 'maybe',
      IOC_DATABASE_URL: 'mysql://root:hunter2@db/ioc',
      IOC_MQTT_URL: 'mqtt://127.0.0.1:1',
      IOC_MQTT_CADENCE_SEC: '0',
      IOC_NGSI_LD_BROKER_URL: 'orion:1026',
    });
    expect(code).toBe(2);
    expect(err).toContain('configuration error: 5 bad variables');
    expect(err).toContain('IOC_TICK_MS=fast: expected an integer in [10, 10000]');
    expect(err).toContain('IOC_DEMO=maybe: expected true/false');
    expect(err).toContain('IOC_DATABASE_URL=(hidden): expected postgres://');
    expect(err).not.toContain('hunter2');
    expect(err).toContain('IOC_MQTT_CADENCE_SEC=0: expected an integer in [1, 86400]');
    expect(err).toContain('IOC_NGSI_LD_BROKER_URL=orion:1026: expected http(s)://host:port');
  });
});
