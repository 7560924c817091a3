/**
 * The wall screen in a real Chromium (Debian's /usr/bin/chromium through playwright-core) against
 * the built dashboard served by a real ingest process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Snapshot } from '@cityioc/contracts';
import { bandOf } from '@cityioc/domain';
import { formatPercent } from '../src/format/format.ts';
import { onTimeColor } from '../src/theme/theme.ts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { mapCanvas, openE2e, type E2e } from './support/e2e.ts';

const KEY = 'e2e-source-key-0123456789';
let e2e: E2e;
let server: ServerProcess;
let page: Page;
const pageErrors: string[] = [];

/** The server again, on the same port and data directory. */
const start = () => e2e.restart();

async function post(observations: unknown[]) {
  await e2e.send('/api/v1/observations/batch', { observations });
}

const now = () => new Date().toISOString();

/** `count` dossiers received a minute ago in `area`: the wall's "received this month" counts them. */
let dseq = 0;
async function receive(area: string, count: number) {
  const at = new Date(Date.now() - 60_000).toISOString();
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString();
  const events = Array.from({ length: count }, () => {
    const code = `E2E-${area}-${++dseq}`;
    return {
      eventId: `${code}-2`,
      dossierCode: code,
      procedureCode: '1.000494',
      agencyCode: '000.00.01.H13',
      adminUnitCode: area,
      channel: 2,
      status: 2,
      statusAt: at,
      receivedAt: at,
      dueAt: due,
    };
  });
  await e2e.send('/api/v1/dossiers/events', { events });
}

/** The city's derived value once the server has published it (derived cells follow the next tick). */
async function settledCityValue(key: string, expected: number) {
  await expect.poll(() => cityValue(key), { timeout: 5_000, interval: 100 }).toBe(expected);
  return expected;
}

async function cityValue(key: string): Promise<number | null | undefined> {
  const s = (await (await fetch(`${server.url}/api/v1/snapshot/92`, { headers: server.headers('leader') })).json()) as Snapshot;
  return s.cells.find((c) => c.key === key)?.value;
}

/** `onTime` + `late` dossiers finished a minute ago in `area`: the map's KPI is their on-time rate. */
async function finish(area: string, onTime: number, late: number) {
  const at = Date.now() - 60_000;
  const events = Array.from({ length: onTime + late }, (_, i) => {
    const code = `E2E-F-${area}-${++dseq}`;
    const base = {
      dossierCode: code,
      procedureCode: '1.000494',
      agencyCode: '000.00.01.H13',
      adminUnitCode: area,
      channel: 2,
      receivedAt: new Date(at - 3 * 86_400_000).toISOString(),
      dueAt: new Date(i < onTime ? at + 86_400_000 : at - 86_400_000).toISOString(),
    };
    return [
      { ...base, eventId: `${code}-2`, status: 2, statusAt: base.receivedAt },
      { ...base, eventId: `${code}-9`, status: 9, statusAt: new Date(at).toISOString(), finishedAt: new Date(at).toISOString() },
    ];
  }).flat();
  await e2e.send('/api/v1/dossiers/events', { events });
}

async function tileRaw(id: string): Promise<string | null> {
  return page.getAttribute(`[data-testid="kpi-${id}"]`, 'data-raw-value');
}

beforeAll(async () => {
  // fails, not skips, when the browser or the build is missing: CI must install and build them
  e2e = await openE2e({ key: KEY, fastTicks: true, pageErrors });
  server = e2e.server;
  const areas = ['31135', '31153', '31168', '31186', '31207', '31232', '31261', '31299', '31258'];
  for (const [i, a] of areas.entries()) await receive(a, 100 + i * 10);
  await post([
    { id: 'e2e-wl-1', indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: now(), value: 192 },
    { id: 'e2e-wl-2', indicator: 'water_level', area: '31201', station: 'wl-cai-rang', observedAt: now(), value: 150 },
    { id: 'e2e-aq-1', indicator: 'aqi', area: '31135', station: 'aq-ninh-kieu', observedAt: now(), value: 72 },
  ]);
  // a leader signs in as a person does (a server without accounts has nothing to sign in to)
  page = await e2e.newPage({ as: 'leader' });
  await page.goto(server.url);
});

afterAll(() => e2e?.close());

describe('wall screen', () => {
  it('is in Vietnamese with the city name', async () => {
    await expect.poll(() => page.textContent('body'), { timeout: 15_000 }).toContain('Cần Thơ');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('draws the map canvas: the district shapes are rendered, offline', async () => {
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 30_000 });
    // one more frame drawn to the end (sources, labels, fades): MapLibre's 'idle'; only the WebGL canvas counts
    const canvas = await mapCanvas(page);
    expect(canvas.width).toBeGreaterThan(400);
    expect(canvas.colours).toBeGreaterThan(20);
  });

  it('shows the same KPI value as the API, formatted vi-VN', async () => {
    const expected = await settledCityValue('92||dossiers_received', 9 * 100 + 10 * 36);
    await expect.poll(() => tileRaw('dossiers_received'), { timeout: 10_000 }).toBe(String(expected));
    expect(await page.textContent('[data-testid="kpi-value-dossiers_received"]')).toContain('1.260');
    const online = await cityValue('92||dossiers_online_rate');
    expect(online).toBe(1);
    await expect.poll(() => tileRaw('dossiers_online_rate'), { timeout: 10_000 }).toBe(String(online));
  });

  it('moves live: newly received dossiers reach the tile within a second or two', async () => {
    await receive('31135', 7);
    const expected = await settledCityValue('92||dossiers_received', 1260 + 7);
    await expect.poll(() => tileRaw('dossiers_received'), { timeout: 3_000, interval: 100 }).toBe(String(expected));
  });

  it("draws each live water level into the station's line: a new step appended, a reading in the same step replacing it", async () => {
    // the line as ECharts holds it (its option's data), read from the chart instance
    const line = () =>
      page.evaluate(() => {
        const chart = window.__ioc.charts?.['water-chart'] as { getOption(): { series: { id: string; data: [number, number][] }[] } } | undefined;
        return chart?.getOption().series.find((x) => x.id === 'wl-can-tho')?.data ?? null;
      });
    await expect.poll(async () => (await line())?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    const before = (await line())!;
    // the panel rebuilds its option whenever its window slides anyway: windowEnd = ceil(now / 10 s), `now` the wall's clock in
    // whole seconds, so it moves 1 s after each multiple of 10 s. The reading goes out just after a slide and must be drawn
    // before the next one, by the render its own delta causes.
    const SLIDE = 10_000;
    const phase = () => (Date.now() - 1_100) % SLIDE;
    await new Promise((r) => setTimeout(r, (SLIDE + 400 - phase()) % SLIDE));
    const drawnBy = Date.now() - phase() + SLIDE - 300;
    // the start of the current 5.4 s step (the buffer's thinning step, stepFor(6 h)), a few ms in: t + 1 is in the same step
    const STEP = 5400;
    const t = Math.floor(Date.now() / STEP) * STEP + 5;
    const newStep = Math.floor(before.at(-1)![0] / STEP) < Math.floor(t / STEP);
    await post([{ id: 'e2e-wl-live-1', indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: new Date(t).toISOString(), value: 201 }]);
    await expect.poll(async () => (await line())?.at(-1), { timeout: drawnBy - Date.now() }).toEqual([t, 201]);
    const appended = (await line())!;
    expect(appended.length).toBe(before.length + (newStep ? 1 : 0));
    // 1 ms later, the same step: the newer reading takes the point's place
    await post([
      { id: 'e2e-wl-live-2', indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: new Date(t + 1).toISOString(), value: 203 },
    ]);
    await expect.poll(async () => (await line())?.at(-1), { timeout: 10_000 }).toEqual([t + 1, 203]);
    expect((await line())!.length).toBe(appended.length);
  });

  it('colours an air station on the map with the hourly VN_AQI of the air-quality panel, not the instantaneous AQI', async () => {
    // pm25 in the last three complete hours and one now: the server derives the NowCast (QĐ 1459);
    // meanwhile the station posts an instantaneous AQI of another level
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 30_000 });
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const pm25 = (id: string, at: number) => ({
      id,
      indicator: 'pm25',
      area: '31174',
      station: 'aq-tra-noc',
      observedAt: new Date(at).toISOString(),
      value: 30,
    });
    await post([
      pm25('e2e-pm-3', hour - 3 * 3_600_000 + 600_000),
      pm25('e2e-pm-2', hour - 2 * 3_600_000 + 600_000),
      pm25('e2e-pm-1', hour - 3_600_000 + 600_000),
      pm25('e2e-pm-0', Date.now() - 1000),
      { id: 'e2e-aq-instant', indicator: 'aqi', area: '31174', station: 'aq-tra-noc', observedAt: now(), value: 180 },
    ]);
    const cellOf = async (indicator: string) => {
      const s = (await (await fetch(`${server.url}/api/v1/snapshot/92`, { headers: server.headers('leader') })).json()) as Snapshot;
      return s.cells.find((c) => c.key === `31174|aq-tra-noc|${indicator}`)?.value;
    };
    await expect.poll(() => cellOf('aqi_nowcast'), { timeout: 5_000 }).toBeTypeOf('number');
    const nowcast = (await cellOf('aqi_nowcast')) as number;
    expect(await cellOf('aqi')).toBe(180);
    expect(nowcast).not.toBe(180);
    const label = '[data-testid="map"] [data-label-id="s-aq-tra-noc"]';
    await expect.poll(() => page.textContent(label), { timeout: 15_000 }).toBe(String(nowcast));
    await expect.poll(() => page.getAttribute('[data-testid="air-aq-tra-noc"]', 'data-raw-value')).toBe(String(nowcast));
    // the disc's colour is the VN_AQI level of that value, the one the panel shows
    const bands = (await (await fetch(`${server.url}/api/v1/catalogue`, { headers: server.headers('leader') })).json()).indicators.find(
      (i: { id: string }) => i.id === 'aqi_nowcast',
    ).bands;
    const accent = await page.$eval(label, (el) => (el as HTMLElement).style.getPropertyValue('--accent'));
    expect(accent).toBe(bandOf(nowcast, bands)!.color);
    const panelColour = await page.$eval('[data-testid="air-aq-tra-noc"] .air-aqi', (el) => (el as HTMLElement).style.backgroundColor);
    const hex = (rgb: string) => `#${(rgb.match(/\d+/g) ?? []).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    expect(hex(panelColour)).toBe(accent.toUpperCase());
  });

  it('shows the offline banner when the server stops', async () => {
    expect(await page.isVisible('[data-testid="offline-banner"]')).toBe(false);
    await server.stop('SIGKILL');
    await page.waitForSelector('[data-testid="offline-banner"]', { state: 'visible', timeout: 15_000 });
  });

  it('recovers after a restart and catches up with what changed meanwhile', async () => {
    server = await start();
    await receive('31153', 5);
    const expected = await settledCityValue('92||dossiers_received', 1267 + 5);
    await page.waitForSelector('[data-testid="offline-banner"]', { state: 'hidden', timeout: 30_000 });
    await expect.poll(() => tileRaw('dossiers_received'), { timeout: 10_000 }).toBe(String(expected));
    expect(pageErrors).toEqual([]);
  });

  it('recolours a unit on the map and rewrites its label when its on-time rate moves, without re-sending the polygons', async () => {
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 30_000 });
    await page.evaluate(() => {
      const w = window as unknown as {
        __ioc: { map: { on(e: string, f: (ev: { sourceId?: string; sourceDataType?: string }) => void): void } };
        __unitsData: number;
      };
      w.__unitsData = 0;
      w.__ioc.map.on('sourcedata', (ev) => {
        if (ev.sourceId === 'ioc-units' && ev.sourceDataType === 'content') w.__unitsData++;
      });
    });
    const fill = (code: string) =>
      page.evaluate(
        (id) =>
          (window.__ioc.map as { getFeatureState(f: { source: string; id: string }): { color?: string } }).getFeatureState({ source: 'ioc-units', id }).color,
        code,
      );
    const label = () => page.textContent('[data-testid="map"] [data-label-id="u-31147"] .lbl-value');
    const key = '31147||dossiers_on_time_rate';

    await finish('31147', 4, 0);
    await settledCityValue(key, 1);
    await expect.poll(() => fill('31147'), { timeout: 5_000, interval: 100 }).toBe(onTimeColor(1));
    await expect.poll(label, { timeout: 5_000, interval: 100 }).toBe(formatPercent(1, 1, 'vi'));

    await finish('31147', 0, 4);
    await settledCityValue(key, 0.5);
    await expect.poll(() => fill('31147'), { timeout: 5_000, interval: 100 }).toBe(onTimeColor(0.5));
    await expect.poll(label, { timeout: 5_000, interval: 100 }).toBe(formatPercent(0.5, 1, 'vi'));
    expect(onTimeColor(0.5)).not.toBe(onTimeColor(1));
    // the colours moved through feature state: the 103 polygons were not sent to the map again
    expect(await page.evaluate(() => (window as unknown as { __unitsData: number }).__unitsData)).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
