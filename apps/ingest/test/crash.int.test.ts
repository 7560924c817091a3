import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, IngestResponse, Snapshot } from '@cityioc/contracts';
import { startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { startPostgres, type PostgresServer } from '../../../test-support/postgres.ts';
import { waitUntil } from '../../../test-support/wait.ts';
import { CHECKPOINT_FILE, removeCheckpoint } from '../src/live/checkpoint.ts';
import { openConfiguredStore } from '../src/store/open-store.ts';

/**
 * kill -9 in the middle of heavy concurrent ingest: after a restart (checkpoint + tail) every
 * acknowledged id is stored exactly once and the wall equals a fresh full replay of the log.
 */
const KEY = 'crash-test-key-0123456789';
const SCOPES = ['92', '31135', '31153', '31201', '31228'];
const AREAS = ['31135', '31153', '31174', '31201', '31228', '31232', '31261', '31299', '31258'];
const STATIONS = [
  ['wl-can-tho', '31135'],
  ['wl-cai-rang', '31201'],
  ['wl-o-mon', '31153'],
] as const;

let pg: PostgresServer | undefined;
const servers: ServerProcess[] = [];
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => pg?.stop());
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
  for (const c of cleanups.splice(0)) c();
});

function item(w: number, b: number, i: number) {
  const id = `w${w}-b${b}-${i}`;
  const observedAt = new Date(Date.parse('2026-11-22T00:00:00Z') + ((b * 37 + i) % 600) * 1000).toISOString(); // ties on purpose
  switch (i % 3) {
    case 0: {
      const [station, area] = STATIONS[(b + i) % 3]!;
      return { id, indicator: 'water_level', area, station, observedAt, value: (b * 13 + i * 7) % 250 };
    }
    case 1:
      return { id, indicator: 'e_document_rate', area: AREAS[(w + i) % 9]!, agency: `000.00.0${w}.H13`, observedAt, numerator: i % 50, denominator: 50 };
    default:
      return { id, indicator: 'citizen_reports_received', area: AREAS[(b + i) % 9]!, agency: `A${w}`, observedAt, value: (b * 200 + i) / 4 };
  }
}

const sorted = (cells: Cell[]) => [...cells].sort((a, b) => a.key.localeCompare(b.key));

async function crashAndRecover(env: Record<string, string>, dataDir: string) {
  const start = async () => {
    const s = await startServerProcess({ dataDir, env: { IOC_API_KEYS: `crash:${KEY}`, IOC_CHECKPOINT_INTERVAL_MS: '300', LOG_LEVEL: 'info', ...env } });
    servers.push(s);
    return s;
  };
  const first = await start();
  const acked = new Set<string>();
  let stop = false;
  let requests = 0;
  const sender = async (w: number) => {
    for (let b = 0; !stop; b++) {
      // every third batch re-sends half of the previous one: duplicates under load
      const observations = Array.from({ length: 250 }, (_, i) => (b % 3 === 2 && i % 2 === 0 ? item(w, b - 1, i) : item(w, b, i)));
      try {
        const r = await fetch(`${first.url}/api/v1/observations/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': KEY },
          body: JSON.stringify({ observations }),
        });
        if (r.status !== 200) throw new Error(`status ${r.status}: ${await r.text()}`);
        const body = (await r.json()) as IngestResponse;
        requests++;
        for (const x of body.results) if (x.status === 'accepted' || x.status === 'duplicate') acked.add(x.id!);
      } catch (e) {
        if (!stop) throw e;
        return;
      }
    }
  };
  const senders = [0, 1, 2, 3, 4, 5].map((w) => sender(w).catch((e: unknown) => e));
  // power off under load once a periodic checkpoint has been written and more was acknowledged after it (a tail)
  const checkpointed = () => existsSync(join(dataDir, CHECKPOINT_FILE)) && statSync(join(dataDir, CHECKPOINT_FILE)).size > 0;
  await waitUntil('a checkpoint under load', checkpointed, 30_000);
  const requestsAtCheckpoint = requests;
  await waitUntil('load after the checkpoint', () => requests >= requestsAtCheckpoint + 12 && acked.size > 2000, 30_000);
  stop = true;
  first.proc.kill('SIGKILL');
  expect(await first.stop()).toBeNull();
  const errors = (await Promise.all(senders)).filter((e) => e !== undefined);
  expect(errors).toEqual([]);
  expect(acked.size).toBeGreaterThan(2000);
  expect(requests).toBeGreaterThan(10);

  const second = await start();
  expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
  const walls = await Promise.all(
    SCOPES.map(async (s) => (await (await fetch(`${second.url}/api/v1/snapshot/${s}`, { headers: second.headers('leader') })).json()) as Snapshot),
  );
  const log = second.log();
  expect(await second.stop('SIGTERM')).toBe(0);

  // the log itself, read directly: every acknowledged id exactly once
  const store = await openConfiguredStore({ databaseUrl: env.IOC_DATABASE_URL ?? null, dataDir, sqliteSynchronous: 'FULL' });
  try {
    const seen = new Map<string, number>();
    await store.replay(0, (batch) => {
      for (const o of batch) seen.set(o.id, (seen.get(o.id) ?? 0) + 1);
    });
    const missing = [...acked].filter((id) => !seen.has(id));
    expect(missing).toEqual([]);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(await store.count()).toBe(seen.size);
  } finally {
    await store.close();
  }

  // the wall after the restart equals a fresh full replay of the log by the same server, derived
  // values included (flood band, NowCast, alerts' inputs): start again without the checkpoint
  removeCheckpoint(dataDir);
  const third = await start();
  expect((await fetch(`${third.url}/readyz`)).status).toBe(200);
  const replayed = await Promise.all(
    SCOPES.map(async (s) => (await (await fetch(`${third.url}/api/v1/snapshot/${s}`, { headers: third.headers('leader') })).json()) as Snapshot),
  );
  expect(third.log()).toContain('live state rebuilt from the logs');
  expect(await third.stop('SIGTERM')).toBe(0);
  for (const [i, wall] of walls.entries()) {
    expect(wall.cells.length).toBeGreaterThan(0);
    expect(sorted(wall.cells)).toEqual(sorted(replayed[i]!.cells));
  }
  return { acked: acked.size, log };
}

describe('crash: kill -9 under concurrent ingest', () => {
  it('SQLite: every acknowledged id once after the restart, the wall equals a full replay', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const r = await crashAndRecover({}, dir);
    expect(r.log).toContain('restored from the checkpoint and the tail');
  });

  it('PostgreSQL: every acknowledged id once after the restart, the wall equals a full replay', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const url = await pg!.createDatabase('crash');
    const r = await crashAndRecover({ IOC_DATABASE_URL: url }, dir);
    expect(r.log).toContain('restored from the checkpoint and the tail');
  });
});
