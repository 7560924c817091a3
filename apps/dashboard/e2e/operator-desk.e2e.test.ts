/**
 * The operator desk end to end (issue 13 item 6) in a real Chromium against the built dashboard and a
 * real ingest process: the inbox's counted status filter, acknowledge and assign with "Giao xử lý",
 * the detail panel that never spills sideways (1920×1080 and 1366×768), disabled actions that say
 * why, the trail in Vietnamese, a second tab still signed in, the city-wide view of /operator for
 * a leader and a row opening the unit, and dossier codes linking to the one-stop system through
 * IOC_DOSSIER_URL_TEMPLATE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PROCESS_ACCOUNTS, type ServerProcess } from '../../../test-support/server-process.ts';
import { layoutProblems } from './layout-checks.ts';
import { dossierInProcess, openE2e, seedTwoWards, testId, WALL_VIEWPORT, type E2e } from './support/e2e.ts';

const KEY = 'e2e-opsdesk-source-key-0123456789';
const TEMPLATE = 'https://dichvucong.cantho.gov.vn/ho-so/{code}?cq={agency}';
const LONG_UNIT = 'Phòng Quản lý đô thị và Xây dựng phường Ninh Kiều — Đội kiểm tra trật tự xây dựng và thoát nước đô thị số 2';
let e2e: E2e;
let server: ServerProcess;
const pageErrors: string[] = [];

/** Every button, input, select and textarea under `root` is one of ours: it inherits the page's font (the browser default is 13.33 px system-ui). */
function defaultLookingControls(page: Page, root: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const bodyFont = getComputedStyle(document.body).fontFamily;
    return Array.from(document.querySelectorAll<HTMLElement>(`${sel} button, ${sel} input, ${sel} select, ${sel} textarea`))
      .filter((el) => el.className === '' || getComputedStyle(el).fontFamily !== bodyFont || getComputedStyle(el).fontSize === '13.3333px')
      .map((el) => `${el.tagName.toLowerCase()}[data-testid=${el.getAttribute('data-testid')}].${el.className}: ${getComputedStyle(el).fontFamily}`);
  }, root);
}

/** The detail panel inside the window and nothing under the page's layout cut off or spilling out. */
async function noSidewaysOverflow(page: Page): Promise<{ overflow: string[]; panelInside: boolean; pageScroll: number }> {
  const problems = await layoutProblems(page, '.op-layout');
  const geometry = await page.evaluate(() => {
    const r = document.querySelector('[data-testid="alert-detail"]')!.getBoundingClientRect();
    const layout = document.querySelector('.op-layout')!;
    return { panelInside: r.left >= 0 && r.right <= window.innerWidth + 0.5, pageScroll: layout.scrollWidth - layout.clientWidth };
  });
  return { overflow: problems.overflow, ...geometry };
}

let alert31135 = '';
let alert31153 = '';

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, fastTicks: true, env: { IOC_DOSSIER_URL_TEMPLATE: TEMPLATE }, pageErrors });
  server = e2e.server;
  ({ ninhKieu: alert31135, oMon: alert31153 } = await seedTwoWards(e2e, 'OPS'));
  await e2e.send('/api/v1/dossiers/events', { events: dossierInProcess('OPS-31153-2', '31153', '000.153.00.H13', 30, -10) });
});

afterAll(() => e2e?.close());

describe('operator inbox flow', () => {
  let page: Page;

  it('a counted status filter whose choice is obvious, a "Trạng thái" column, and no browser-default control', async () => {
    page = await e2e.newPage({ viewport: WALL_VIEWPORT, as: 'operator' });
    await page.goto(`${server.url}/operator/alerts`);
    await page.locator(`[data-testid="inbox-row"][data-alert-id="${alert31135}"]`).waitFor({ timeout: 15_000 });
    expect(await page.textContent(testId('inbox-status-header'))).toBe('Trạng thái');
    const active = page.locator(testId('inbox-filter-active'));
    expect(await active.getAttribute('aria-pressed')).toBe('true');
    expect(await active.getAttribute('class')).toBe('seg-btn active');
    // the operator of Ninh Kiều sees their one alert, not Ô Môn's
    expect(await active.textContent()).toBe('Đang xử lý 1');
    await page.click(testId('inbox-filter-resolved'));
    await page.locator(testId('inbox-empty')).waitFor();
    expect(await page.getAttribute(testId('inbox-filter-resolved'), 'aria-pressed')).toBe('true');
    expect(await active.getAttribute('aria-pressed')).toBe('false');
    expect(new URL(page.url()).searchParams.get('show')).toBe('resolved');
    await page.click(testId('inbox-filter-active'));
    await page.click(`[data-testid="inbox-row"][data-alert-id="${alert31135}"]`);
    await page.locator(testId('alert-detail')).waitFor();
    expect(await defaultLookingControls(page, '.op-layout')).toEqual([]);
  });

  it('disabled actions say why, beside them and to assistive technology', async () => {
    const resolve = page.locator(testId('action-resolve'));
    expect(await resolve.isDisabled()).toBe(true);
    expect(await page.textContent(testId('action-resolve-why'))).toBe('Cần tiếp nhận cảnh báo trước');
    expect(await resolve.getAttribute('title')).toBe('Cần tiếp nhận cảnh báo trước');
    const described = await resolve.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).textContent()).toBe('Cần tiếp nhận cảnh báo trước');

    await page.click(testId('action-ack'));
    await expect.poll(() => page.getAttribute(testId('alert-detail'), 'data-status'), { timeout: 5_000 }).toBe('acknowledged');
    expect(await resolve.isDisabled()).toBe(true);
    expect(await page.textContent(testId('action-resolve-why'))).toBe('Ghi rõ việc đã làm vào ô Ghi chú trước');
    expect(await page.textContent(testId('action-assign-why'))).toBe('Nhập đơn vị được giao trước');
    // the condition still holds: said, not blocking
    expect(await page.textContent(testId('still-active'))).toContain('Điều kiện cảnh báo vẫn còn');
  });

  it('"Giao xử lý" with a long unit name: the panel wraps, nothing spills sideways, at 1920×1080 and 1366×768', async () => {
    await page.fill(testId('assign-unit'), LONG_UNIT);
    await page.fill(testId('assign-amount'), '2');
    expect(await page.isDisabled(testId('action-assign'))).toBe(false);
    await page.click(testId('action-assign'));
    await expect.poll(() => page.getAttribute(testId('alert-detail'), 'data-status'), { timeout: 5_000 }).toBe('assigned');
    await expect.poll(() => page.textContent(testId('detail-assigned'))).toContain(LONG_UNIT);
    expect(await noSidewaysOverflow(page)).toEqual({ overflow: [], panelInside: true, pageScroll: 0 });
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await noSidewaysOverflow(page)).toEqual({ overflow: [], panelInside: true, pageScroll: 0 });
    await page.setViewportSize(WALL_VIEWPORT);
  });

  it('the trail is in Vietnamese: "Hệ thống", action names, the assignment', async () => {
    const trail = page.locator(testId('alert-trail'));
    await expect.poll(() => trail.locator('li').count(), { timeout: 5_000 }).toBe(3);
    const lines = await trail
      .locator('li')
      .evaluateAll((els) => els.map((e) => [e.querySelector('.trail-action')!.textContent, e.querySelector('.trail-actor')!.textContent]));
    const name = `${PROCESS_ACCOUNTS.operator.name} (${PROCESS_ACCOUNTS.operator.username})`;
    expect(lines).toEqual([
      ['Phát sinh cảnh báo', 'Hệ thống'],
      ['Tiếp nhận', name],
      ['Giao xử lý', name],
    ]);
    expect(await trail.textContent()).toContain(`${LONG_UNIT} — hạn`);
    expect(await trail.textContent()).not.toMatch(/system/i);
  });

  it('a second tab is signed in too: the inbox, and /operator straight on the unit with the one-stop system link', async () => {
    const tab = await page.context().newPage();
    tab.on('pageerror', (e) => pageErrors.push(String(e)));
    await tab.goto(`${server.url}/operator/alerts`);
    await expect.poll(() => tab.textContent(testId('user-name')), { timeout: 10_000 }).toBe(PROCESS_ACCOUNTS.operator.name);
    await tab.locator(`[data-testid="inbox-row"][data-alert-id="${alert31135}"]`).waitFor({ timeout: 10_000 });
    await tab.goto(`${server.url}/operator`);
    // an operator of one unit goes straight to it: no city-wide view
    await expect.poll(() => tab.getAttribute(testId('unit-picked'), 'data-code'), { timeout: 10_000 }).toBe('31135');
    expect(await tab.locator(testId('city-overview')).count()).toBe(0);
    const link = tab.locator(`${testId('dossier-OPS-31135-1')} ${testId('dossier-link')}`);
    await link.waitFor({ timeout: 10_000 });
    expect(await link.getAttribute('href')).toBe('https://dichvucong.cantho.gov.vn/ho-so/OPS-31135-1?cq=000.135.00.H13');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await defaultLookingControls(tab, '[data-testid="operator-page"] .page-body')).toEqual([]);
    await tab.close();
  });

  it('resolves with a note; in English the trail says "System"', async () => {
    await page.fill(testId('note-input'), 'Đã khơi thông cống, nước rút');
    expect(await page.locator(testId('action-resolve-why')).count()).toBe(0);
    await page.click(testId('action-resolve'));
    await expect.poll(() => page.getAttribute(testId('alert-detail'), 'data-status'), { timeout: 5_000 }).toBe('resolved');
    await page.goto(`${server.url}/operator/alerts?show=all&alert=${encodeURIComponent(alert31135)}&lang=en`);
    const first = page.locator(`${testId('alert-trail')} li`).first();
    await first.waitFor({ timeout: 10_000 });
    expect([await first.locator('.trail-action').textContent(), await first.locator('.trail-actor').textContent()]).toEqual(['Alert raised', 'System']);
    expect(pageErrors).toEqual([]);
  });
});

describe('the city-wide view of /operator', () => {
  it('a leader sees every unit with work to do, sorts it, and a row opens the unit; alert actions say why they are not theirs', async () => {
    const page = await e2e.newPage({ viewport: WALL_VIEWPORT, as: 'leader' });
    await page.goto(`${server.url}/operator`);
    await page.locator(testId('city-table')).waitFor({ timeout: 15_000 });
    const cells = (code: string) => page.locator(`${testId(`city-row-${code}`)} td.col-num`).allTextContents();
    await expect.poll(() => cells('31153'), { timeout: 10_000 }).toEqual(['1', '2', '0', '0']);
    // Ninh Kiều's alert was resolved above: none open there now
    expect(await cells('31135')).toEqual(['0', '1', '0', '0']);
    // most overdue first by default; by open alerts then urgency after a click
    const order = () => page.locator(`${testId('city-table')} tbody tr`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(await order()).toEqual(['city-row-31153', 'city-row-31135']);
    await page.click(testId('city-sort-unit'));
    expect(await order()).toEqual(['city-row-31135', 'city-row-31153']);
    expect(await page.getAttribute(`${testId('city-sort-unit')} >> xpath=..`, 'aria-sort')).toBe('ascending');
    expect(await page.textContent(testId('city-total-overdue'))).toBe('3');
    expect(await defaultLookingControls(page, '[data-testid="operator-page"] .page-body')).toEqual([]);
    await page.click(testId('city-show-all'));
    await expect.poll(() => page.locator(`${testId('city-table')} tbody tr`).count()).toBe(103);
    await page.click(testId('city-row-31153'));
    await expect.poll(() => page.getAttribute(testId('unit-picked'), 'data-code'), { timeout: 10_000 }).toBe('31153');
    expect(new URL(page.url()).searchParams.get('area')).toBe('31153');
    await page.locator(testId('dossier-OPS-31153-2')).waitFor({ timeout: 10_000 });

    await page.goto(`${server.url}/operator/alerts?alert=${encodeURIComponent(alert31153)}`);
    await page.locator(testId('alert-detail')).waitFor({ timeout: 10_000 });
    const why = 'Chỉ vận hành viên của đơn vị hoặc quản trị viên mới xử lý được cảnh báo';
    expect(await page.textContent(testId('actions-why'))).toBe(why);
    const ack = page.locator(testId('action-ack'));
    expect(await ack.isDisabled()).toBe(true);
    expect(await ack.getAttribute('title')).toBe(why);
    expect(await page.locator(`[id="${await ack.getAttribute('aria-describedby')}"]`).textContent()).toBe(why);
    expect(pageErrors).toEqual([]);
  });
});
