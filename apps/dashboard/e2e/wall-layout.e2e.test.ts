/**
 * Every wall scene, with the Cần Thơ demo running (server + simulator, real processes), in a real
 * Chromium at 1920×1080 and 3840×2160: readable from 5 m, nothing cut off, no empty or overlapping
 * panel, every chart drawn, contrast ≥ 4.5:1 (issue 13, items 1, 2 and 5). Kiosk mode hides the
 * page chrome (item 3).
 */
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitUntil } from '../../../test-support/wait.ts';
import { spawnOwned } from '../../../test-support/owned-process.ts';
import { compiledEnv, ROOT, type ServerProcess } from '../../../test-support/server-process.ts';
import { contrastProblems, layoutProblems } from './layout-checks.ts';
import { openE2e, type E2e } from './support/e2e.ts';

const SCENES = ['overview', 'procedures', 'score766', 'reporting'] as const;
let e2e: E2e;
let server: ServerProcess;
let simulator: ChildProcess;

beforeAll(async () => {
  e2e = await openE2e({ env: { IOC_DEMO: 'true' } });
  server = e2e.server;
  simulator = spawnOwned(process.execPath, [join(ROOT, 'apps/simulator/dist/main.js')], {
    cwd: ROOT,
    env: { ...compiledEnv(), IOC_URL: server.url, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  // the demo has posted dossiers, monitoring and the reporting files
  const latest = async () => {
    const r = await fetch(`${server.url}/api/v1/reporting/latest`, { headers: server.headers('leader') });
    return r.status === 200 ? ((await r.json()) as { rows: unknown[] }).rows.length : 0;
  };
  await waitUntil('the demo reporting files', latest, 60_000, 500);
});

afterAll(async () => {
  simulator?.kill('SIGKILL');
  await e2e?.close();
});

async function openScene(page: Page, scene: string, extra = '') {
  await page.goto(`${server.url}/?scene=${scene}${extra}`);
  const root = `[data-testid="scene-${scene}"]`;
  await page.waitForSelector(`${root}[data-active="true"]`, { timeout: 30_000 });
  // every panel has drawn its content (no loading frame left), charts included
  await expect.poll(() => page.locator(`${root} [data-testid^="panel-loading-"]`).count(), { timeout: 30_000 }).toBe(0);
  return root;
}

describe.each([
  [1920, 1080],
  [3840, 2160],
])('the wall at %i×%i', (width, height) => {
  let page: Page;
  beforeAll(async () => {
    page = await e2e.newPage({ viewport: { width, height }, as: 'leader' });
  });
  afterAll(() => page?.close());

  it.each(SCENES)('scene %s: readable, nothing cut off, no empty or overlapping panel, every chart drawn', async (scene) => {
    const root = await openScene(page, scene);
    // the demo's data has arrived: wait until the layout holds still (charts animate in)
    await expect
      .poll(() => layoutProblems(page, root), { timeout: 20_000, interval: 500 })
      .toEqual({
        small: [],
        overflow: [],
        zeroHeight: [],
        overlap: [],
        chartWithoutCanvas: [],
      });
    const header = await layoutProblems(page, 'header.hdr');
    expect(header.small.concat(header.overflow)).toEqual([]);
  });

  it.each(SCENES)('scene %s: contrast ≥ 4.5:1 (axe-core)', async (scene) => {
    const root = await openScene(page, scene);
    expect(await contrastProblems(page, root)).toEqual([]);
    expect(await contrastProblems(page, 'header.hdr')).toEqual([]);
  });
});

describe('kiosk mode', () => {
  it('?kiosk hides the page chrome and keeps the scene, the rotation parameters and the language', async () => {
    const page = await e2e.newPage({ as: 'leader' });
    try {
      const root = await openScene(page, 'reporting', '&kiosk&lang=en');
      expect(await page.getAttribute('[data-testid="wall"]', 'data-kiosk')).toBe('true');
      expect(await page.locator('header.hdr').count()).toBe(0);
      expect(await page.locator('[data-testid="lang-vi"]').count()).toBe(0);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      // the scene takes the whole screen
      const box = (await page.locator(root).boundingBox())!;
      expect(box.y).toBeLessThan(2);
      expect(box.height).toBeGreaterThan(1070);
      // without ?kiosk the same scene has its header
      await openScene(page, 'reporting');
      expect(await page.locator('header.hdr').count()).toBe(1);
      expect(await page.getAttribute('[data-testid="wall"]', 'data-kiosk')).toBe('false');
    } finally {
      await page.close();
    }
  });
});
