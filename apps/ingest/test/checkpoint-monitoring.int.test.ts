import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_THO_ALERT_RULES, CAN_THO_CATALOGUE, createWorkCalendar, DOSSIER_LIVE_INDICATOR_IDS, indexCatalogue } from '@cityioc/domain';
import { AlertService } from '../src/alerts/alert.service.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Alert, AlertEvent, Observation } from '@cityioc/contracts';
import { CHECKPOINT_FILE, CHECKPOINT_VERSION } from '../src/live/checkpoint.ts';
import { buildTestApp, T0, wl, AS } from './helpers/build-test-app.ts';
import { feedAll, importDemoReports, openDossierEvents, snapshotsOf, type stripSnapshot } from './helpers/replay.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** The checkpoint is taken here: inside a flood-band hold (BĐ I crossed 3 min earlier, hold 10 min) and a pm25 episode. */
const CUT = T0 - 3 * HOUR - 2 * MIN;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Reading = { observedAt: string } & Record<string, unknown>;
const iso = (t: number) => new Date(t).toISOString();

/** Water level at Cần Thơ every 5 min over 6 h: rises through BĐ I (at T0 − 3 h 5 min), to BĐ II, falls below BĐ I, rises again. */
function water(): Reading[] {
  const out: Reading[] = [];
  for (let k = 0; k <= 72; k++) {
    let v: number;
    if (k <= 30) v = 160 + (k % 4);
    else if (k <= 35) v = 160 + (k - 30) * 4.5;
    else if (k <= 44) v = Math.min(196, 182.5 + (k - 35) * 2);
    else if (k <= 58) v = 196 - (k - 44) * 2.2;
    else v = 165 + (k - 58) * 1.6;
    out.push(wl(`w${k}`, Math.round(v * 10) / 10, { observedAt: iso(T0 - 6 * HOUR + k * 5 * MIN) }));
  }
  return out;
}

/** Two air stations every 20 min over 34 h: pm25, pm10, o3, with two pollution episodes (one across the checkpoint). */
function air(): Reading[] {
  const out: Reading[] = [];
  const stations = [
    ['aq-ninh-kieu', '31135', 0],
    ['aq-cai-rang', '31186', 7],
  ] as const;
  for (let t = T0 - 34 * HOUR; t <= T0 - 10 * MIN; t += 20 * MIN) {
    const h = (t - T0) / HOUR;
    for (const [station, area, shift] of stations) {
      const episode = (h > -20 && h < -18) || (h > -3.7 && h < -1.9);
      const pm25 = Math.round((episode ? 170 + shift : 38 + 22 * Math.sin((h + shift) / 3) + shift) * 10) / 10;
      const base = { area, station, observedAt: iso(t) };
      out.push({ ...base, id: `${station}-pm25-${t}`, indicator: 'pm25', value: pm25 });
      out.push({ ...base, id: `${station}-pm10-${t}`, indicator: 'pm10', value: Math.round(pm25 * 16) / 10 });
      out.push({ ...base, id: `${station}-o3-${t}`, indicator: 'o3', value: Math.round((70 + 45 * Math.sin(h / 4)) * 10) / 10 });
    }
  }
  return out;
}

const dossierEvents = (from: number, n: number) => openDossierEvents(from, n, { idPrefix: 'dm', units: ['31135', '31174', '31201'] });

/** Sends the readings and dossiers as the feeds do, then lets the alert queue settle. */
async function ingest(app: FastifyInstance, readings: Reading[], dossiers: unknown[] = []) {
  await feedAll(app, readings, dossiers, 200);
  await app.ioc.alerts.flush();
}

/** The city's Decree 09 reports (the simulator's demo files): published to the live state as reported_* values at start and on import. */
const importReports = (app: FastifyInstance) => importDemoReports(app);

const SCOPES = ['92', '31135', '31174', '31201'];
const DERIVED = ['flood_band', 'water_above_bd1', 'aqi_nowcast', 'aqi_daily'];

/** What the wall and the operators see: snapshots (derived indicators included), air quality, alerts and their trails. */
async function observe(app: FastifyInstance) {
  const snapshots = await snapshotsOf(app, SCOPES);
  const airQuality = (await app.inject({ headers: AS.analyst, url: '/api/v1/air-quality/92' })).json() as { stations: { station: string }[] };
  const alerts = ((await app.inject({ headers: AS.analyst, url: '/api/v1/alerts?limit=1000' })).json() as { alerts: Alert[] }).alerts.sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  const trails: Record<string, AlertEvent[]> = {};
  for (const a of alerts)
    trails[a.id] = ((await app.inject({ headers: AS.analyst, url: `/api/v1/alerts/${encodeURIComponent(a.id)}` })).json() as { events: AlertEvent[] }).events;
  return { snapshots, air: airQuality.stations.sort((a, b) => a.station.localeCompare(b.station)), alerts, trails };
}

async function open(dataDir?: string) {
  const a = await buildTestApp({ checkpointIntervalMs: 0, ...(dataDir ? { dataDir } : {}) });
  cleanups.push(async () => a.app.close());
  return a;
}

describe('checkpoints carry the monitoring and alert-engine state', () => {
  it('checkpoint + tail gives the same derived indicators, air quality and alerts as a full replay; no alert is raised twice', async () => {
    const all = [...water(), ...air()].sort((x, y) => Date.parse(x.observedAt) - Date.parse(y.observedAt));
    const head = all.filter((r) => Date.parse(r.observedAt) < CUT);
    // the tail, with a late pm25 reading for an hour before the checkpoint (recomputes the current NowCast)
    const tail = [
      ...all.filter((r) => Date.parse(r.observedAt) >= CUT),
      { id: 'late-pm25', indicator: 'pm25', area: '31135', station: 'aq-ninh-kieu', observedAt: iso(T0 - 5 * HOUR - 30 * MIN), value: 140 },
    ];

    const a = await open();
    await ingest(a.app, head, dossierEvents(0, 40));
    await importReports(a.app);
    await a.app.checkpointNow();
    const cp = readFileSync(join(a.dataDir, CHECKPOINT_FILE), 'utf8');
    // reported values are republished from the store at start, so the checkpoint leaves them out
    expect(cp).not.toContain('reported_');
    const header = JSON.parse(cp.slice(0, cp.indexOf('\n'))) as { version: number; bytes: number };
    expect(header.version).toBe(CHECKPOINT_VERSION);
    // the pending flood-band hold is in the checkpoint (the band has been crossed, not yet confirmed)
    expect(a.app.ioc.alerts.exportState().engine.subjects.find(([k]) => k === 'flood-band|wl-can-tho')?.[3].pending).toMatchObject({ since: CUT - 3 * MIN });
    const mid = join(a.dataDir, 'mid-checkpoint');
    copyFileSync(join(a.dataDir, CHECKPOINT_FILE), mid);
    await ingest(a.app, tail, dossierEvents(40, 30));
    const before = await observe(a.app);
    await a.app.close();

    // the scenario produced what it is meant to test
    const cells = before.snapshots.flatMap((s) => s.cells);
    expect(cells.some((c) => c.indicator.startsWith('reported_') && c.value !== null)).toBe(true);
    for (const ind of DERIVED)
      expect(
        cells.some((c) => c.indicator === ind && c.value !== null),
        ind,
      ).toBe(true);
    expect(before.air.map((s) => s.station)).toEqual(['aq-cai-rang', 'aq-ninh-kieu']);
    const rules = new Set(before.alerts.map((x) => x.ruleId));
    for (const r of ['flood-band', 'water-rise', 'aqi-band', 'pm25-high']) expect(rules, r).toContain(r);
    const flood = before.alerts.filter((x) => x.ruleId === 'flood-band').sort((x, y) => x.startedAt - y.startedAt);
    expect(flood.length).toBe(2);
    expect(flood[0]).toMatchObject({ startedAt: CUT - 3 * MIN });
    expect(flood[0]!.clearedAt).not.toBeNull();
    expect(flood[1]!.clearedAt).toBeNull();

    // as after a crash: only the mid-way checkpoint exists, the tail is in the log
    copyFileSync(mid, join(a.dataDir, CHECKPOINT_FILE));
    const b = await open(a.dataDir);
    expect(b.app.startup).toMatchObject({ from: 'checkpoint', observations: tail.length, dossierEvents: 30 });
    const fromCheckpoint = await observe(b.app);
    await b.app.close();

    writeFileSync(join(a.dataDir, CHECKPOINT_FILE), ''); // unusable: forces a full replay
    const c = await open(a.dataDir);
    expect(c.app.startup).toMatchObject({ from: 'full-replay', observations: head.length + tail.length });
    const full = await observe(c.app);
    await c.app.close();

    expect(fromCheckpoint.snapshots).toEqual(full.snapshots);
    expect(fromCheckpoint.air).toEqual(full.air);
    // both restarts leave the alerts exactly as the running server left them: nothing raised twice, nothing missed
    expect(fromCheckpoint.alerts).toEqual(before.alerts);
    expect(fromCheckpoint.trails).toEqual(before.trails);
    expect(full.alerts).toEqual(before.alerts);
    expect(full.trails).toEqual(before.trails);
    for (const events of Object.values(full.trails)) expect(events.filter((e) => e.action === 'raised')).toHaveLength(1);
    // and the wall shows what it showed before the stop (dossier-derived values are republished on the next tick)
    const observed = (x: ReturnType<typeof stripSnapshot>[]) =>
      x.map((s) => ({ ...s, cells: s.cells.filter((cell) => !DOSSIER_LIVE_INDICATOR_IDS.includes(cell.indicator)) }));
    expect(observed(full.snapshots)).toEqual(observed(before.snapshots));
    expect(full.air).toEqual(before.air);
  });

  it('ignores a checkpoint of the previous format (without monitoring state) and replays the whole log', async () => {
    const a = await open();
    await ingest(a.app, water().slice(0, 40));
    const before = await observe(a.app);
    await a.app.close();
    const file = join(a.dataDir, CHECKPOINT_FILE);
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    const body = JSON.parse(text.slice(nl + 1)) as Record<string, unknown>;
    delete body.monitoring;
    delete body.alerts;
    const v1Body = JSON.stringify(body);
    const { createHash } = await import('node:crypto');
    const header = {
      ...(JSON.parse(text.slice(0, nl)) as Record<string, unknown>),
      version: 1,
      bytes: Buffer.byteLength(v1Body),
      sha256: createHash('sha256').update(v1Body).digest('hex'),
    };
    writeFileSync(file, `${JSON.stringify(header)}\n${v1Body}`);
    const b = await open(a.dataDir);
    expect(b.app.startup).toMatchObject({ from: 'full-replay', observations: 40 });
    expect(b.app.startup?.reason).toMatch(/format version 1/);
    expect(await observe(b.app)).toEqual(before);
  });

  it('signals derived before the checkpoint but not yet stored are stored after a restart from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-pending-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const index = indexCatalogue(CAN_THO_CATALOGUE);
    const service = (file: string) => {
      const store = openSqliteStore({ file: join(dir, file) });
      cleanups.push(async () => store.close());
      return {
        store,
        alerts: new AlertService(
          index,
          store,
          createWorkCalendar(),
          CAN_THO_ALERT_RULES,
          () => T0 + MIN,
          () => undefined,
        ),
      };
    };
    const before = service('before.db');
    const readings = water().map((r) => ({ ...r, observedAt: Date.parse(r.observedAt) }) as unknown as Observation);
    before.alerts.observe(readings);
    // taken synchronously, as the checkpoint is: the store writes of these signals are still queued
    const state = JSON.parse(JSON.stringify(before.alerts.exportState())) as ReturnType<AlertService['exportState']>;
    expect(state.pending.map((x) => x.type)).toContain('raise');
    // the process dies before storing them: a second store stands for what the crashed one holds
    const after = service('after.db');
    after.alerts.importState(state);
    await after.alerts.flush();
    await before.alerts.flush();
    const stored = async (s: typeof before) => (await s.store.listAlerts({ limit: 100 })).map(({ id, clearedAt, severity }) => ({ id, clearedAt, severity }));
    expect((await stored(after)).length).toBeGreaterThan(0);
    expect(await stored(after)).toEqual(await stored(before));
    expect(after.alerts.exportState().pending).toEqual([]);
  });
});
