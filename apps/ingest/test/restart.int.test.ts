import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '@cityioc/contracts';
import { buildTestApp, ratio, TEST_KEY, wl, AS } from './helpers/build-test-app.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function seededEvents(n: number) {
  let x = 42;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const areas = ['31135', '31153', '31174', '31201', '31228', '31232', '31261', '31299', '31258'];
  const stations = [
    ['wl-can-tho', '31135'],
    ['wl-cai-rang', '31201'],
    ['wl-o-mon', '31153'],
  ] as const;
  const base = Date.parse('2026-11-22T00:00:00+07:00');
  return Array.from({ length: n }, (_, i) => {
    const t = new Date(base + Math.floor(rnd() * 3600_000)).toISOString();
    const kind = i % 3;
    if (kind === 0) {
      const [st, area] = stations[Math.floor(rnd() * 3)]!;
      return wl(`e${i}`, Math.round(rnd() * 250), { station: st, area, observedAt: t });
    }
    const area = areas[Math.floor(rnd() * areas.length)]!;
    if (kind === 1) {
      const den = 1 + Math.floor(rnd() * 500);
      return { ...ratio(`e${i}`, area, Math.floor(rnd() * den), den), observedAt: t };
    }
    return { id: `e${i}`, indicator: 'citizen_reports_received', area, observedAt: t, value: Math.floor(rnd() * 1000) };
  });
}

// Versions count this boot's changes and the epoch names the boot, so both change on restart
// (clients refetch); the cells must not.
const strip = (s: Snapshot) => ({ scope: s.scope, cells: [...s.cells].sort((a, b) => a.key.localeCompare(b.key)) });

describe('restart', () => {
  it('rebuilds the live state from the store file: every scope equals the state before the stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-restart-'));
    dirs.push(dataDir);
    const a = await buildTestApp({ dataDir }, {});
    const events = seededEvents(3000);
    for (let i = 0; i < events.length; i += 500) {
      const r = await a.app.inject({
        method: 'POST',
        url: '/api/v1/observations/batch',
        headers: { 'x-api-key': TEST_KEY },
        payload: { observations: events.slice(i, i + 500) },
      });
      expect(r.statusCode).toBe(200);
    }
    const scopes = ['92', '31135', '31153', '31201', '31299'];
    const before = await Promise.all(scopes.map(async (s) => strip((await a.app.inject({ headers: AS.analyst, url: `/api/v1/snapshot/${s}` })).json())));
    expect(before[0]!.cells.length).toBeGreaterThan(10);
    await a.app.close();

    const epochBefore = a.app.ioc.live.epoch;
    const b = await buildTestApp({ dataDir }, {});
    expect(b.app.ioc.live.epoch).not.toBe(epochBefore);
    expect(b.app.ioc.live.epoch.split('.')[0]).toBe(epochBefore.split('.')[0]);
    const after = await Promise.all(scopes.map(async (s) => strip((await b.app.inject({ headers: AS.analyst, url: `/api/v1/snapshot/${s}` })).json())));
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
