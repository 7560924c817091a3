/**
 * The wall's playlist as configuration (issue 13 #3), in a real Chromium against the built dashboard
 * and a real ingest process: an administrator edits the playlist on /admin/wall while a wall runs,
 * and the wall rotates by the new playlist from its next scene switch, without a reload; two browsers
 * of one wall (`?screen=1&of=2`, `?screen=2&of=2`) show complementary parts of a scene and switch
 * scenes within a second of each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WallPlaylist, WallScene } from '@cityioc/contracts';
import { DEFAULT_WALL_PLAYLIST } from '@cityioc/domain';
import { waitUntil } from '../../../test-support/wait.ts';
import { openE2e, testId, type E2e } from './support/e2e.ts';

let e2e: E2e;
const pageErrors: string[] = [];
const scene = (id: string) => DEFAULT_WALL_PLAYLIST.scenes.find((s) => s.id === id)!;
const FIRST: WallScene[] = [
  { ...scene('overview'), dwellSeconds: 10 },
  { ...scene('procedures'), dwellSeconds: 10 },
  { ...scene('reporting'), dwellSeconds: 10 },
  { ...scene('score766'), enabled: false },
];

async function putPlaylist(scenes: WallScene[]): Promise<WallPlaylist> {
  const r = await fetch(`${e2e.server.url}/api/v1/wall/playlist`, {
    method: 'PUT',
    headers: { ...e2e.server.headers('admin'), 'content-type': 'application/json' },
    body: JSON.stringify({ scenes }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as WallPlaylist;
}

const shownScene = (page: Page) => page.getAttribute(testId('wall'), 'data-scene');
/** When the wall's current scene ends by its schedule (epoch ms). */
const switchAt = async (page: Page) => Number(await page.getAttribute(testId('wall'), 'data-switch-at'));

type Switch = { scene: string | null; at: number };

/** Records every scene switch of the wall from the page's first script on, with the page's clock (the same machine's). */
function recordSwitches(page: Page) {
  return page.addInitScript(() => {
    const w = window as unknown as { __switches: { scene: string | null; at: number }[] };
    w.__switches = [];
    new MutationObserver((changes) => {
      for (const c of changes) {
        const el = c.target as Element;
        if (el.getAttribute('data-testid') === 'wall') w.__switches.push({ scene: el.getAttribute('data-scene'), at: Date.now() });
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-scene'] });
  });
}
const switches = (page: Page) => page.evaluate(() => (window as unknown as { __switches: { scene: string | null; at: number }[] }).__switches);
/** The other screen's switch to the same scene nearest in time. */
const nearest = (s: Switch, others: Switch[]) => Math.min(...others.filter((o) => o.scene === s.scene).map((o) => Math.abs(o.at - s.at)));

beforeAll(async () => {
  e2e = await openE2e({ fastTicks: true, pageErrors });
  await putPlaylist(FIRST);
});

afterAll(() => e2e?.close());

describe('the wall playlist, edited live', () => {
  it(
    'an administrator drops a scene and changes a dwell on /admin/wall; the running wall follows from its next switch, without a reload',
    { timeout: 240_000 },
    async () => {
      const wall = await e2e.newPage({ as: 'leader' });
      await wall.goto(`${e2e.server.url}/?kiosk`);
      await wall.waitForSelector(`${testId('wall')}[data-scene="overview"]`);
      await wall.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      // the first playlist is in force: the wall reaches its procedures scene
      await waitUntil('the procedures scene of the first playlist', async () => (await shownScene(wall)) === 'procedures', 45_000, 200);

      const admin = await e2e.newPage({ as: 'admin', viewport: { width: 1600, height: 1000 } });
      await admin.goto(`${e2e.server.url}/admin/wall`);
      await admin.waitForSelector(testId('wallcfg-scene-procedures'));
      expect(await admin.textContent(testId('wallcfg-version'))).toContain('Phiên bản 1');
      await admin.click(testId('wallcfg-enabled-procedures'));
      await admin.fill(testId('wallcfg-dwell-reporting'), '12');
      await admin.click(testId('wallcfg-save'));
      await admin.waitForSelector(`${testId('wallcfg-note')}:has-text("Đã lưu phiên bản 2.")`);
      const stored = (await (await fetch(`${e2e.server.url}/api/v1/wall/playlist`, { headers: e2e.server.headers('leader') })).json()) as WallPlaylist;
      expect(stored.scenes.map((s) => [s.id, s.enabled, s.dwellSeconds])).toEqual([
        ['overview', true, 10],
        ['procedures', false, 10],
        ['reporting', true, 12],
        ['score766', false, 45],
      ]);

      // until the first playlist's next switch (every 10 s of the clock) the wall keeps it…
      const savedAt = Date.now();
      const boundary = Math.ceil(savedAt / 10_000) * 10_000;
      if (boundary - savedAt > 1_500) expect(await switchAt(wall)).toBe(boundary);
      // …then the new one: overview 10 s, reporting 12 s, on the wall-wide cycle of 22 s (the schedule the wall
      // shows, data-switch-at, is checked: it is the same on a busy machine, where a page may draw a switch late)
      await waitUntil("the wall past the first playlist's next switch", async () => (await switchAt(wall)) > boundary, 30_000, 100);
      const seen = new Set<string>();
      const end = Date.now() + 26_000;
      while (Date.now() < end) {
        const [shown, at] = await wall.evaluate(() => {
          const el = document.querySelector('[data-testid="wall"]')!;
          return [el.getAttribute('data-scene'), Number(el.getAttribute('data-switch-at'))] as const;
        });
        seen.add(shown!);
        expect([shown, at % 22_000], `slot ending at ${at}`).toEqual(shown === 'overview' ? ['overview', 10_000] : ['reporting', 0]);
        await wall.waitForTimeout(250);
      }
      expect([...seen].sort()).toEqual(['overview', 'reporting']);
      expect(await wall.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      await admin.close();
      await wall.close();
    },
  );

  it('two browsers of one wall show complementary parts of a scene and switch within a second of each other', { timeout: 240_000 }, async () => {
    // scenes without the map: the two pages' main threads stay free for the clock
    await putPlaylist([
      { ...scene('procedures'), dwellSeconds: 10 },
      { ...scene('reporting'), dwellSeconds: 10 },
    ]);
    const left = await e2e.newPage({ as: 'leader' });
    const right = await e2e.newPage({ as: 'leader' });
    await Promise.all([recordSwitches(left), recordSwitches(right)]);
    await Promise.all([left.goto(`${e2e.server.url}/?kiosk&screen=1&of=2`), right.goto(`${e2e.server.url}/?kiosk&screen=2&of=2`)]);
    for (const p of [left, right]) await p.waitForSelector(`${testId('wall')}[data-screen]`, { timeout: 30_000 });
    expect(await left.getAttribute(testId('wall'), 'data-screen')).toBe('1/2');
    expect(await right.getAttribute(testId('wall'), 'data-screen')).toBe('2/2');

    const panels = (p: Page, id: string) => p.$$eval(`[data-testid="scene-${id}"] [data-panel]`, (els) => els.map((e) => e.getAttribute('data-panel')));
    await waitUntil(
      'both parts of both scenes',
      async () => (await panels(left, 'reporting')).length > 0 && (await panels(right, 'procedures')).length > 0,
      60_000,
      200,
    );
    expect(await panels(left, 'procedures')).toEqual(['procedures-head', 'procedures-counts', 'procedures-rates', 'score766']);
    expect(await panels(right, 'procedures')).toEqual(['procedures-head', 'procedures-rank-districts', 'procedures-rank-agencies']);
    expect(await panels(left, 'reporting')).toEqual(['reporting-head', 'reporting-targets']);
    expect(await panels(right, 'reporting')).toEqual(['reporting-head', 'reporting-rank-departments', 'reporting-rank-districts', 'reporting-late']);

    // three switches more on each screen; each one within a second of the other screen's switch to the same scene
    const [a0, b0] = [(await switches(left)).length, (await switches(right)).length];
    await waitUntil(
      'three more switches on both screens',
      async () => (await switches(left)).length >= a0 + 3 && (await switches(right)).length >= b0 + 3,
      60_000,
      200,
    );
    // the two screens run one schedule: the same scene ends at the same instant on both
    const slots = async (p: Page) => `${await shownScene(p)}@${await switchAt(p)}`;
    const shared = new Set<string>();
    await waitUntil(
      'both screens in the same slot',
      async () => {
        const [l, r] = [await slots(left), await slots(right)];
        if (l === r) shared.add(l);
        return shared.size >= 2;
      },
      60_000,
      100,
    );
    const [a, b] = [await switches(left), await switches(right)];
    for (const s of a.slice(a0, a0 + 3)) expect(nearest(s, b), `left's switch to ${s.scene}`).toBeLessThan(1_000);
    for (const s of b.slice(b0, b0 + 3)) expect(nearest(s, a), `right's switch to ${s.scene}`).toBeLessThan(1_000);
    await left.close();
    await right.close();
    expect(pageErrors).toEqual([]);
  });
});
