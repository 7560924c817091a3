import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../test-support/postgres.ts';
import type { FastifyInstance } from 'fastify';
import { DOSSIER_LIVE_INDICATOR_IDS } from '@cityioc/domain';
import { CHECKPOINT_FILE } from '../src/live/checkpoint.ts';
import { buildTestApp, T0, wl, AS } from './helpers/build-test-app.ts';
import { checkpointApps } from './helpers/checkpoint-apps.ts';
import { feedAll, type stripSnapshot } from './helpers/replay.ts';

const { open, closeAfterTest, events, dossierEvents, snapshots } = checkpointApps({
  seed: 7,
  idPrefix: 'c',
  dossierPrefix: 'd',
  scopes: ['92', '31135', '31153', '31201', '31299'],
});
const ingest = (app: FastifyInstance, obs: unknown[], dossiers: unknown[] = []) => feedAll(app, obs, dossiers);

describe('checkpoints', () => {
  it('checkpoint + tail equals a full replay of the whole log, and two full replays are identical', async () => {
    const a = await open();
    await ingest(a.app, events(1500), dossierEvents(0, 60));
    await a.app.checkpointNow();
    const mid = join(a.dataDir, 'mid-checkpoint');
    copyFileSync(join(a.dataDir, CHECKPOINT_FILE), mid);
    await ingest(a.app, events(1200, 1500), dossierEvents(60, 50));
    const before = await snapshots(a.app);
    expect(before[0]!.cells.length).toBeGreaterThan(10);
    await a.app.close();

    // as after a crash: only the older checkpoint exists, the tail is in the log
    copyFileSync(mid, join(a.dataDir, CHECKPOINT_FILE));
    const b = await open(a.dataDir);
    expect(b.app.startup).toMatchObject({ from: 'checkpoint', observations: 1200, dossierEvents: 50 });
    const fromCheckpoint = await snapshots(b.app);
    const watchB = (await b.app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/indicators?period=2026-11&scope=92&by=area' })).json();
    await b.app.close();

    writeFileSync(join(a.dataDir, CHECKPOINT_FILE), ''); // unusable: forces a full replay
    const c = await open(a.dataDir);
    expect(c.app.startup).toMatchObject({ from: 'full-replay', observations: 2700, dossierEvents: 110 });
    const full1 = await snapshots(c.app);
    const watchC = (await c.app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/indicators?period=2026-11&scope=92&by=area' })).json();
    await c.app.close();
    writeFileSync(join(a.dataDir, CHECKPOINT_FILE), 'x');
    const d = await open(a.dataDir);
    const full2 = await snapshots(d.app);

    expect(fromCheckpoint).toEqual(full1);
    expect(full2).toEqual(full1);
    // the running server republishes derived dossier values on its next tick: compare the observation cells
    const observed = (x: ReturnType<typeof stripSnapshot>[]) =>
      x.map((s) => ({ ...s, cells: s.cells.filter((c) => !DOSSIER_LIVE_INDICATOR_IDS.includes(c.indicator)) }));
    expect(observed(full1)).toEqual(observed(before));
    expect((watchB as { total: { received: number } }).total.received).toBeGreaterThan(10);
    expect(watchB).toEqual(watchC);
  });

  it('a clean shutdown leaves a checkpoint that covers everything: the restart replays nothing', async () => {
    const a = await open();
    await ingest(a.app, events(900));
    const before = await snapshots(a.app);
    await a.app.close();
    const b = await open(a.dataDir);
    expect(b.app.startup).toMatchObject({ from: 'checkpoint', observations: 0, dossierEvents: 0 });
    expect(await snapshots(b.app)).toEqual(before);
  });

  it('ignores a corrupt, incompatible or foreign checkpoint with a reason, and replays the whole log', async () => {
    const a = await open();
    await ingest(a.app, events(600));
    const before = await snapshots(a.app);
    await a.app.close();
    const file = join(a.dataDir, CHECKPOINT_FILE);
    const good = readFileSync(file, 'utf8');
    const nl = good.indexOf('\n');
    const header = JSON.parse(good.slice(0, nl)) as Record<string, unknown>;
    const cases: [string, string, RegExp][] = [
      ['flipped byte', good.slice(0, -5) + 'X' + good.slice(-4), /checksum/],
      ['truncated', good.slice(0, good.length - 100), /checksum/],
      ['garbage header', `{nope\n${good.slice(nl + 1)}`, /corrupt header/],
      ['newer format', `${JSON.stringify({ ...header, version: 99 })}\n${good.slice(nl + 1)}`, /format version 99/],
      // version 4 carried the packed dossiers in one JSON body; version 5 writes a line per dossier (issue 16 #7)
      ['the previous format', `${JSON.stringify({ ...header, version: 4 })}\n${good.slice(nl + 1)}`, /format version 4, this server reads 5/],
      ['another store', `${JSON.stringify({ ...header, storeEpoch: 'other' })}\n${good.slice(nl + 1)}`, /another store/],
      ['ahead of the log', `${JSON.stringify({ ...header, observationsSeq: 10 ** 9 })}\n${good.slice(nl + 1)}`, /ahead of the observation log/],
    ];
    for (const [, text, reason] of cases) {
      writeFileSync(file, text);
      const b = await buildTestApp({ checkpointIntervalMs: 0, dataDir: a.dataDir });
      expect(b.app.startup?.from).toBe('full-replay');
      expect(b.app.startup?.reason).toMatch(reason);
      expect(b.app.startup?.observations).toBe(600);
      expect(await snapshots(b.app)).toEqual(before);
      await b.app.close();
    }
  });

  it('writes checkpoints periodically', async () => {
    const a = await open(undefined, { checkpointIntervalMs: 50 });
    await ingest(a.app, events(300));
    await vi.waitFor(() => {
      const header = JSON.parse(readFileSync(join(a.dataDir, CHECKPOINT_FILE), 'utf8').split('\n')[0]!) as { observationsSeq: number };
      expect(header.observationsSeq).toBe(300);
    });
  });
});

describe('checkpoints on a shared PostgreSQL database', () => {
  let pg: PostgresServer | undefined;
  afterAll(async () => pg?.stop());

  it("two nodes write one log: each follows the other's writes, so its checkpoint covers the whole log, and a restart reads only the tail", async () => {
    pg = await startPostgres();
    const databaseUrl = await pg.createDatabase('shared');
    const a = await open(undefined, { databaseUrl });
    const b = await open(undefined, { databaseUrl });
    await ingest(a.app, events(300));
    await ingest(b.app, events(300, 300));
    await ingest(a.app, events(300, 600));
    // a follows b's writes (the log tail, issue 16): its checkpoint at close covers all 900
    await a.app.close();
    // written while a is down: the tail a reads at its next start
    await ingest(b.app, events(300, 900));
    // a held the alert evaluator lock; with a gone, b takes it over, and the audit log says so
    const evaluators = async () => {
      const r = await b.app.inject({ headers: AS.admin, url: '/api/v1/admin/audit?action=alerts.evaluator' });
      return (r.json() as { records: { actor: string; target: string; details: { evaluates: boolean } }[] }).records;
    };
    await vi.waitUntil(async () => new Set((await evaluators()).map((x) => x.target)).size === 2, { timeout: 20_000, interval: 200 });
    const [taken, first] = await evaluators(); // newest first
    expect([first!.actor, first!.details.evaluates, taken!.actor, taken!.details.evaluates]).toEqual(['system', true, 'system', true]);
    expect(taken!.target).not.toBe(first!.target);
    await b.app.close();
    const a2 = await open(a.dataDir, { databaseUrl });
    expect(a2.app.startup).toMatchObject({ from: 'checkpoint', observations: 300 });
    const restarted = await snapshots(a2.app);
    await a2.app.close();
    // a node with no checkpoint replays the whole log, and sees exactly what the restarted node sees
    const fresh = await open(undefined, { databaseUrl });
    expect(fresh.app.startup).toMatchObject({ from: 'full-replay', observations: 1200 });
    expect(await snapshots(fresh.app)).toEqual(restarted);
    await fresh.app.close();
  });
});

describe('retention (IOC_RETENTION_DAYS) with an injected clock', () => {
  it('deletes raw observations older than the period at start and periodically, keeps the live values', async () => {
    let now = T0 + 60_000;
    const a = await buildTestApp({ checkpointIntervalMs: 0 }, { clock: () => now });
    closeAfterTest(a.app);
    const day = 86_400_000;
    const old = Array.from({ length: 50 }, (_, i) => wl(`old${i}`, i, { observedAt: new Date(T0 - 3 * day + i * 1000).toISOString() }));
    const recent = Array.from({ length: 20 }, (_, i) => wl(`new${i}`, 100 + i, { observedAt: new Date(T0 - day / 2 + i * 1000).toISOString() }));
    await ingest(a.app, [...old, ...recent]);
    const before = await snapshots(a.app);
    await a.app.close();

    now = T0 + day; // a day later: the old ones are 4 days old, the recent ones 1.5 days
    const b = await buildTestApp({ checkpointIntervalMs: 0, dataDir: a.dataDir, retentionDays: 2, retentionIntervalMs: 1000 }, { clock: () => now });
    closeAfterTest(b.app);
    await vi.waitFor(async () => expect(await b.app.ioc.store.count()).toBe(20));
    expect(await snapshots(b.app)).toEqual(before);
    now = T0 + 3 * day; // everything is old now; the timer runs again; the newest row stays (log positions never reused)
    await vi.waitFor(async () => expect(await b.app.ioc.store.count()).toBe(1), { timeout: 5000 });
  });
});
