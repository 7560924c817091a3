/**
 * The wall's watchdog in a real Chromium against the compiled server: a socket that stays open but
 * stops delivering (heartbeats dropped in the page's WebSocket, Engine.IO pings still passing, so
 * Socket.IO alone never notices), a server restart, and a lost WebGL context. Each time the wall
 * must recover by itself and say so.
 */
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHourMinute } from '../src/format/format.ts';
import { WATER_STATIONS } from '../src/map/layers/stations/stations.layer.ts';
import { openE2e, testId, type E2e } from './support/e2e.ts';

const KEY = 'e2e-watchdog-key-0123456789';
let e2e: E2e;
let page: Page;
const pageErrors: string[] = [];
/** Connections of the page (numbered as opened) made deaf: they drop the server's Socket.IO packets. */
const deaf = new Set<number>();
let sockets = 0;

const banner = testId('offline-banner');
const note = testId('recovery-note');

function reading(id: string, value: number) {
  return { id, indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: new Date().toISOString(), value };
}

/** The Cần Thơ water level the wall's panel shows (its raw value), or null. */
const shownLevel = () => page.getAttribute('[data-testid="wl-wl-can-tho"]', 'data-raw-value');

type MapHandle = {
  loaded(): boolean;
  getLayer(id: string): unknown;
  getCanvas(): HTMLCanvasElement;
  __soakMark?: boolean;
};

beforeAll(async () => {
  e2e = await openE2e({ key: KEY, fastTicks: true, pageErrors });
  await e2e.send('/api/v1/observations/batch', { observations: [reading('wd-1', 171)] });
  page = await e2e.newPage({ as: 'leader' });
  // every Socket.IO connection of the page goes through here, forwarded both ways; a deaf one drops
  // the server's Socket.IO packets ('4…': events, acks) while Engine.IO's pings ('2') still reach the
  // page and its pongs the server — a connection that looks alive but delivers nothing
  await page.routeWebSocket(/\/socket\.io\//, (ws: WebSocketRoute) => {
    const id = ++sockets;
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (deaf.has(id) && typeof m === 'string' && m.startsWith('4')) return;
      ws.send(m);
    });
  });
  await page.goto(e2e.server.url);
  await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 60_000 });
});

afterAll(() => e2e?.close());

describe('wall watchdog', () => {
  it('re-subscribes by itself when heartbeats stop on an open socket, catches up, and says it recovered', async () => {
    await expect.poll(shownLevel, { timeout: 15_000 }).toBe('171');
    expect(await page.isVisible(note)).toBe(false);
    const before = sockets;
    expect(before).toBeGreaterThanOrEqual(1);
    // every connection open so far goes deaf for good: only a new connection can bring the wall back
    for (let id = 1; id <= before; id++) deaf.add(id);
    await page.waitForSelector(banner, { state: 'visible', timeout: 15_000 });
    await e2e.send('/api/v1/observations/batch', { observations: [reading('wd-2', 183)] });
    await page.waitForSelector(banner, { state: 'hidden', timeout: 40_000 });
    expect(sockets).toBeGreaterThan(before);
    const watchdog = await page.evaluate(() => window.__ioc.watchdog);
    expect(watchdog?.resubscribes).toBeGreaterThanOrEqual(1);
    expect(watchdog?.reloadsAsked).toBe(0);
    // resynced: the reading sent while the page was deaf is on the wall
    await expect.poll(shownLevel, { timeout: 10_000 }).toBe('183');
    await page.waitForSelector(note, { state: 'visible', timeout: 5_000 });
    const text = await page.textContent(`${note} [data-kind="link"]`);
    expect(text).toMatch(/^Đã tự khôi phục kết nối lúc \d\d:\d\d$/);
    const shownTime = text!.slice(-5);
    const now = Date.now();
    expect([formatHourMinute(now - 60_000), formatHourMinute(now)]).toContain(shownTime);
  });

  it('recovers from a server restart by itself and notes it', async () => {
    await e2e.server.stop('SIGKILL');
    await page.waitForSelector(banner, { state: 'visible', timeout: 15_000 });
    await e2e.restart();
    await e2e.send('/api/v1/observations/batch', { observations: [reading('wd-3', 176)] });
    await page.waitForSelector(banner, { state: 'hidden', timeout: 45_000 });
    await expect.poll(shownLevel, { timeout: 10_000 }).toBe('176');
    await page.waitForSelector(`${note} [data-kind="link"]`, { state: 'visible', timeout: 5_000 });
  });

  it('re-creates the map when its WebGL context is lost and not restored, with the stations layer back', async () => {
    const lost = await page.evaluate(() => {
      const map = window.__ioc.map as MapHandle;
      map.__soakMark = true;
      const canvas = map.getCanvas();
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
      const ext = gl?.getExtension('WEBGL_lose_context');
      ext?.loseContext();
      return Boolean(ext) && gl!.isContextLost();
    });
    expect(lost).toBe(true);
    await expect
      .poll(
        () =>
          page.evaluate((layer) => {
            const map = window.__ioc.map as MapHandle;
            if (map.__soakMark) return 'old map';
            if (!map.loaded()) return 'loading';
            const canvas = map.getCanvas();
            const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
            if (!gl || gl.isContextLost()) return 'no context';
            if (!canvas.isConnected) return 'detached';
            return map.getLayer(layer) ? 'drawn' : 'no stations layer';
          }, WATER_STATIONS),
        { timeout: 30_000, interval: 250 },
      )
      .toBe('drawn');
    expect(await page.locator('[data-testid="map"] canvas').count()).toBe(1);
    expect((await page.evaluate(() => window.__ioc.watchdog))?.mapRecreations).toBe(1);
    await page.waitForSelector(`${note} [data-kind="map"]`, { state: 'visible', timeout: 10_000 });
    expect(await page.textContent(`${note} [data-kind="map"]`)).toMatch(/^Đã tự khôi phục bản đồ lúc \d\d:\d\d$/);
    expect(pageErrors).toEqual([]);
  });
});
