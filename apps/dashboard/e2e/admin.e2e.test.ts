/**
 * The "Hành chính công" wall scene, the operator page and the analyst page in a real Chromium
 * against the built dashboard served by a real ingest process (IOC_DEMO=false), fed only through
 * the public dossier API.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DossierEvent, DossierIndicatorsResponse, Score766Response } from '@cityioc/contracts';
import { signIn } from '../../../test-support/browser.ts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { currentMonth, DAY, openE2e, type E2e } from './support/e2e.ts';

const KEY = 'e2e-admin-source-key-0123456789';
let e2e: E2e;
let server: ServerProcess;
let page: Page;
const pageErrors: string[] = [];

const iso = (ms: number) => new Date(ms).toISOString();

/** One status change of a dossier, canonical field names. */
function event(code: string, area: string, status: DossierEvent['status'], statusAt: number, extra: Partial<DossierEvent> = {}): DossierEvent {
  return {
    eventId: `${code}:${status}@${statusAt}`,
    dossierCode: code,
    procedureCode: '1.000494',
    agencyCode: area === '31135' ? '000.135.00.H13' : '000.153.00.H13',
    adminUnitCode: area,
    channel: 2,
    status,
    statusAt: iso(statusAt),
    ...extra,
  };
}

/** Received a minute ago (this month), due in ten days. */
function fresh(code: string, area: string, extra: Partial<DossierEvent> = {}): DossierEvent {
  const at = Date.now() - 60_000;
  return event(code, area, 2, at, { receivedAt: iso(at), dueAt: iso(Date.now() + 10 * DAY), ...extra });
}

/** Received 40 days ago, due 20 days ago, still in process: overdue by any calendar. */
function overdue(code: string, area: string): DossierEvent[] {
  const received = Date.now() - 40 * DAY;
  const due = Date.now() - 20 * DAY;
  const base = { receivedAt: iso(received), dueAt: iso(due), channel: 1 as const };
  return [event(code, area, 2, received, base), event(code, area, 4, received + DAY, base)];
}

const OVERDUE_CODE = 'E2E-OVERDUE-31135-1';
/** A code that would be markup if anything rendered data as HTML: the feed refuses it (dossier codes are feed ids). */
const MARKUP_CODE = 'E2E-<b>bold</b>-31135';

async function postEvents(events: DossierEvent[]) {
  await e2e.send('/api/v1/dossiers/events', { events });
}

async function scorecard(): Promise<Score766Response> {
  const r = await fetch(`${server.url}/api/v1/score766?unit=92&period=${currentMonth()}`, { headers: server.headers('analyst') });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as Score766Response;
}

/** Points as the wall writes them in Vietnamese: '20', '10,83'; '—' without data. */
function points(p: number | null): string {
  if (p === null) return '—';
  const r = Math.round(p * 100) / 100;
  return Number.isInteger(r) ? String(r) : r.toFixed(2).replace('.', ',');
}

async function indicators(by: 'area' | 'agency' = 'area'): Promise<DossierIndicatorsResponse> {
  const r = await fetch(`${server.url}/api/v1/dossiers/indicators?period=${currentMonth()}&scope=92&by=${by}`, { headers: server.headers('analyst') });
  expect(r.status).toBe(200);
  return (await r.json()) as DossierIndicatorsResponse;
}

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, fastTicks: true, pageErrors });
  server = e2e.server;
  const month = Date.now() - 60_000;
  await postEvents([
    ...Array.from({ length: 7 }, (_, i) => fresh(`E2E-31135-${i}`, '31135')),
    ...Array.from({ length: 4 }, (_, i) => fresh(`E2E-31153-${i}`, '31153', { channel: 1 })),
    // one finished on time
    event('E2E-31153-0', '31153', 9, month + 30_000, {
      receivedAt: iso(month),
      dueAt: iso(Date.now() + 10 * DAY),
      finishedAt: iso(month + 30_000),
      channel: 1,
    }),
    ...overdue(OVERDUE_CODE, '31135'),
  ]);
  page = await e2e.newPage();
  page.on('dialog', (d) => {
    pageErrors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  // the city-wide administrator reads every unit and may export
  await signIn(page, server, 'admin');
});

afterAll(() => e2e?.close());

describe('Hành chính công scene', () => {
  it('shows the received count of the API for the current month, formatted vi-VN', async () => {
    const api = await indicators();
    expect(api.total.received).toBe(11);
    // ?scene=admin, the scene's old id, still pins it
    await page.goto(`${server.url}/?scene=admin`);
    await page.waitForSelector('[data-testid="scene-procedures"][data-active="true"]', { timeout: 15_000 });
    await expect.poll(() => page.getAttribute('[data-testid="procedures-received"]', 'data-raw-value'), { timeout: 15_000 }).toBe(String(api.total.received));
    expect(await page.textContent('[data-testid="procedures-value-received"]')).toBe('11');
    expect(await page.getAttribute('[data-testid="procedures-head"]', 'data-period')).toBe(currentMonth());
    // the 766 panel shows the server's scorecard (GET /api/v1/score766), the very numbers of the 766 scene
    const card = await scorecard();
    expect(card.groups.find((g) => g.id === 'progress')!.points).not.toBeNull();
    await page.waitForSelector('[data-testid="procedures-score766"] [data-testid="procedures-score766-groups"]', { timeout: 15_000 });
    expect(await page.textContent('[data-testid="procedures-score766-disclaimer"]')).toBe('Điểm IOC tính từ dữ liệu — không phải điểm công bố chính thức');
    for (const g of card.groups) {
      const shown = (await page.textContent(`[data-testid="procedures-score766-group-value-${g.id}"]`))!.replace(/\s+/g, ' ').trim();
      expect(shown, g.id).toBe(`${points(g.points)} / ${points(g.max)}`);
    }
    expect(await page.getAttribute('[data-testid="procedures-score766-total"]', 'data-points')).toBe(String(card.total.points));
    expect(await page.getAttribute('[data-testid="scene-indicator"]', 'data-scene')).toBe('procedures');
  });

  it('follows new dossiers: a dossier delta re-reads the indicators within seconds', async () => {
    await postEvents(Array.from({ length: 5 }, (_, i) => fresh(`E2E-31168-${i}`, '31168')));
    await expect.poll(async () => (await indicators()).total.received, { timeout: 5_000 }).toBe(16);
    await expect.poll(() => page.getAttribute('[data-testid="procedures-received"]', 'data-raw-value'), { timeout: 15_000, interval: 250 }).toBe('16');
    expect(await page.textContent('[data-testid="procedures-value-received"]')).toBe('16');
  });

  it('ranks districts with a bar chart', async () => {
    const api = await indicators();
    const withDossiers = api.rows.filter((r) => r.onTime.denominator > 0).length;
    await expect.poll(() => page.getAttribute('[data-testid="procedures-rank-districts"]', 'data-count'), { timeout: 10_000 }).toBe(String(withDossiers));
    await page.waitForSelector('[data-testid="procedures-rank-districts-chart"] canvas', { timeout: 15_000 });
  });

  it('ranks agencies by their catalogue names, the one with more dossiers first among equal rates', async () => {
    // Both committees are 100 % on time (dossiers in process within their deadline); Ninh Kiều's gets 3 more, so it
    // ranks first on volume and the two do not share a rank
    await postEvents(Array.from({ length: 3 }, (_, i) => fresh(`E2E-AG-31135-${i}`, '31135')));
    await expect
      .poll(async () => (await indicators('agency')).rows.map((r) => [r.key, r.onTime.numerator, r.onTime.denominator]), { timeout: 5_000 })
      .toEqual([
        ['000.135.00.H13', 10, 10],
        ['000.153.00.H13', 9, 9],
      ]);
    const chart = '[data-testid="procedures-rank-agencies-chart"]';
    await expect
      .poll(() => page.getAttribute(chart, 'aria-label'), { timeout: 15_000, interval: 250 })
      .toBe('Xếp hạng cơ quan — tỷ lệ đúng hạn: 1. UBND phường Ninh Kiều: 100,0 % (10 / 10); 2. UBND phường Ô Môn: 100,0 % (9 / 9)');
    await page.waitForSelector(`${chart} canvas`, { timeout: 15_000 });
    expect(await page.textContent('[data-testid="procedures-rank-agencies-ties"]')).toBe('Cùng tỷ lệ: đơn vị giải quyết nhiều hồ sơ hơn xếp trước');
  });
});

describe('operator page', () => {
  it('lists the overdue dossier of the district and opens its trail', async () => {
    await page.goto(`${server.url}/operator?area=31135`);
    const row = page.locator(`[data-testid="dossier-${OVERDUE_CODE}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-kind')).toBe('overdue');
    expect(await row.textContent()).toContain('Trễ');
    await row.click();
    await page.waitForSelector('[data-testid="trail-steps"]', { timeout: 10_000 });
    const trail = await page.textContent('[data-testid="trail-panel"]');
    expect(trail).toContain('Được tiếp nhận');
    expect(trail).toContain('Đang xử lý');
    expect(new URL(page.url()).searchParams.get('dossier')).toBe(OVERDUE_CODE);
  });

  it('never shows a code that looks like markup: the feed refuses it, naming the field', async () => {
    const r = await fetch(`${server.url}/api/v1/dossiers/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ events: overdue(MARKUP_CODE, '31135') }),
    });
    expect(r.status).toBe(422);
    const body = (await r.json()) as { rejected: number; results: { errors?: { field: string; reason: string }[] }[] };
    expect(body.rejected).toBe(2);
    expect(body.results[0]!.errors).toContainEqual(expect.objectContaining({ field: '/dossierCode', reason: 'pattern' }));
    await page.reload();
    await page.locator(`[data-testid="dossier-${OVERDUE_CODE}"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="watchlist"] b').count()).toBe(0);
    expect(await page.locator(`[data-testid="dossier-${MARKUP_CODE}"]`).count()).toBe(0);
  });

  it('says so in Vietnamese when a unit has nothing overdue or due soon', async () => {
    await page.goto(`${server.url}/operator?area=31261`);
    await page.waitForSelector('[data-testid="operator-empty"]', { timeout: 15_000 });
    expect(await page.textContent('[data-testid="operator-empty"]')).toContain('Không có hồ sơ quá hạn');
  });
});

describe('analyst page', () => {
  it('ranks districts on received dossiers like the API, with the view in the URL', async () => {
    const api = await indicators();
    const ninhKieu = api.rows.find((r) => r.key === '31135')!;
    await page.goto(`${server.url}/analyst/dossiers?indicator=received&period=${currentMonth()}&by=area`);
    await page.waitForSelector('[data-testid="analyst-table"]', { timeout: 15_000 });
    expect(await page.getAttribute('[data-testid="analyst-row-31135"] .an-value', 'data-raw-value')).toBe(String(ninhKieu.received));
    await page.click('[data-testid="analyst-kind-quarter"]');
    await expect.poll(() => new URL(page.url()).searchParams.get('period'), { timeout: 5_000 }).toMatch(/^\d{4}-Q[1-4]$/);
    expect(pageErrors).toEqual([]);
  });

  it('reopens the same view from its URL, and the server exports its table as CSV and XLSX', async () => {
    const url = `${server.url}/analyst/dossiers?indicator=received&period=${currentMonth()}&by=area`;
    await page.goto(url);
    await page.waitForSelector('[data-testid="analyst-table"]', { timeout: 15_000 });
    expect(page.url()).toBe(url);
    expect(await page.inputValue('[data-testid="analyst-indicator"]')).toBe('received');
    expect(await page.getAttribute('[data-testid="analyst-by-area"]', 'aria-pressed')).toBe('true');
    const api = await indicators();
    const received = api.rows.find((r) => r.key === '31135')!.received;

    // Vietnamese: ';' by default, the list separator Excel expects under vi-VN settings
    const csvHref = (await page.getAttribute('[data-testid="analyst-export-csv"]', 'href'))!;
    const csvUrl = new URL(csvHref, server.url);
    expect(csvUrl.pathname).toBe('/api/v1/dossiers/indicators.csv');
    expect(Object.fromEntries(csvUrl.searchParams)).toEqual({ period: currentMonth(), scope: '92', by: 'area', lang: 'vi', sep: 'semicolon' });
    // the page's own session fetches the file, as a click would
    const csv = await page.request.get(csvUrl.toString());
    expect(csv.status(), await csv.text()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split(/\r?\n/);
    expect(lines[0]).toContain(';');
    const row = lines.find((l) => l.split(';').includes('31135'))!;
    expect(row.split(';')).toContain(String(received));

    await page.selectOption('[data-testid="analyst-export-sep"]', 'comma');
    const commaUrl = new URL((await page.getAttribute('[data-testid="analyst-export-csv"]', 'href'))!, server.url);
    expect(commaUrl.searchParams.get('sep')).toBe('comma');

    const xlsxUrl = new URL((await page.getAttribute('[data-testid="analyst-export-xlsx"]', 'href'))!, server.url);
    expect(xlsxUrl.pathname).toBe('/api/v1/dossiers/indicators.xlsx');
    expect(xlsxUrl.searchParams.get('sep')).toBeNull();
    const xlsx = await page.request.get(xlsxUrl.toString());
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    const file = await xlsx.body();
    await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const cells: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => cells.push((r.values as unknown[]).slice(1)));
    expect(cells.some((r) => r.includes('31135') && r.includes(received))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
