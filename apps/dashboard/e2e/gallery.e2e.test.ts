/**
 * The panel gallery (/gallery, issue 13 item 2): every panel of the registry drawn from fixtures in
 * its own frame, in a real Chromium at 1920×1080 and 3840×2160, against the wall's layout checks
 * (layout-checks.ts: minimum text sizes, text cut off or spilling, zero height, overlap, a chart
 * without its canvas; axe-core contrast). A failure names the frame (panel id, `~stressed` for the
 * stressed fixtures) and the problem. The server runs with no data at all: what is drawn is the fixtures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { contrastProblems, layoutProblems } from './layout-checks.ts';
import { openE2e, type E2e } from './support/e2e.ts';

const ROOT_SEL = '[data-testid="gallery"]';
const NO_PROBLEMS = { small: [], overflow: [], zeroHeight: [], overlap: [], chartWithoutCanvas: [] };
let e2e: E2e;
let server: ServerProcess;

beforeAll(async () => {
  e2e = await openE2e();
  server = e2e.server;
});

afterAll(() => e2e?.close());

/** Opens the gallery and waits until every frame has drawn its panel from the fixtures. */
async function openGallery(page: Page, query = ''): Promise<string[]> {
  await page.goto(`${server.url}/gallery${query}`);
  await page.waitForSelector(ROOT_SEL, { timeout: 30_000 });
  await page.waitForFunction((root) => document.querySelectorAll(`${root} [data-testid^="panel-loading-"]`).length === 0, ROOT_SEL, { timeout: 30_000 });
  // a read without a fixture is listed on its frame
  expect(
    await page.locator('[data-frame][data-missing]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-frame')}: ${e.getAttribute('data-missing')}`)),
  ).toEqual([]);
  return page.locator('[data-frame]').evaluateAll((els) => els.map((e) => e.getAttribute('data-frame')!));
}

describe.each([
  [1920, 1080],
  [3840, 2160],
])('the gallery at %i×%i', (width, height) => {
  let page: Page;
  let frames: string[];
  beforeAll(async () => {
    page = await e2e.newPage({ viewport: { width, height }, as: 'leader' });
    frames = await openGallery(page);
  });
  afterAll(() => page?.close());

  it('frames every panel of the registry, the text-heavy ones again with stressed fixtures, captioned with id and Vietnamese title', async () => {
    expect(frames).toContain('map');
    expect(frames).toContain('alert-ticker~stressed');
    expect(frames).toContain('reporting-late~stressed');
    expect(frames.length).toBe(Number(await page.getAttribute(ROOT_SEL, 'data-frames')));
    expect(await page.locator('[data-frame="water-level"] .gallery-caption').innerText()).toMatch(/^water-level\s+Mực nước các trạm/);
  });

  it('every frame: readable, nothing cut off, no empty or overlapping panel, every chart drawn', async () => {
    // charts animate in: wait until the layout holds still
    await expect.poll(() => layoutProblems(page, ROOT_SEL), { timeout: 20_000, interval: 500 }).toEqual(NO_PROBLEMS);
  });

  it('every frame: contrast ≥ 4.5:1 (axe-core)', async () => {
    const problems: string[] = [];
    for (const frame of frames) {
      const sel = `[data-frame="${frame}"]`;
      await page.locator(sel).scrollIntoViewIfNeeded();
      for (const p of await contrastProblems(page, sel)) problems.push(`${frame}: ${p}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('one panel alone, and the checks bite', () => {
  let page: Page;
  beforeAll(async () => {
    page = await e2e.newPage({ as: 'analyst' });
  });
  afterAll(() => page?.close());

  it('?panel=<id> shows that panel alone (and its stressed frame); an unknown id says so', async () => {
    expect(await openGallery(page, '?panel=procedures-rank-agencies')).toEqual(['procedures-rank-agencies', 'procedures-rank-agencies~stressed']);
    expect(await openGallery(page, '?panel=water-level')).toEqual(['water-level']);
    await page.goto(`${server.url}/gallery?panel=no-such-panel`);
    expect(await page.locator('[data-testid="gallery-unknown"]').innerText()).toBe('Không có khung hiển thị nào mang mã này.');
  });

  it('names the frame and the problem: a title too long to fit, a panel of zero height, a chart without its canvas', async () => {
    await openGallery(page, '?panel=feed-health');
    await page.evaluate(() => {
      const title = document.querySelector('[data-panel="feed-health"] .panel-title')!;
      title.textContent = 'Tình trạng kết nối các nguồn dữ liệu của Trung tâm Giám sát, điều hành đô thị thông minh thành phố Cần Thơ'.repeat(3);
      (title as HTMLElement).style.whiteSpace = 'nowrap';
    });
    const cut = await layoutProblems(page, ROOT_SEL);
    expect(cut.overflow.some((p) => p.startsWith('feed-health h2.panel-title "Tình trạng kết nối'))).toBe(true);

    await openGallery(page, '?panel=water-level');
    await page.evaluate(() => {
      document.querySelector('[data-panel="water-level"] [data-chart] canvas')!.remove();
    });
    expect((await layoutProblems(page, ROOT_SEL)).chartWithoutCanvas).toEqual(['water-level div.wl-chart']);
    await page.evaluate(() => {
      const cell = document.querySelector<HTMLElement>('[data-panel="water-level"]')!;
      cell.style.flex = 'none';
      cell.style.height = '0';
      cell.style.overflow = 'hidden';
    });
    expect((await layoutProblems(page, ROOT_SEL)).zeroHeight).toEqual(['water-level']);
  });
});
