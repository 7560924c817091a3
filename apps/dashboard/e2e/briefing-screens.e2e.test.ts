/**
 * The briefing page follows its walls' screens as they open and close (issue 13 #4): in a real Chromium against the
 * built dashboard and a real ingest process, a leader's tablet shows "Màn hình tường chính · N màn hình đang mở"; a
 * wall screen opened in another browser, then closed, changes N on the tablet within a second of the server counting
 * it (the wallScreensV1 push), where the page once waited for its 30 s poll or for its window to regain focus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WallListResponse } from '@cityioc/contracts';
import { openE2e, testId, type E2e } from './support/e2e.ts';

const TABLET = { width: 1180, height: 820 } as const;
let e2e: E2e;
let tablet: Page;
const pageErrors: string[] = [];

/** The main wall's open screens as the server counts them (GET /api/v1/wall/walls). */
async function counted(): Promise<number> {
  const r = await fetch(`${e2e.server.url}/api/v1/wall/walls`, { headers: e2e.server.headers('leader') });
  expect(r.status).toBe(200);
  return ((await r.json()) as WallListResponse).walls.find((w) => w.wall === 'main')?.screens ?? 0;
}

/** The tablet's line about the main wall. */
const line = () => tablet.textContent(testId('briefing-wall-one'));
const says = (n: number) => `Màn hình tường chính · ${n} màn hình đang mở`;

/** Waits until the server counts `n` screens, then gives the tablet a second to say so; the milliseconds it took. */
async function followed(n: number): Promise<number> {
  await expect.poll(counted, { timeout: 30_000, interval: 50 }).toBe(n);
  const t0 = Date.now();
  await expect.poll(line, { timeout: 1_000, interval: 25 }).toBe(says(n));
  return Date.now() - t0;
}

beforeAll(async () => {
  e2e = await openE2e({ fastTicks: true, pageErrors });
  tablet = await e2e.newPage({ as: 'leader', viewport: TABLET });
  await tablet.goto(`${e2e.server.url}/operator/briefing`);
  await tablet.waitForSelector(testId('briefing-current'), { timeout: 30_000 });
});

afterAll(() => e2e?.close());

describe('the briefing page and the wall screens', () => {
  it('a wall screen opened, then another, then both closed: the tablet counts each within a second', async () => {
    expect(await line()).toBe(says(0));
    const took: number[] = [];
    const first = await e2e.newPage({ as: 'analyst' });
    await first.goto(`${e2e.server.url}/?kiosk`);
    took.push(await followed(1));
    const second = await e2e.newPage({ as: 'analyst' });
    await second.goto(`${e2e.server.url}/?kiosk&screen=2&of=2`);
    took.push(await followed(2));
    await second.close();
    took.push(await followed(1));
    await first.close();
    took.push(await followed(0));
    console.log(`the tablet followed the count after (ms): ${took.join(', ')}`);
    expect(pageErrors).toEqual([]);
  });
});
