import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cell, Snapshot } from '@cityioc/contracts';
import { startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { forTheFile } from '../../../test-support/for-the-file.ts';
import { startPostgres } from '../../../test-support/postgres.ts';
import { waitUntil } from '../../../test-support/wait.ts';
import { CHECKPOINT_FILE, removeCheckpoint } from '../src/live/checkpoint.ts';
import { openConfiguredStore } from '../src/store/open-store.ts';
import { startLoad } from './helpers/load.ts';
import { CITY_AREAS, WATER_STATIONS } from './helpers/replay.ts';

/**
 * kill -9 in the middle of heavy concurrent ingest: after a restart (checkpoint + tail) every
 * acknowledged id is stored exactly once and the wall equals a fresh full replay of the log.
 */
const KEY = 'crash-test-key-0123456789';
const SCOPES = ['92', '31135', '31153', '31201', '31228'];
const AREAS = CITY_AREAS;
const STATIONS = WATER_STATIONS;

const postgres = forTheFile(startPostgres);
const servers: ServerProcess[] = [];
const cleanups: (() => void)[] = [];
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
  // six senders; every third batch re-sends half of the previous one: duplicates under load
  const load = startLoad(first.url, KEY, 6, (w, b) => Array.from({ length: 250 }, (_, i) => (b % 3 === 2 && i % 2 === 0 ? item(w, b - 1, i) : item(w, b, i))));
  const { acked } = load;
  // power off under load once a periodic checkpoint has been written and more was acknowledged after it (a tail)
  const checkpointed = () => existsSync(join(dataDir, CHECKPOINT_FILE)) && statSync(join(dataDir, CHECKPOINT_FILE)).size > 0;
  await waitUntil('a checkpoint under load', checkpointed, 30_000);
  const requestsAtCheckpoint = load.requests;
  await waitUntil('load after the checkpoint', () => load.requests >= requestsAtCheckpoint + 12 && acked.size > 2000, 30_000);
  load.halt();
  first.proc.kill('SIGKILL');
  expect(await first.stop()).toBeNull();
  const errors = await load.settled();
  expect(errors).toEqual([]);
  expect(acked.size).toBeGreaterThan(2000);
  expect(load.requests).toBeGreaterThan(10);

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
    const url = await postgres().createDatabase('crash');
    const r = await crashAndRecover({ IOC_DATABASE_URL: url }, dir);
    expect(r.log).toContain('restored from the checkpoint and the tail');
  });
});
