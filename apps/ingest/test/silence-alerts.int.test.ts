/**
 * Silence alerts through the real path: back-filled readings posted over HTTP, the ticker's
 * silence check, the alerts table read back through GET /api/v1/alerts, and restarts from a
 * checkpoint and from a full replay of the log.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Alert } from '@cityioc/contracts';
import { alertFromRaise, SYSTEM_ACTOR } from '@cityioc/domain';
import { T0, TEST_KEY, wl, AS } from './helpers/build-test-app.ts';
import { restartableApps } from './helpers/restartable-app.ts';
import { CHECKPOINT_FILE } from '../src/live/checkpoint.ts';

const MIN = 60_000;

/** The server clock of the test: it moves on by hand, so receipt times differ from post to post as they do in real life. */
let now = T0;
/** How far the clock moves on at each reading of it (0: only by hand). */
let step = 0;
const { start } = restartableApps({ tickMs: 20, heartbeatMs: 100 }, { clock: () => (now += step) });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One observation posted on its own, then time for the ticker's silence check and the alert queue. */
async function postAlone(app: FastifyInstance, item: unknown): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: { 'x-api-key': TEST_KEY }, payload: item as object });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ accepted: 1, rejected: 0 });
  await sleep(100);
  await app.ioc.alerts.flush();
}

async function silenceAlerts(app: FastifyInstance): Promise<Alert[]> {
  await sleep(100);
  await app.ioc.alerts.flush();
  const res = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/alerts?limit=500' });
  expect(res.statusCode).toBe(200);
  return (res.json() as { alerts: Alert[] }).alerts.filter((a) => a.kind === 'silence' && a.station === 'wl-can-tho');
}

describe('silence alerts: one per station, cleared by the first fresh reading', () => {
  it('four back-filled readings open one alert; restarts (checkpoint and full replay) re-open nothing; a current reading clears it', async () => {
    now = T0 + 60 * MIN;
    const first = await start();
    // readings of 06:00, 06:05, 06:10 and 06:15 arriving at 07:00, one request each (the silence limit is 2 × 5 min)
    for (let i = 0; i < 4; i++) {
      now += 1000;
      await postAlone(first.app, wl(`bf-${i}`, 150 + i, { observedAt: new Date(T0 + i * 5 * MIN).toISOString() }));
    }
    const open = await silenceAlerts(first.app);
    expect(open.map((a) => [a.id, a.startedAt, a.clearedAt])).toEqual([[`water-level-silent:wl-can-tho:${T0}`, T0, null]]);
    await first.close();

    // restart from the checkpoint written at shutdown
    now += 60_000;
    const second = await start(first.dataDir);
    expect(second.app.startup?.from).toBe('checkpoint');
    expect((await silenceAlerts(second.app)).map((a) => [a.id, a.clearedAt])).toEqual([[`water-level-silent:wl-can-tho:${T0}`, null]]);
    await second.close();

    // restart without a checkpoint: the whole log is replayed, then the ticker runs
    rmSync(join(first.dataDir, CHECKPOINT_FILE), { force: true });
    now += 60_000;
    const third = await start(first.dataDir);
    expect(third.app.startup?.from).toBe('full-replay');
    expect((await silenceAlerts(third.app)).map((a) => [a.id, a.clearedAt])).toEqual([[`water-level-silent:wl-can-tho:${T0}`, null]]);
    expect(third.app.ioc.alerts.stats.raised).toBe(0);

    // a current reading (taken 30 s ago) clears it
    now += 1000;
    const receivedAt = now;
    await postAlone(third.app, wl('current', 160, { observedAt: new Date(now - 30_000).toISOString() }));
    const after = await silenceAlerts(third.app);
    expect(after.map((a) => [a.id, a.clearedAt])).toEqual([[`water-level-silent:wl-can-tho:${T0}`, receivedAt]]);
    const trail = await third.app.inject({ method: 'GET', headers: AS.analyst, url: `/api/v1/alerts/${encodeURIComponent(after[0]!.id)}` });
    expect((trail.json() as { events: { action: string }[] }).events.map((e) => e.action)).toEqual(['raised', 'cleared']);
    await third.close();

    // and a last full replay leaves it cleared, with nothing new
    rmSync(join(first.dataDir, CHECKPOINT_FILE), { force: true });
    expect(existsSync(join(first.dataDir, CHECKPOINT_FILE))).toBe(false);
    now += 60_000;
    const fourth = await start(first.dataDir);
    const final = await silenceAlerts(fourth.app);
    expect(final.map((a) => [a.id, a.clearedAt])).toEqual([[`water-level-silent:wl-can-tho:${T0}`, receivedAt]]);
    expect(fourth.app.ioc.alerts.stats).toMatchObject({ raised: 0, changed: 0 });
  });

  it('silence alerts an older version left open, one per back-filled reading, are all cleared by the first fresh reading', async () => {
    now = T0 + 60 * MIN;
    const { app } = await start();
    for (let i = 0; i < 4; i++) {
      now += 1000;
      await postAlone(app, wl(`bf-${i}`, 150 + i, { observedAt: new Date(T0 + i * 5 * MIN).toISOString() }));
    }
    // what the old engine stored besides: an alert per later back-filled reading
    for (let i = 1; i < 4; i++) {
      const startedAt = T0 + i * 5 * MIN;
      const alert = alertFromRaise(
        {
          type: 'raise',
          alertId: `water-level-silent:wl-can-tho:${startedAt}`,
          ruleId: 'water-level-silent',
          kind: 'silence',
          severity: 'low',
          area: '31135',
          station: 'wl-can-tho',
          indicator: 'water_level',
          title: { vi: 'mất tín hiệu', en: 'silent' },
          value: null,
          level: null,
          band: null,
          startedAt,
          at: startedAt + 10 * MIN,
        },
        now,
      );
      expect(await app.ioc.store.insertAlert(alert, { alertId: alert.id, at: now, actor: SYSTEM_ACTOR, action: 'raised', note: null, detail: {} })).toBe(true);
    }
    expect((await silenceAlerts(app)).filter((a) => a.clearedAt === null)).toHaveLength(4);
    now += 1000;
    const receivedAt = now;
    await postAlone(app, wl('current', 160, { observedAt: new Date(now - 30_000).toISOString() }));
    const after = await silenceAlerts(app);
    expect(after.map((a) => a.clearedAt)).toEqual([receivedAt, receivedAt, receivedAt, receivedAt]);
  });
});

const STATIONS = [
  { station: 'wl-can-tho', area: '31135' },
  { station: 'wl-cai-rang', area: '31201' },
  { station: 'wl-o-mon', area: '31153' },
  { station: 'wl-thot-not', area: '31228' },
];
const HISTORY_STEPS = 48 * 12;

/**
 * A feed owner's back-fill: 48 hours of water levels of the four stations every 5 minutes, oldest
 * first across the stations (2,304 rows: more than one transaction of the IOC), the newest 5 minutes
 * old at `at`. Level 120 cm: under every flood band, no rise.
 */
function history(at: number) {
  const newest = at - 5 * MIN;
  const rows = [];
  for (let k = HISTORY_STEPS - 1; k >= 0; k--)
    for (const s of STATIONS)
      rows.push({ id: `hist-${s.station}-${k}`, indicator: 'water_level', ...s, observedAt: new Date(newest - k * 5 * MIN).toISOString(), value: 120 });
  return { rows, newest };
}

/**
 * The ticker's silence check forced after every transaction the writer commits (the real check on
 * the real engine, at the worst moment: a request half stored), the server clock a second on each
 * time. Returns how many transactions of water levels were committed.
 */
function tickBetweenTransactions(app: FastifyInstance): () => number {
  const alerts = app.ioc.alerts;
  const observe = alerts.observe.bind(alerts);
  let transactions = 0;
  alerts.observe = (readings) => {
    observe(readings);
    if (readings.some((r) => r.indicator === 'water_level')) transactions++;
    now += 1000;
    alerts.checkSilence(now);
  };
  return () => transactions;
}

async function allAlerts(app: FastifyInstance): Promise<Alert[]> {
  await sleep(100);
  await app.ioc.alerts.flush();
  const res = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/alerts?limit=500' });
  expect(res.statusCode).toBe(200);
  return (res.json() as { alerts: Alert[] }).alerts;
}

describe('silence alerts: a back-fill of several stations in one request (issue 16/13)', () => {
  const uploads = {
    'NDJSON upload': (app: FastifyInstance, rows: object[]) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/observations/ndjson',
        headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/x-ndjson' },
        payload: rows.map((r) => JSON.stringify(r)).join('\n'),
      }),
    'JSON batch': (app: FastifyInstance, rows: object[]) =>
      app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: { 'x-api-key': TEST_KEY }, payload: { observations: rows } }),
  };

  it.each(Object.keys(uploads) as (keyof typeof uploads)[])(
    '%s: no station looks silent while the request is stored in several transactions; a real silence afterwards is raised',
    async (kind) => {
      now = T0 + 60 * MIN;
      const { app } = await start();
      // every reading of the clock a millisecond later, as in real life: an upload's slices are checked at different instants
      step = 1;
      onTestFinished(() => void (step = 0));
      const transactions = tickBetweenTransactions(app);
      const { rows, newest } = history(now);
      const res = await uploads[kind](app, rows);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ accepted: rows.length, rejected: 0 });
      expect(transactions()).toBeGreaterThanOrEqual(2);
      expect(await allAlerts(app)).toEqual([]);

      // then the feed stops: past the limit (2 × 5 min) the ticker finds every station silent since its newest reading
      now += 11 * MIN;
      const silent = (await allAlerts(app)).filter((a) => a.kind === 'silence');
      expect(silent.map((a) => [a.id, a.clearedAt]).sort()).toEqual(STATIONS.map((s) => [`water-level-silent:${s.station}:${newest}`, null]).sort());
    },
  );
});
