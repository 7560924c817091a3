/**
 * The wall says when its server's pushes across nodes are cut (issue 16): a real Redis behind the
 * compiled server's Socket.IO adapter is stopped and started again under a wall in Chromium. While
 * it is away the link pill reads "Đồng bộ giữa máy chủ gián đoạn" (amber, never the live green),
 * the values stay live (no offline banner, a new reading still reaches the wall), and when Redis
 * returns the pill turns live again by itself.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../../../test-support/redis.ts';
import { openE2e, testId, type E2e } from './support/e2e.ts';

const KEY = 'e2e-fanout-key-0123456789';
let redis: RedisServer;
let e2e: E2e;
let page: Page;
const pageErrors: string[] = [];
const pill = testId('connection-status');

const reading = (id: string, value: number) => ({
  id,
  indicator: 'water_level',
  area: '31135',
  station: 'wl-can-tho',
  observedAt: new Date().toISOString(),
  value,
});
const shownLevel = () => page.getAttribute('[data-testid="wl-wl-can-tho"]', 'data-raw-value');
const pillStatus = () => page.getAttribute(pill, 'data-status');

beforeAll(async () => {
  redis = await startRedis();
  e2e = await openE2e({ key: KEY, fastTicks: true, pageErrors, env: { IOC_REDIS_URL: redis.url } });
  await e2e.send('/api/v1/observations/batch', { observations: [reading('fo-1', 161)] });
  page = await e2e.newPage({ as: 'leader' });
  await page.goto(e2e.server.url);
  // a hook, not a test: wait on the page itself (expect.poll belongs inside a test)
  await page.waitForSelector(`${pill}[data-status="online"]`, { timeout: 30_000 });
});

afterAll(async () => {
  await e2e?.close();
  await redis?.stop();
});

describe('degraded fan-out on the wall', () => {
  it('shows the cut in the link pill while Redis is away, keeps the values live, and clears when Redis returns', async () => {
    await expect.poll(shownLevel, { timeout: 15_000 }).toBe('161');
    await redis.pause();
    await expect.poll(pillStatus, { timeout: 10_000 }).toBe('degraded');
    expect((await page.textContent(pill))?.trim()).toBe('Đồng bộ giữa máy chủ gián đoạn');
    expect(await page.getAttribute(pill, 'title')).toBe(
      'Số liệu trên màn hình vẫn trực tiếp; cảnh báo và chỉ đạo gửi qua máy chủ khác có thể đến chậm cho tới khi đồng bộ trở lại',
    );
    expect(await page.isVisible(testId('offline-banner'))).toBe(false);
    // this node's own values still reach the wall
    await e2e.send('/api/v1/observations/batch', { observations: [reading('fo-2', 174)] });
    await expect.poll(shownLevel, { timeout: 10_000 }).toBe('174');
    await page.click(testId('lang-en'));
    await expect.poll(async () => (await page.textContent(pill))?.trim(), { timeout: 5_000 }).toBe('Sync between servers interrupted');
    await redis.resume();
    await expect.poll(pillStatus, { timeout: 20_000 }).toBe('online');
    expect(pageErrors).toEqual([]);
  });
});
