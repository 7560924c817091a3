/**
 * A unit pinned on the wall shows its map (issue 13 #4, stop 22's dark map): in a real Chromium against the built
 * dashboard and a real ingest process, a leader pins a ward (POST /api/v1/wall/pin, the briefing page's request);
 * the wall's map, framed on the ward, draws the ward and its neighbours: MapLibre renders their polygons (read back
 * with queryRenderedFeatures), the ward in the bright outline, and the canvas shows them (its pixels, labels hidden).
 * The map was created, loaded and framed before, but its source held no area: the explorer's choropleth draws only
 * the areas it is given a value for, and the pinned map gave none. The areas carry their names (the wall's labels:
 * HTML text, placed without overlap), the pinned one emphasised, ≥ 18 px at 1080p (the map once named none).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WallListResponse } from '@cityioc/contracts';
import { mapCanvas, openE2e, testId, type E2e } from './support/e2e.ts';

let e2e: E2e;
let wall: Page;
const pageErrors: string[] = [];
const WARD = '31135'; // phường Ninh Kiều

beforeAll(async () => {
  e2e = await openE2e({ fastTicks: true, pageErrors });
  wall = await e2e.newPage({ as: 'analyst' });
  await wall.goto(`${e2e.server.url}/?kiosk&scene=overview`);
  await wall.waitForSelector(testId('kpi-panel'), { timeout: 30_000 });
});

afterAll(() => e2e?.close());

describe('a unit pinned on the wall', () => {
  it('draws the unit and its neighbours on its map, the unit outlined', async () => {
    // the wall's socket is open and counted as a screen of the main wall before the pin: the wall read the pin once as it
    // opened, and a pin made before its socket joins would reach it only at its next connection (CI, under load)
    await expect
      .poll(
        async () => {
          const r = await fetch(`${e2e.server.url}/api/v1/wall/walls`, { headers: e2e.server.headers('leader') });
          return ((await r.json()) as WallListResponse).walls.find((w) => w.wall === 'main')?.screens ?? 0;
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    const r = await fetch(`${e2e.server.url}/api/v1/wall/pin`, {
      method: 'POST',
      headers: e2e.server.headers('leader', { 'content-type': 'application/json' }),
      body: JSON.stringify({ target: { kind: 'unit', unitCode: WARD } }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const map = `${testId('wall-pin-map')}[data-focus="${WARD}"]`;
    await wall.waitForSelector(`${map} ${testId('explorer-map')}[data-loaded="true"][data-focus="${WARD}"]`, { timeout: 45_000 });
    const canvas = await mapCanvas(wall, { name: 'explorerMap', within: map });
    // a dark map is the background alone (one or two colours); the polygons, their outlines and edges give many
    expect(canvas.colours).toBeGreaterThan(10);
    // what MapLibre drew: the ward and the wards around it, the ward itself the one selected (the bright outline)
    const drawn = await wall.evaluate(() => {
      const m = window.__ioc.explorerMap as {
        queryRenderedFeatures(o: { layers: string[] }): { properties: { code: string; selected: boolean } }[];
        getZoom(): number;
      };
      const features = m.queryRenderedFeatures({ layers: ['ioc-explorer-fill'] });
      return {
        codes: [...new Set(features.map((f) => f.properties.code))],
        selected: [...new Set(features.filter((f) => f.properties.selected).map((f) => f.properties.code))],
        zoom: m.getZoom(),
      };
    });
    expect(drawn.codes).toContain(WARD);
    expect(drawn.codes.length).toBeGreaterThan(1);
    expect(drawn.selected).toEqual([WARD]);
    expect(drawn.zoom).toBeGreaterThan(11);

    // the names on the map: the ward's (diacritics kept) and at least one neighbour's, shown, none over another
    const own = `${map} [data-label-id="u-${WARD}"][data-placed="true"]`;
    await wall.waitForSelector(own, { state: 'visible', timeout: 15_000 });
    expect(await wall.textContent(own)).toContain('Ninh Kiều');
    const shown = await wall.$$eval(`${map} [data-label-id][data-placed="true"]`, (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.querySelector('.lbl-name') ?? el;
        return {
          id: (el as HTMLElement).dataset.labelId!,
          text: el.textContent ?? '',
          px: parseFloat(getComputedStyle(name).fontSize),
          r: { l: r.left, t: r.top, r: r.right, b: r.bottom },
        };
      }),
    );
    const others = shown.filter((l) => l.id !== `u-${WARD}`);
    expect(others.length, JSON.stringify(shown)).toBeGreaterThan(0);
    expect(others.every((l) => l.text.trim().length > 0)).toBe(true);
    // readable from 5 m: every name ≥ 18 px on a 1080p wall, the pinned one larger than its neighbours
    const ownPx = shown.find((l) => l.id === `u-${WARD}`)!.px;
    for (const l of others) expect(l.px).toBeGreaterThanOrEqual(18);
    expect(ownPx).toBeGreaterThan(Math.max(...others.map((l) => l.px)));
    for (const a of shown)
      for (const b of shown) if (a.id < b.id) expect(a.r.l < b.r.r && b.r.l < a.r.r && a.r.t < b.r.b && b.r.t < a.r.b, `${a.id} over ${b.id}`).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
