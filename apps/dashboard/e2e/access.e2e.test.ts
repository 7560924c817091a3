/**
 * Who may see and do what (issue 11), in a real Chromium against the built dashboard and a real
 * ingest process with accounts: people sign in through the form; the operator of phường Ninh Kiều
 * (31135) sees only that unit's alerts, dossiers and exports; the session holds across tabs and
 * reloads until "Đăng xuất"; a page without a session goes to sign-in and back; an administrator
 * creates a user and a wall screen's link, and the link opens the wall without a password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DossierEvent } from '@cityioc/contracts';
import { signIn } from '../../../test-support/browser.ts';
import { PROCESS_ACCOUNTS, type ProcessAccount, type ServerProcess, type TestRole } from '../../../test-support/server-process.ts';
import { DAY, DESK_VIEWPORT, MIN, openE2e, seedTwoWards, WALL_VIEWPORT, type E2e } from './support/e2e.ts';

const KEY = 'e2e-access-source-key-0123456789';
const iso = (ms: number) => new Date(ms).toISOString();
let e2e: E2e;
let server: ServerProcess;
const pageErrors: string[] = [];

/** Received a minute ago (this month), due in ten days. */
function fresh(code: string, area: string, agencyCode: string): DossierEvent {
  const at = Date.now() - MIN;
  return {
    eventId: `${code}:2`,
    dossierCode: code,
    procedureCode: '1.000494',
    agencyCode,
    adminUnitCode: area,
    channel: 2,
    status: 2,
    statusAt: iso(at),
    receivedAt: iso(at),
    dueAt: iso(at + 10 * DAY),
  };
}

/** A fresh browser context (no cookie) with a page that records errors, signed in through the form as `as` (when given). */
const freshPage = (as?: TestRole, viewport: { width: number; height: number } = DESK_VIEWPORT): Promise<Page> => e2e.newPage({ viewport, as });

async function fillSignIn(page: Page, account: ProcessAccount) {
  await page.fill('[data-testid="login-username"]', account.username);
  await page.fill('[data-testid="login-password"]', account.password);
  await page.click('[data-testid="login-submit"]');
}

/** Types and submits, and resolves with the status of the sign-in request the form sent. */
async function submitSignIn(page: Page, account: ProcessAccount): Promise<number> {
  const [res] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login'), fillSignIn(page, account)]);
  return res.status();
}

const OP = PROCESS_ACCOUNTS.operator;
let alert31135 = '';
let alert31153 = '';

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, fastTicks: true, env: { IOC_LOGIN_LOCK_FAILURES: '3' }, pageErrors });
  server = e2e.server;
  ({ ninhKieu: alert31135, oMon: alert31153 } = await seedTwoWards(e2e, 'ACC'));
  await e2e.send('/api/v1/dossiers/events', { events: [fresh('ACC-31135-2', '31135', '000.135.00.H13'), fresh('ACC-31153-2', '31153', '000.153.00.H13')] });
});

afterAll(() => e2e?.close());

describe('signing in', () => {
  it('says precisely why a sign-in fails, in Vietnamese: wrong password, then too many attempts with the wait', async () => {
    const page = await freshPage();
    const locked: ProcessAccount = { ...PROCESS_ACCOUNTS.leader, username: 'e2e.khoa', name: 'Tài khoản bị khóa' };
    // the account exists (created by signing it in once elsewhere), so the lock is about the attempts, not the name
    expect(await signIn(await freshPage(), server, 'leader', locked)).toBe(true);
    await page.goto(`${server.url}/login`);
    expect(await page.textContent('h1#login-title')).toBe('Đăng nhập');
    for (let i = 0; i < 3; i++) {
      expect(await submitSignIn(page, { ...locked, password: `sai mật khẩu ${i}` })).toBe(401);
      await expect.poll(() => page.getAttribute('[data-testid="login-error"]', 'data-code'), { timeout: 5_000 }).toBe('auth.error.credentials');
      expect(await page.textContent('[data-testid="login-error"]')).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    }
    // the fourth, even with the right password, waits out the lock
    expect(await submitSignIn(page, locked)).toBe(429);
    await expect.poll(() => page.getAttribute('[data-testid="login-error"]', 'data-code'), { timeout: 5_000 }).toBe('auth.error.tooMany');
    expect(await page.textContent('[data-testid="login-error"]')).toMatch(/^Đăng nhập sai quá nhiều lần\. Vui lòng chờ \d+ giây rồi thử lại\.$/);
    expect(await page.isDisabled('[data-testid="login-submit"]')).toBe(true);
    expect(await page.textContent('[data-testid="login-submit"]')).toMatch(/^Thử lại sau \d+ giây$/);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('takes a page without a session to sign-in and back to it afterwards', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/operator/alerts?show=all`);
    await page.waitForURL((u) => u.pathname === '/login', { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/operator/alerts?show=all');
    expect(await page.textContent('[data-testid="login-page"]')).toContain('Sau khi đăng nhập sẽ mở lại trang bạn đang xem.');
    // the account is created by the admin API first (signIn does it for the other tests)
    expect(await signIn(await freshPage(), server, 'operator')).toBe(true);
    await fillSignIn(page, OP);
    await page.waitForURL((u) => u.pathname === '/operator/alerts', { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('show')).toBe('all');
    await expect.poll(() => page.textContent('[data-testid="user-name"]'), { timeout: 10_000 }).toBe('Nguyễn Thị Dung');
    expect(await page.textContent('[data-testid="user-scope"]')).toContain('Ninh Kiều');
    expect(await page.textContent('[data-testid="user-scope"]')).toContain('Điều hành viên');
  });
});

describe('the operator of phường Ninh Kiều', () => {
  let page: Page;

  beforeAll(async () => {
    page = await freshPage('operator');
  });

  it("sees only the unit's alerts in the inbox, and may act on them", async () => {
    await page.goto(`${server.url}/operator/alerts?show=all`);
    const row = page.locator(`[data-testid="inbox-row"][data-alert-id="${alert31135}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator(`[data-testid="inbox-row"][data-alert-id="${alert31153}"]`).count()).toBe(0);
    await row.click();
    await page.fill('[data-testid="note-input"]', 'Đã nhận, cử người kiểm tra');
    await page.click('[data-testid="action-ack"]');
    await expect.poll(() => page.getAttribute('[data-testid="alert-detail"]', 'data-status'), { timeout: 5_000 }).toBe('acknowledged');
    await expect.poll(() => page.textContent('[data-testid="alert-trail"]'), { timeout: 5_000 }).toContain('Nguyễn Thị Dung');
    // another unit's alert does not exist for them
    await page.goto(`${server.url}/operator/alerts?alert=${encodeURIComponent(alert31153)}`);
    await expect.poll(() => page.textContent('[data-testid="alert-not-found"]'), { timeout: 10_000 }).toBe('Không tìm thấy trong phạm vi của bạn.');
    expect(await page.locator('[data-testid="alert-detail"]').count()).toBe(0);
  });

  it("is offered only the unit and its agency, and sees only the unit's dossiers", async () => {
    await page.goto(`${server.url}/operator`);
    // opens on the operator's own unit
    await expect.poll(() => new URL(page.url()).searchParams.get('area'), { timeout: 10_000 }).toBe('31135');
    await page.locator('[data-testid="dossier-ACC-31135-1"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="dossier-ACC-31153-1"]').count()).toBe(0);
    expect(await page.getAttribute('[data-testid="unit-picked"]', 'data-code')).toBe('31135');
    // the picker finds only the unit and its committee: "phuong" matches every phường of the city-wide list
    await page.fill('[data-testid="unit-search"]', 'phuong');
    await page.waitForSelector('[data-testid="unit-options"]');
    const options = await page.$$eval('[data-testid="unit-options"] [role="option"]', (els) => els.map((e) => e.getAttribute('data-testid')).sort());
    expect(options).toEqual(['unit-option-agency-000.135.00.H13', 'unit-option-area-31135']);
    await page.fill('[data-testid="unit-search"]', 'o mon');
    await page.waitForSelector('[data-testid="unit-options"] .unit-option-empty');
    // another unit by URL: refused in place, nothing of it shown
    await page.goto(`${server.url}/operator?area=31153`);
    await expect.poll(() => page.textContent('[data-testid="no-permission"]'), { timeout: 10_000 }).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect(await page.locator('[data-testid="dossier-ACC-31153-1"]').count()).toBe(0);
  });

  it("exports the unit's figures only, with the session", async () => {
    await page.goto(`${server.url}/analyst/dossiers?by=agency`);
    await page.waitForSelector('[data-testid="analyst-row-000.135.00.H13"]', { timeout: 15_000 });
    expect(await page.locator('[data-testid="analyst-row-000.153.00.H13"]').count()).toBe(0);
    const href = (await page.getAttribute('[data-testid="analyst-export-csv"]', 'href'))!;
    const url = new URL(href, server.url);
    expect(url.searchParams.get('scope')).toBe('31135');
    // the browser's own cookie fetches the file, as a click would
    const csv = await page.request.get(url.toString());
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain('000.135.00.H13');
    expect(text).not.toContain('000.153.00.H13');
    expect(await page.locator('[data-testid="nav-admin"]').count()).toBe(0);
  });

  it('stays signed in in a new tab and after a reload, until "Đăng xuất"', async () => {
    const tab = await page.context().newPage();
    await tab.goto(`${server.url}/operator/alerts`);
    await expect.poll(() => tab.textContent('[data-testid="user-name"]'), { timeout: 15_000 }).toBe('Nguyễn Thị Dung');
    await tab.reload();
    await expect.poll(() => tab.textContent('[data-testid="user-name"]'), { timeout: 15_000 }).toBe('Nguyễn Thị Dung');
    await tab.click('[data-testid="sign-out"]');
    await tab.waitForURL((u) => u.pathname === '/login', { timeout: 10_000 });
    // the other tab's session ended too: its next page goes to sign-in
    await page.goto(`${server.url}/operator`);
    await page.waitForURL((u) => u.pathname === '/login', { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/operator');
  });
});

describe('roles', () => {
  it("a leader reads but gets no export buttons, an analyst does not open the operators' inbox", async () => {
    const leader = await freshPage('leader');
    await leader.goto(`${server.url}/analyst/dossiers?by=agency`);
    await leader.waitForSelector('[data-testid="analyst-row-000.153.00.H13"]', { timeout: 15_000 });
    expect(await leader.locator('[data-testid="analyst-export-csv"]').count()).toBe(0);
    const analyst = await freshPage('analyst');
    await analyst.goto(`${server.url}/operator/alerts`);
    await expect.poll(() => analyst.textContent('[data-testid="forbidden"]'), { timeout: 15_000 }).toContain('Bạn không có quyền mở trang này.');
    const nav = await analyst.$$eval('.page-nav a', (els) => els.map((e) => e.getAttribute('data-testid')));
    expect(nav).toEqual(['nav-wall', 'nav-explorer', 'nav-analyst', 'nav-reporting', 'nav-score766']);
  });
});

describe('administration', () => {
  let admin: Page;

  /** Opens the users page's "add" form and types the new account's username, full name and password. */
  async function newUserForm(page: Page, username: string, name: string, password: string) {
    await page.goto(`${server.url}/admin/users`);
    await page.click('[data-testid="user-add"]');
    await page.fill('[data-testid="user-form-username"]', username);
    await page.fill('[data-testid="user-form-name"]', name);
    await page.fill('[data-testid="user-form-password"]', password);
  }

  beforeAll(async () => {
    admin = await freshPage('admin');
  });

  it('creates a user by unit name, who then signs in', async () => {
    await newUserForm(admin, 'e2e.omon', 'Võ Thị Ô Môn', 'mật khẩu ô môn 2026');
    await admin.click('[data-testid="user-role-operator"]');
    await admin.fill('[data-testid="user-form-scope-units-search"]', 'o mon');
    await admin.click('[data-testid="user-form-scope-units"] .picker-option[data-code="31153"]');
    expect(await admin.textContent('[data-testid="user-form-scope-units"] .picker-chips')).toContain('Ô Môn');
    await admin.click('[data-testid="user-save"]');
    await admin.locator('[data-testid="user-row-e2e.omon"]').waitFor({ timeout: 10_000 });
    expect(await admin.textContent('[data-testid="users-notice"]')).toBe('Đã tạo tài khoản e2e.omon.');
    expect(await admin.textContent('[data-testid="user-row-e2e.omon"]')).toContain('Ô Môn');

    const omon = await freshPage();
    await omon.goto(`${server.url}/login?returnTo=%2Foperator%2Falerts%3Fshow%3Dall`);
    await fillSignIn(omon, { ...OP, username: 'e2e.omon', password: 'mật khẩu ô môn 2026' });
    await omon.waitForURL((u) => u.pathname === '/operator/alerts', { timeout: 15_000 });
    await omon.locator(`[data-testid="inbox-row"][data-alert-id="${alert31153}"]`).waitFor({ timeout: 15_000 });
    expect(await omon.locator(`[data-testid="inbox-row"][data-alert-id="${alert31135}"]`).count()).toBe(0);
  });

  it('refuses a short password before sending it', async () => {
    await newUserForm(admin, 'e2e.ngan', 'Mật Khẩu Ngắn', 'ngắn');
    await admin.click('[data-testid="user-save"]');
    expect(await admin.textContent('[data-testid="user-form"]')).toContain('Mật khẩu cần ít nhất 12 ký tự.');
    expect(await admin.locator('[data-testid="user-row-e2e.ngan"]').count()).toBe(0);
  });

  it("creates a wall screen whose link, shown once, opens the wall without a password, on the screen's scope", async () => {
    await admin.goto(`${server.url}/admin/devices`);
    await admin.click('[data-testid="device-add"]');
    await admin.fill('[data-testid="device-name"]', 'Màn hình phòng họp phường Ninh Kiều');
    await admin.fill('[data-testid="device-scope-units-search"]', 'ninh kieu');
    await admin.click('[data-testid="device-scope-units"] .picker-option[data-code="31135"]');
    await admin.click('[data-testid="device-save"]');
    const link = (await admin.locator('[data-testid="device-link-value"]').textContent({ timeout: 10_000 }))!;
    expect(link).toMatch(new RegExp(`^${server.url}/kiosk/\\S+$`));
    await admin.click('[data-testid="device-link-close"]');
    expect(await admin.locator('[data-testid="device-link"]').count()).toBe(0);
    expect(await admin.textContent('[data-testid="devices-table"]')).toContain('Màn hình phòng họp phường Ninh Kiều');

    const wall = await freshPage(undefined, WALL_VIEWPORT);
    await wall.goto(link);
    await wall.waitForSelector('[data-testid="wall"]', { timeout: 20_000 });
    expect(new URL(wall.url()).pathname).toBe('/');
    await wall.waitForFunction(() => window.__ioc.connected, undefined, { timeout: 20_000 });
    // the screen follows its own scope: the district's snapshot, not the city's
    expect(Object.keys(await wall.evaluate(() => window.__ioc.versions))).toEqual(['31135']);
    expect(await wall.locator('[data-testid="login-page"]').count()).toBe(0);
  });

  it('finds the sign-ins in the audit log and exports it', async () => {
    await admin.goto(`${server.url}/admin/audit?action=auth.login_failed`);
    await admin.waitForSelector('[data-testid="audit-table"]', { timeout: 15_000 });
    const actions = await admin.$$eval('[data-testid="audit-row"]', (els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions.length).toBeGreaterThanOrEqual(3);
    expect(new Set(actions)).toEqual(new Set(['auth.login_failed']));
    const href = (await admin.getAttribute('[data-testid="audit-csv"]', 'href'))!;
    const url = new URL(href, server.url);
    expect(url.pathname).toBe('/api/v1/admin/audit.csv');
    expect(url.searchParams.get('action')).toBe('auth.login_failed');
    expect(url.searchParams.get('sep')).toBe('semicolon');
    const csv = await admin.request.get(url.toString());
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('auth.login_failed');
    expect(pageErrors).toEqual([]);
  });
});
