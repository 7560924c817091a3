/**
 * Alerts end to end in a real Chromium (Debian's /usr/bin/chromium through playwright-core) against
 * the built dashboard served by a real ingest process: a rising water level raises an alert that
 * appears on the wall ticker and in the operator's inbox, where it is acknowledged, assigned and
 * resolved; an alert raised while the wall was cut off appears once it reconnects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Alert, AlertDetail } from '@cityioc/contracts';
import { signIn } from '../../../test-support/browser.ts';
import { PROCESS_ACCOUNTS, type ServerProcess } from '../../../test-support/server-process.ts';
import { DESK_VIEWPORT, openE2e, risingTide as tide, type E2e } from './support/e2e.ts';

const KEY = 'e2e-source-key-0123456789';
/** The operator of phường Ninh Kiều (31135), signed in through the form; the alert trail names people "Name (username)". */
const OPERATOR = PROCESS_ACCOUNTS.operator;
const TRAIL_NAME = `${OPERATOR.name} (${OPERATOR.username})`;
let e2e: E2e;
let server: ServerProcess;
let wall: Page;
let inbox: Page;
const pageErrors: string[] = [];

/** The wall's network is cut (Chromium offline emulation, and socket requests aborted) while true. */
let blocked = false;

async function post(observations: unknown[]) {
  await e2e.send('/api/v1/observations/batch', { observations });
}

/** A tide rising through BĐ I over the last 35 minutes, one reading every 5 minutes. */
const risingTide = (station: string, area: string, values: number[]) => tide('e2e', station, area, values);

async function alertsFromApi(): Promise<Alert[]> {
  return ((await (await fetch(`${server.url}/api/v1/alerts`, { headers: server.headers('leader') })).json()) as { alerts: Alert[] }).alerts;
}

const tickerIds = () => wall.$$eval('[data-testid="alert-ticker-item"]', (els) => els.map((e) => e.getAttribute('data-alert-id')));

beforeAll(async () => {
  // fails, not skips, when the browser or the build is missing: CI must install and build them
  e2e = await openE2e({ key: KEY, fastTicks: true, pageErrors });
  server = e2e.server;
  wall = await e2e.newPage();
  // the socket's long-polling fallback goes through the same gate
  await wall.route('**/socket.io/**', (route) => (blocked ? route.abort() : route.continue()));
  await signIn(wall, server, 'leader');
  await wall.goto(server.url);
  await wall.waitForSelector('[data-testid="alert-ticker"]', { timeout: 20_000 });
  await wall.waitForFunction(() => window.__ioc.connected, undefined, { timeout: 15_000 });
  inbox = await e2e.newPage({ viewport: DESK_VIEWPORT });
});

afterAll(() => e2e?.close());

describe('alerts on the wall and in the operator inbox', () => {
  let alertId = '';

  it('a rising water level raises an alert that appears on the wall ticker, in Vietnamese', async () => {
    await post(risingTide('wl-can-tho', '31135', [170, 176, 181, 183, 185, 186, 187, 188]));
    await expect.poll(async () => (await alertsFromApi()).find((a) => a.ruleId === 'flood-band')?.id, { timeout: 5_000 }).toBeTruthy();
    alertId = (await alertsFromApi()).find((a) => a.ruleId === 'flood-band')!.id;
    await expect.poll(tickerIds, { timeout: 5_000 }).toContain(alertId);
    const item = wall.locator(`[data-testid="alert-ticker-item"][data-alert-id="${alertId}"]`);
    expect(await item.textContent()).toContain('Trạm thủy văn Cần Thơ (sông Hậu): Mực nước 185 cm — BĐ I (+5 cm)');
    expect(await item.getAttribute('data-severity')).toBe('medium');
  });

  it('the operator of the unit acknowledges, assigns and resolves it in the inbox, with the audit trail', async () => {
    // signed in through the form; the header names the person and the unit
    expect(await signIn(inbox, server, 'operator')).toBe(true);
    await inbox.goto(`${server.url}/operator/alerts`);
    await expect.poll(() => inbox.textContent('[data-testid="user-name"]'), { timeout: 10_000 }).toBe(OPERATOR.name);
    expect(await inbox.textContent('[data-testid="user-scope"]')).toContain('Ninh Kiều');
    const row = inbox.locator(`[data-testid="inbox-row"][data-alert-id="${alertId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const detail = inbox.locator('[data-testid="alert-detail"]');
    await detail.waitFor();

    await inbox.fill('[data-testid="note-input"]', 'Đã nhận, cử người kiểm tra');
    await inbox.click('[data-testid="action-ack"]');
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 5_000 }).toBe('acknowledged');

    await inbox.fill('[data-testid="assign-unit"]', 'Phòng Quản lý đô thị');
    await inbox.fill('[data-testid="assign-amount"]', '1');
    await inbox.click('[data-testid="action-assign"]');
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 5_000 }).toBe('assigned');

    await inbox.fill('[data-testid="note-input"]', 'Đã khơi thông cống, nước rút');
    await inbox.click('[data-testid="action-resolve"]');
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 5_000 }).toBe('resolved');

    await expect
      .poll(() => inbox.$$eval('[data-testid="alert-trail"] li', (els) => els.map((e) => e.getAttribute('data-action'))), { timeout: 5_000 })
      .toEqual(['raised', 'acknowledged', 'assigned', 'resolved']);
    const trail = await inbox.textContent('[data-testid="alert-trail"]');
    expect(trail).toContain(TRAIL_NAME);
    expect(trail).toContain('Phòng Quản lý đô thị — hạn');
    expect(trail).toContain('Đã khơi thông cống, nước rút');

    // the server agrees, and the wall ticker drops the resolved alert (pushed, no reload)
    const d = (await (await fetch(`${server.url}/api/v1/alerts/${encodeURIComponent(alertId)}`, { headers: server.headers('admin') })).json()) as AlertDetail;
    expect(d.alert).toMatchObject({ status: 'resolved', assignedUnit: 'Phòng Quản lý đô thị', resolvedBy: TRAIL_NAME });
    await expect.poll(tickerIds, { timeout: 5_000 }).not.toContain(alertId);
  });

  it('an alert raised while the wall was offline is on the ticker after it reconnects', async () => {
    blocked = true;
    await wall.context().setOffline(true);
    await expect.poll(() => wall.evaluate(() => window.__ioc.connected), { timeout: 15_000 }).toBe(false);

    await post(risingTide('wl-o-mon', '31153', [175, 182, 186, 188, 189, 190, 191, 192]));
    let offlineId = '';
    await expect
      .poll(async () => (offlineId = (await alertsFromApi()).find((a) => a.station === 'wl-o-mon' && a.ruleId === 'flood-band')?.id ?? ''), { timeout: 5_000 })
      .not.toBe('');
    // cut off: the alert is raised on the server, the wall is still disconnected and does not show it
    expect(await wall.evaluate(() => window.__ioc.connected)).toBe(false);
    expect(await tickerIds()).not.toContain(offlineId);

    blocked = false;
    await wall.context().setOffline(false);
    await expect.poll(() => wall.evaluate(() => window.__ioc.connected), { timeout: 20_000 }).toBe(true);
    await expect.poll(tickerIds, { timeout: 10_000 }).toContain(offlineId);
    expect(await wall.textContent(`[data-testid="alert-ticker-item"][data-alert-id="${offlineId}"]`)).toContain('Trạm Ô Môn (sông Hậu)');
    expect(pageErrors).toEqual([]);
  });
});
