/**
 * The "Báo cáo" wall scene and the reporting analyst page in a real Chromium against the built
 * dashboard served by a real ingest process (IOC_DEMO=false). The data arrive only the way a
 * department sends them: a CSV file through POST /api/v1/reporting/imports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ImportResponse } from '@cityioc/contracts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { openE2e, type E2e } from './support/e2e.ts';

const KEY = 'e2e-reporting-source-key-0123456789';
let e2e: E2e;
let server: ServerProcess;
let page: Page;
const pageErrors: string[] = [];

/** A department's table as Excel saves it for vi-VN: BOM, ';' separators, decimal commas, a blank row. */
const CSV = [
  '\uFEFFĐơn vị;Kỳ báo cáo;Chỉ tiêu;Giá trị;Nguồn số liệu',
  'TP. Cần Thơ;2023;Tỷ lệ thanh toán trực tuyến trên Cổng DVC quốc gia;42,4;công bố',
  'Sở LĐ-TB&XH;2023;Chỉ số cải cách hành chính (PAR INDEX);98;công bố',
  ';;;;',
  'Sở Y tế;2023;par_index;84;công bố',
  'Huyện Phong Điền;2023;par_index;95;công bố',
  'Quận Ninh Kiều;2023;par_index;91;minh họa',
].join('\r\n');

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, fastTicks: true, pageErrors });
  server = e2e.server;
  const r = await fetch(`${server.url}/api/v1/reporting/imports?filename=bao-cao.csv`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-api-key': KEY },
    body: CSV,
  });
  const body = (await r.json()) as ImportResponse;
  expect(r.status, JSON.stringify(body)).toBe(200);
  expect(body.rows).toBe(5);
  // an analyst reads the wall's scene and the history, and may export
  page = await e2e.newPage({ as: 'analyst' });
});

afterAll(() => e2e?.close());

describe('Báo cáo scene', () => {
  it('shows the imported values against targets, the rankings computed from them, and the late units', async () => {
    await page.goto(`${server.url}/?scene=reporting`);
    await page.waitForSelector('[data-testid="scene-reporting"][data-active="true"]', { timeout: 15_000 });
    const payment = '[data-testid="reporting-targets"] tr[data-indicator="online_payment_rate"]';
    await page.waitForSelector(payment, { timeout: 15_000 });
    expect(await page.getAttribute(payment, 'data-verdict')).toBe('met');
    const text = (await page.textContent(payment)) ?? '';
    expect(text).toContain('42,4 %');
    expect(text).toContain('30 %');
    expect(text).toContain('Đạt');
    await expect.poll(() => page.textContent('[data-testid="reporting-rank-dept-average"]'), { timeout: 15_000 }).toContain('91,00 %');
    expect(await page.textContent('[data-testid="reporting-rank-dept-threshold"]')).toBe('2/2 ≥ 80 %');
    expect(await page.textContent('[data-testid="reporting-rank-district-average"]')).toContain('93,00 %');
    expect(await page.textContent('[data-testid="reporting-rank-district"]')).toContain('minh họa');
    // nobody sent this month's report: every unit of the regime is listed as due or overdue
    await page.waitForSelector('[data-testid="reporting-late-counts"]', { timeout: 15_000 });
    expect(await page.getAttribute('[data-testid="scene-indicator"]', 'data-scene')).toBe('reporting');
    expect(pageErrors).toEqual([]);
  });
});

describe('reporting analyst page', () => {
  it('shows an indicator’s history by unit and period, with the view in the URL and a CSV export', async () => {
    await page.goto(`${server.url}/analyst/reporting?indicator=par_index`);
    await page.waitForSelector('[data-testid="reporting-history"] tr[data-unit="SLDTBXH"]', { timeout: 15_000 });
    expect(await page.textContent('[data-testid="reporting-history"] tr[data-unit="SLDTBXH"]')).toContain('98,00');
    expect(await page.textContent('[data-testid="reporting-history"] thead')).toContain('Năm 2023');
    await page.selectOption('[data-testid="reporting-units"]', 'SYT');
    await expect.poll(() => page.url()).toContain('units=SYT');
    await expect.poll(() => page.locator('[data-testid="reporting-history"] tbody tr').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getAttribute('[data-testid="reporting-csv"]', 'href')).toContain('sep=semicolon');
    await page.selectOption('[data-testid="reporting-sep"]', 'comma');
    expect(await page.getAttribute('[data-testid="reporting-csv"]', 'href')).toContain('sep=comma');
    const href = await page.getAttribute('[data-testid="reporting-csv"]', 'href');
    expect(href).toContain('/api/v1/reporting/history.csv?indicator=par_index&units=SYT&lang=vi&sep=comma');
    // the page's own session fetches the file, as a click would
    const csv = await page.request.get(new URL(href!, server.url).toString());
    expect(csv.status(), await csv.text()).toBe(200);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // the separator chosen on the page (comma), not the Vietnamese default
    expect(bytes.toString('utf8')).toContain('2023,SYT,Sở Y tế,par_index');
    expect(pageErrors).toEqual([]);
  });

  it('draws the values by period against the target, with the controls of the other analyst pages', async () => {
    await page.goto(`${server.url}/analyst/reporting?indicator=online_payment_rate`);
    const points = page.locator('[data-testid="reporting-chart-points"]');
    await points.waitFor({ timeout: 15_000 });
    expect(await points.getAttribute('data-points')).toBe('1');
    expect(await points.getAttribute('data-target')).toBe('30');
    await page.waitForSelector('[data-testid="reporting-chart"] canvas');
    expect(await page.getAttribute('[data-testid="reporting-chart"]', 'aria-label')).toContain('Năm 2023: 42,4 %');
    // the dark theme's fields, not the browser's default white select
    for (const id of ['reporting-indicator', 'reporting-units']) {
      expect(await page.$eval(`[data-testid="${id}"]`, (el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 27, 51)');
      expect(await page.$eval(`[data-testid="${id}"]`, (el) => el.closest('.field')?.querySelector('.field-label')?.textContent)).toBeTruthy();
    }
    expect(await page.$eval('[data-testid="reporting-history"]', (el) => el.classList.contains('an-table'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
