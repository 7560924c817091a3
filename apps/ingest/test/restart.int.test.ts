import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_KEY } from './helpers/build-test-app.ts';
import { feedAll, seededObservations, snapshotsOf } from './helpers/replay.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Seeded mixed events in the first hour of 22 Nov 2026. */
const seededEvents = (n: number) =>
  seededObservations(n, {
    seed: 42,
    idPrefix: 'e',
    observedAt: (r) => new Date(Date.parse('2026-11-22T00:00:00+07:00') + Math.floor(r * 3600_000)).toISOString(),
  });

// Versions count this boot's changes and the epoch names the boot, so both change on restart
// (clients refetch); the cells must not: snapshotsOf leaves them out.

describe('restart', () => {
  it('rebuilds the live state from the store file: every scope equals the state before the stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-restart-'));
    dirs.push(dataDir);
    const a = await buildTestApp({ dataDir }, {});
    const events = seededEvents(3000);
    await feedAll(a.app, events);
    const scopes = ['92', '31135', '31153', '31201', '31299'];
    const before = await snapshotsOf(a.app, scopes);
    expect(before[0]!.cells.length).toBeGreaterThan(10);
    await a.app.close();

    const epochBefore = a.app.ioc.live.epoch;
    const b = await buildTestApp({ dataDir }, {});
    expect(b.app.ioc.live.epoch).not.toBe(epochBefore);
    expect(b.app.ioc.live.epoch.split('.')[0]).toBe(epochBefore.split('.')[0]);
    const after = await snapshotsOf(b.app, scopes);
    expect(after).toEqual(before);
    // and a retry of acknowledged events after the restart is still a duplicate
    const retry = await b.app.inject({
      method: 'POST',
      url: '/api/v1/observations/batch',
      headers: { 'x-api-key': TEST_KEY },
      payload: { observations: events.slice(0, 10) },
    });
    expect(retry.json()).toMatchObject({ accepted: 0, duplicates: 10 });
    await b.app.close();
  });
});
