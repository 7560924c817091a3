/**
 * The map-first explorer (/analyst) in a real Chromium against the built dashboard served by a
 * real ingest process, fed only through the public observation API: drill down, compare two
 * units, switch period kind, compare with the previous range, export CSV and XLSX, reload the URL.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnalystSeriesResponse } from '@cityioc/contracts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { DAY, DESK_VIEWPORT, openE2e, testId, type E2e } from './support/e2e.ts';

const KEY = 'e2e-explorer-source-key-0123456789';
let e2e: E2e;
let server: ServerProcess;
let page: Page;
const pageErrors: string[] = [];

/** Key of the period of a kind holding an instant, on the Vietnamese calendar (UTC+7). */
function periodOf(kind: 'month' | 'quarter', t: number): string {
  const d = new Date(t + 7 * 3600_000);
  const m = d.getUTCMonth() + 1;
  return kind === 'month' ? `${d.getUTCFullYear()}-${String(m).padStart(2, '0')}` : `${d.getUTCFullYear()}-Q${Math.ceil(m / 3)}`;
}

const pm = (id: string, area: string, ago: number, value: number) => ({
  id,
  indicator: 'pm25',
  area,
  observedAt: new Date(Date.now() - ago).toISOString(),
  value,
});

async function api(q: string): Promise<AnalystSeriesResponse> {
  const r = await fetch(`${server.url}/api/v1/analyst/series?${q}`, { headers: server.headers('analyst') });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as AnalystSeriesResponse;
}

const rawValue = (area: string) => page.getAttribute(`${testId(`explorer-row-${area}`)} .an-value`, 'data-raw-value');

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, pageErrors });
  server = e2e.server;
  await e2e.send('/api/v1/observations/batch', {
    observations: [
      pm('p1', '31135', 60_000, 20),
      pm('p2', '31135', 120_000, 31),
      pm('p3', '31153', 60_000, 40.5),
      pm('p4', '31135', 40 * DAY, 10),
      pm('p5', '31153', 40 * DAY, 12),
      pm('p6', '31186', 60_000, 70),
    ],
  });
  page = await e2e.newPage({ viewport: DESK_VIEWPORT, acceptDownloads: true, as: 'analyst' });
});

afterAll(() => e2e?.close());

describe('/analyst explorer', () => {
  it('opens on the city with its communes on the map and writes the full view into the URL', async () => {
    await page.goto(`${server.url}/analyst`);
    await page.waitForSelector(testId('explorer-page'));
    await expect.poll(() => new URL(page.url()).searchParams.get('indicator'), { timeout: 15_000 }).toBe('dossiers_on_time_rate');
    await page.selectOption(testId('explorer-indicator'), 'pm25');
    await expect.poll(() => new URL(page.url()).searchParams.get('indicator')).toBe('pm25');
    expect(new URL(page.url()).searchParams.get('kind')).toBe('month');
    await page.waitForSelector(`${testId('explorer-map')}[data-loaded="true"] canvas`, { timeout: 15_000 });
    expect(await page.getAttribute(testId('explorer-area'), 'data-code')).toBe('92');
    await page.waitForSelector(testId('explorer-child-31135'));
    expect(await page.textContent(testId('explorer-child-31135'))).toContain('Ninh Kiều');
    // the city's own trend: the API's value for the current month
    const city = await api(`indicator=pm25&areas=92&period=month&from=${periodOf('month', Date.now())}&to=${periodOf('month', Date.now())}`);
    await expect.poll(() => rawValue('92'), { timeout: 10_000 }).toBe(String(city.series[0]!.points[0]!.value));
  });

  it('drills into a commune, which has no units below it', async () => {
    await page.click(testId('explorer-drill-31135'));
    await expect.poll(() => page.getAttribute(testId('explorer-area'), 'data-code')).toBe('31135');
    expect(new URL(page.url()).searchParams.get('area')).toBe('31135');
    await page.waitForSelector(testId('explorer-no-children'));
    expect(await page.textContent(testId('explorer-path'))).toContain('Cần Thơ');
    await expect.poll(() => rawValue('31135'), { timeout: 10_000 }).toBe('25.5');
    await page.click(testId('explorer-path-92'));
    await expect.poll(() => page.getAttribute(testId('explorer-area'), 'data-code')).toBe('92');
  });

  it('drills down by clicking a commune on the map (every commune of the city in one series query)', async () => {
    const communes = await page.$$eval('[data-testid^="explorer-child-"]', (els) =>
      els.map((e) => e.getAttribute('data-testid')!.slice('explorer-child-'.length)),
    );
    const box = (await page.locator(testId('explorer-map')).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getAttribute(testId('explorer-area'), 'data-code'), { timeout: 5_000 }).not.toBe('92');
    expect(communes).toContain(await page.getAttribute(testId('explorer-area'), 'data-code'));
    await page.click(testId('explorer-path-92'));
    await expect.poll(() => page.getAttribute(testId('explorer-area'), 'data-code')).toBe('92');
  });

  it('compares two units side by side', async () => {
    await page.check(testId('explorer-unit-31135'));
    await expect.poll(() => new URL(page.url()).searchParams.get('units')).toBe('31135');
    await page.check(testId('explorer-unit-31153'));
    await expect.poll(() => new URL(page.url()).searchParams.get('units')).toBe('31135,31153');
    await expect.poll(() => rawValue('31153'), { timeout: 10_000 }).toBe('40.5');
    expect(await rawValue('31135')).toBe('25.5');
    expect(await page.textContent(`${testId('explorer-row-31153')} .an-value`)).toBe('40,5');
    expect(await page.$(testId('explorer-row-92'))).toBeNull();
    await page.waitForSelector(`${testId('explorer-chart')} canvas`);
  });

  it('switches to quarters and compares with the previous range', async () => {
    await page.click(testId('explorer-kind-quarter'));
    await expect.poll(() => page.getAttribute(testId('explorer-table'), 'data-kind')).toBe('quarter');
    const url = new URL(page.url()).searchParams;
    expect(url.get('kind')).toBe('quarter');
    expect(url.get('to')).toBe(periodOf('quarter', Date.now()));
    await page.check(testId('explorer-compare'));
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('previous');
    const q = await api(`indicator=pm25&areas=31135,31153&period=quarter&from=${url.get('from')}&to=${url.get('to')}&compare=previous`);
    expect(q.compare).not.toBeNull();
    await expect.poll(() => rawValue('31135'), { timeout: 10_000 }).toBe(String(q.series[0]!.points.at(-1)!.value));
  });

  it('exports the same query as CSV (UTF-8 BOM, Vietnamese headers) and XLSX', async () => {
    const url = new URL(page.url()).searchParams;
    const expected = await api(`indicator=pm25&areas=31135,31153&period=quarter&from=${url.get('from')}&to=${url.get('to')}&compare=previous`);
    const last31135 = expected.series[0]!.points.at(-1)!;

    // ';' by default in Vietnamese (Excel's list separator there); ',' can be chosen
    const csvUrl = new URL((await page.getAttribute(testId('explorer-export-csv'), 'href'))!, server.url);
    expect(csvUrl.pathname).toBe('/api/v1/analyst/series.csv');
    expect(csvUrl.searchParams.get('sep')).toBe('semicolon');
    expect(csvUrl.searchParams.get('lang')).toBe('vi');
    await page.selectOption(testId('explorer-export-sep'), 'comma');
    expect(new URL((await page.getAttribute(testId('explorer-export-csv'), 'href'))!, server.url).searchParams.get('sep')).toBe('comma');
    await page.selectOption(testId('explorer-export-sep'), 'semicolon');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click(testId('explorer-export-csv'))]);
    expect(csv.suggestedFilename()).toMatch(/^pm25_quarter_.*\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8');
    // ';' and the decimal comma of Vietnamese Excel, the value as shown (pm25: 1 decimal)
    expect(text.startsWith('\uFEFFMã đơn vị;Đơn vị;Kỳ;Tên kỳ;Giá trị (µg/m³)')).toBe(true);
    expect(text).toContain('Kỳ trước');
    expect(text).toContain(`31135;Ninh Kiều;${last31135.period};Quý `);
    const shown = String(Math.round(last31135.value! * 10) / 10).replace('.', ',');
    expect(text).toContain(`;${shown};;;${last31135.count};`);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click(testId('explorer-export-xlsx'))]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe('Mã đơn vị');
    const rows: unknown[][] = [];
    ws.eachRow((r, i) => i > 2 && rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(expected.series.length * expected.series[0]!.points.length);
    const row = rows.find((r) => r[0] === '31135' && r[2] === last31135.period)!;
    expect(row[4]).toBe(Math.round(last31135.value! * 10) / 10); // the number as shown, like the CSV
  });

  it('reopens exactly the same view from the URL', async () => {
    const before = page.url();
    await page.reload();
    await page.waitForSelector(testId('explorer-table'), { timeout: 15_000 });
    expect(page.url()).toBe(before);
    expect(await page.inputValue(testId('explorer-indicator'))).toBe('pm25');
    expect(await page.isChecked(testId('explorer-compare'))).toBe(true);
    expect(await page.isChecked(testId('explorer-unit-31135'))).toBe(true);
    expect(await page.isChecked(testId('explorer-unit-31153'))).toBe(true);
    expect(await page.getAttribute(testId('explorer-table'), 'data-kind')).toBe('quarter');
    await expect.poll(() => rawValue('31153'), { timeout: 10_000 }).not.toBeNull();
    expect(await page.getAttribute(testId('explorer-kind-quarter'), 'aria-pressed')).toBe('true');
    expect(pageErrors).toEqual([]);
  });
});
