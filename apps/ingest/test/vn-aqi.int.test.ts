/**
 * VN_AQI as the IOC derives it from raw pollutant readings posted over HTTP, read back through
 * GET /api/v1/air-quality/:scope and the snapshot: the daily O₃ 8-hour maximum with the windows
 * that start the evening before, the rounding rule, and the same values after a full replay.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { TEST_KEY, AS } from './helpers/build-test-app.ts';
import { airReading } from './helpers/feed-samples.ts';
import { restartableApps } from './helpers/restartable-app.ts';
import { CHECKPOINT_FILE } from '../src/live/checkpoint.ts';

const H = 3_600_000;
const { start } = restartableApps();

const aq = airReading;

async function post(app: FastifyInstance, observations: unknown[]): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: { 'x-api-key': TEST_KEY }, payload: { observations } });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ accepted: observations.length, rejected: 0 });
}

type AirStation = { station: string; nowcast: { aqi: number; dominant: string } | null; daily: { aqi: number; dominant: string } | null };
async function air(app: FastifyInstance): Promise<AirStation | undefined> {
  const res = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/air-quality/92' });
  expect(res.statusCode).toBe(200);
  return (res.json() as { stations: AirStation[] }).stations.find((s) => s.station === 'aq-tra-noc');
}

async function cell(app: FastifyInstance, indicator: string): Promise<number | undefined> {
  const snap = (await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/snapshot/31174' })).json() as { cells: { key: string; value: number }[] };
  return snap.cells.find((c) => c.key === `31174|aq-tra-noc|${indicator}`)?.value;
}

describe('daily VN_AQI from posted readings', () => {
  it('takes the day’s O₃ 8-hour maximum over all 24 windows, the first ones starting the evening before; a full replay gives the same', async () => {
    const first = await start();
    // Friday 20/11/2026 in Cần Thơ; O₃ 190 µg/m³ from 17:00 on Thursday to 01:00 on Friday, then 20; PM2.5 10 all Friday
    const day = Date.parse('2026-11-20T00:00:00+07:00');
    const readings: unknown[] = [];
    for (let h = -7; h < 24; h++) readings.push(aq(`o3-${h}`, 'o3', day + h * H + 30 * 60_000, h < 1 ? 190 : 20));
    for (let h = 0; h < 24; h++) readings.push(aq(`pm-${h}`, 'pm25', day + h * H + 30 * 60_000, 10));
    // a reading on Saturday: the IOC computes Friday's daily value
    readings.push(aq('pm-next', 'pm25', day + 24 * H + 30 * 60_000, 10));
    await post(first.app, readings);
    // 8 h window 18:00–01:00: 190 → 150 + 20/40·50 = 175 (the 1 h maximum 190 gives 87.5 → 88, the windows inside the day 24)
    expect((await air(first.app))?.daily).toMatchObject({ aqi: 175, dominant: 'o3' });
    expect(await cell(first.app, 'aqi_daily')).toBe(175);
    await first.close();

    rmSync(join(first.dataDir, CHECKPOINT_FILE), { force: true });
    const second = await start(first.dataDir);
    expect(second.app.startup?.from).toBe('full-replay');
    expect((await air(second.app))?.daily).toMatchObject({ aqi: 175, dominant: 'o3' });
    expect(await cell(second.app, 'aqi_daily')).toBe(175);
  });
});

describe('hourly VN_AQI rounding', () => {
  it('PM2.5 NowCast 25.1 µg/m³ is AQI 50.2 → 50 (Tốt: nearest integer, not rounded up to 51)', async () => {
    const { app } = await start();
    const h0 = Date.parse('2026-11-21T23:00:00+07:00');
    // complete hours 23, 00, 01 at 25.1; a reading at 02:10 makes the IOC compute the NowCast of those three
    await post(
      app,
      [0, 1, 2, 3].map((h) => aq(`pm-${h}`, 'pm25', h0 + h * H + 10 * 60_000, 25.1)),
    );
    expect((await air(app))?.nowcast).toMatchObject({ aqi: 50, dominant: 'pm25' });
    expect(await cell(app, 'aqi_nowcast')).toBe(50);
    // hours 02 (25.1), 03 and 04 at 26, read at 05:10: NowCast (w = 25.1/26) ≈ 25.6 → 51.2 → 51, "Trung bình"
    await post(
      app,
      [4, 5, 6].map((h) => aq(`pm-${h}`, 'pm25', h0 + h * H + 10 * 60_000, 26)),
    );
    expect((await air(app))?.nowcast).toMatchObject({ aqi: 51, dominant: 'pm25' });
  });
});
