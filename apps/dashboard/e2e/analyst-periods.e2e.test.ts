/**
 * The explorer's hour and day periods, its map legend and its zoom to a picked unit (issue 13
 * item 7), in a real Chromium against the built dashboard served by a real ingest process. Water
 * levels are sent through the public observation API as a station sends them, every 20 minutes over
 * the last 30 hours, so that the hourly chart has a curve to draw.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnalystSeriesResponse } from '@cityioc/contracts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { DESK_VIEWPORT, HOUR, openE2e, testId, type E2e } from './support/e2e.ts';

const KEY = 'e2e-analyst-periods-key-0123456789';
let e2e: E2e;
let server: ServerProcess;
let page: Page;
const pageErrors: string[] = [];

/** A semi-diurnal tide around 150 cm at wl-can-tho (Ninh Kiều) and 120 cm at wl-cai-rang (Hưng Phú), every 20 minutes. */
function waterLevels(now: number) {
  // each station's id prefix, commune/ward, mean and amplitude (cm)
  const tides = [
    { prefix: 'wl-ct', station: 'wl-can-tho', area: '31135', mean: 150, amplitude: 60 },
    { prefix: 'wl-cr', station: 'wl-cai-rang', area: '31201', mean: 120, amplitude: 50 },
  ];
  const out = [];
  // every 20 minutes, and a last reading just now so the current hour (the map's period) has one
  for (const t of [...Array.from({ length: 90 }, (_, i) => now - 30 * HOUR + i * (HOUR / 3)), now - 30_000]) {
    const phase = (2 * Math.PI * t) / (12.42 * HOUR);
    for (const tide of tides) {
      out.push({
        id: `${tide.prefix}-${t}`,
        indicator: 'water_level',
        station: tide.station,
        area: tide.area,
        observedAt: new Date(t).toISOString(),
        value: Math.round(tide.mean + tide.amplitude * Math.sin(phase)),
      });
    }
  }
  return out;
}

async function api(q: string): Promise<AnalystSeriesResponse> {
  const r = await fetch(`${server.url}/api/v1/analyst/series?${q}`, { headers: server.headers('analyst') });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as AnalystSeriesResponse;
}

type Box = [number, number, number, number];
const boundsOf = async (): Promise<Box> => (await page.getAttribute(testId('explorer-map'), 'data-bounds'))!.split(',').map(Number) as Box;

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, pageErrors });
  server = e2e.server;
  const obs = waterLevels(Date.now());
  for (let i = 0; i < obs.length; i += 200) await e2e.send('/api/v1/observations/batch', { observations: obs.slice(i, i + 200) });
  page = await e2e.newPage({ viewport: DESK_VIEWPORT, acceptDownloads: true, as: 'analyst' });
});

afterAll(() => e2e?.close());

describe('/analyst hour and day periods', () => {
  it('offers no hour or day for a dossier indicator, and both for water level', async () => {
    await page.goto(`${server.url}/analyst`);
    await expect.poll(() => new URL(page.url()).searchParams.get('indicator'), { timeout: 15_000 }).toBe('dossiers_on_time_rate');
    await page.waitForSelector(testId('explorer-kind-month'));
    expect(await page.$(testId('explorer-kind-hour'))).toBeNull();
    expect(await page.$(testId('explorer-kind-day'))).toBeNull();
    await page.selectOption(testId('explorer-indicator'), 'water_level');
    await page.waitForSelector(testId('explorer-kind-hour'));
    expect(await page.$(testId('explorer-kind-day'))).not.toBeNull();
  });

  it('shows water level by hour: a curve of many points, and a legend with vi-VN ranges in cm on the map', async () => {
    await page.click(testId('explorer-kind-hour'));
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('hour');
    const url = new URL(page.url()).searchParams;
    expect(url.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}$/);
    // the date fields show the range in vi-VN format
    expect(await page.inputValue(testId('explorer-range-from'))).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await page.waitForSelector(`${testId('explorer-chart')} canvas`, { timeout: 15_000 });
    const res = await api(`indicator=water_level&areas=92&period=hour&from=${url.get('from')}&to=${url.get('to')}`);
    const drawn = res.series[0]!.points.filter((p) => p.value !== null).length;
    expect(drawn).toBeGreaterThan(20);
    await expect.poll(() => page.getAttribute(testId('explorer-chart-points'), 'data-points'), { timeout: 10_000 }).toBe(String(drawn));

    // the map's legend: five classes with their ranges and the unit, and the no-data class
    await page.waitForSelector(`${testId('explorer-map')}[data-loaded="true"] canvas`, { timeout: 15_000 });
    await page.waitForSelector(testId('explorer-legend-class-4'), { timeout: 10_000 });
    const labels = await page.$$eval('[data-testid^="explorer-legend-"]', (els) => els.map((e) => e.textContent!.trim()));
    expect(labels).toHaveLength(6);
    for (const l of labels.slice(0, 5)) expect(l).toMatch(/^\d[\d.]* – \d[\d.]* cm$/);
    expect(labels[5]).toBe('Không có dữ liệu');
    expect(await page.textContent(testId('explorer-legend'))).toContain('Mực nước');
  });

  it('applies a custom range of days, and refuses a wrong one with a clear message', async () => {
    await page.click(testId('explorer-kind-day'));
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('day');
    const today = new URL(page.url()).searchParams.get('to')!;
    const [y, m, d] = today.split('-');
    await page.fill(testId('explorer-range-from'), `${d}/${m}/${y}`);
    await page.fill(testId('explorer-range-to'), `01/01/${y}`);
    await page.click(testId('explorer-range-apply'));
    expect(await page.textContent(testId('explorer-range-error'))).toBe('“Từ ngày” phải trước hoặc bằng “Đến ngày”.');
    await page.fill(testId('explorer-range-from'), `01/01/${Number(y) - 1}`);
    await page.fill(testId('explorer-range-to'), `${d}/${m}/${y}`);
    await page.click(testId('explorer-range-apply'));
    expect(await page.textContent(testId('explorer-range-error'))).toBe('Khoảng thời gian quá dài: tối đa 92 ngày (92 kỳ) với số liệu theo ngày.');
    expect(new URL(page.url()).searchParams.get('to')).toBe(today);
    await page.fill(testId('explorer-range-from'), `31/02/${y}`);
    await page.click(testId('explorer-range-apply'));
    expect(await page.textContent(testId('explorer-range-error'))).toBe('“Từ ngày” không phải một ngày hợp lệ (dd/mm/yyyy).');

    const yesterday = new Date(Date.parse(`${today}T12:00:00+07:00`) - 24 * HOUR).toISOString().slice(0, 10);
    const [y2, m2, d2] = yesterday.split('-');
    await page.fill(testId('explorer-range-from'), `${d2}/${m2}/${y2}`);
    await page.press(testId('explorer-range-from'), 'Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(yesterday);
    expect(await page.$(testId('explorer-range-error'))).toBeNull();
    await expect.poll(() => page.getAttribute(testId('explorer-chart-points'), 'data-points'), { timeout: 10_000 }).toBe('2');
  });

  it('downloads the units table of the map as CSV (; and the Vietnamese headers) and XLSX, the numbers of the API', async () => {
    const url = new URL(page.url()).searchParams;
    const to = url.get('to')!;
    const res = await api(`indicator=water_level&areas=31135,31201&period=day&from=${to}&to=${to}`);
    const want = new Map(res.series.map((s) => [s.area, s.points[0]!.value]));
    expect(want.get('31135')).toBeTypeOf('number');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click(testId('explorer-units-export-csv'))]);
    expect(csv.suggestedFilename()).toMatch(/^water_level_day_.*\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFFMã đơn vị;Đơn vị;Kỳ;Tên kỳ;Giá trị (cm)')).toBe(true);
    // every unit on the map, the day shown and the one before; separator ';' (no unit name holds one)
    const rows = text
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';'));
    expect(rows.length).toBeGreaterThan(100);
    for (const area of ['31135', '31201']) {
      const row = rows.find((r) => r[0] === area && r[2] === to)!;
      expect(row[4]).toBe(String(want.get(area)));
    }

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click(testId('explorer-units-export-xlsx'))]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const sheet: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r, i) => i > 2 && sheet.push((r.values as unknown[]).slice(1)));
    expect(sheet).toHaveLength(rows.length);
    expect(sheet.find((r) => r[0] === '31135' && r[2] === to)![4]).toBe(want.get('31135'));
  });

  it('zooms the map to a unit picked from the list, its bounds inside the new view', async () => {
    await page.waitForSelector(`${testId('explorer-map')}[data-focus="92"][data-bounds]`, { timeout: 15_000 });
    const city = await boundsOf();
    await page.click(testId('explorer-drill-31135'));
    await page.waitForSelector(`${testId('explorer-map')}[data-focus="31135"]`, { timeout: 15_000 });
    await expect.poll(async () => (await boundsOf()).join(), { timeout: 10_000 }).not.toBe(city.join());
    const unit = await boundsOf();
    const geo = (await (await fetch(`${server.url}/api/v1/geo/areas`, { headers: server.headers('analyst') })).json()) as {
      features: { properties: { code: string }; geometry: { coordinates: unknown } }[];
    };
    const shape = geo.features.find((f) => f.properties.code === '31135')!;
    const pts = (JSON.stringify(shape.geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? []).map((p) => p.split(',').map(Number));
    const [w, s, e, n] = [
      Math.min(...pts.map((p) => p[0]!)),
      Math.min(...pts.map((p) => p[1]!)),
      Math.max(...pts.map((p) => p[0]!)),
      Math.max(...pts.map((p) => p[1]!)),
    ];
    const eps = 1e-4;
    expect(unit[0]).toBeLessThanOrEqual(w + eps);
    expect(unit[1]).toBeLessThanOrEqual(s + eps);
    expect(unit[2]).toBeGreaterThanOrEqual(e - eps);
    expect(unit[3]).toBeGreaterThanOrEqual(n - eps);
    // zoomed in: the view is narrower than the city's
    expect(unit[2] - unit[0]).toBeLessThan((city[2] - city[0]) / 2);
    expect(pageErrors).toEqual([]);
  });
});
