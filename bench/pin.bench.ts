/**
 * The `pin` bench (issue 13 #4, "every wall screen switches within a second"), runnable alone:
 *   pnpm bench --only=pin [--quick]
 * A real server, a wall screen (a device's kiosk link, 1920×1080) and a leader's tablet (signed in,
 * 1180×820) in the same headless Chromium. For each kind of pin (a panel and a scene from the briefing
 * page, a unit from the explorer, an alert from the alerts page) the leader clicks "Ghim lên màn
 * hình" several times; each time the bench takes, on the same clock (both pages and this process run
 * on one machine):
 *   click    the tablet's click, stamped in the tablet page (capture listener)
 *   ack      the tablet receiving the POST's answer
 *   frame    the wallPinV1 frame arriving on the wall's WebSocket: the ceiling, since the wall can draw
 *            nothing before it (what is left above it is the wall's own work: rendering, chunks, reads)
 *   visible  the wall showing the pin with its content, stamped in the wall page on the animation frame
 *            it is first true (the panel drawn, the scene held, the unit's map framed with its figures,
 *            the alert's facts and map)
 * and reports click→visible p50/max per kind beside click→frame, and the pin's release the same way.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, signIn } from '../test-support/browser.ts';
import { kioskLink, startServer, type BenchDeps } from './bench-server.ts';

export type PinBenchDeps = Pick<BenchDeps, 'root' | 'quick' | 'key' | 'results' | 'quantile' | 'fmt'>;

type Kind = 'panel' | 'scene' | 'unit' | 'alert' | 'release';
interface Sample {
  kind: Kind;
  ackMs: number;
  frameMs: number;
  visibleMs: number;
}

const TABLET = { width: 1180, height: 820 };
const WALL = { width: 1920, height: 1080 };

/** What "visible" is for each kind, as a page expression over the wall's DOM (a string: evaluated as is in the page). */
function shownExpression(kind: Kind, arg: string): string {
  const overlay = `document.querySelector('[data-testid="wall-pin"]')`;
  switch (kind) {
    case 'panel':
      // the pinned panel drawn: its frame, no loading placeholder, its chart's canvas when it has one
      return `(() => { const o = ${overlay}; const p = o && o.querySelector('.wall-pin-panel[data-panel="${arg}"] .panel');
        return !!p && !o.querySelector('.panel-loading') && Array.from(p.querySelectorAll('[data-chart]')).every((c) => !!c.querySelector('canvas')); })()`;
    case 'scene':
      return `!!${overlay} && document.querySelector('[data-testid="wall"]').getAttribute('data-scene') === '${arg}'`;
    case 'unit':
      return `(() => { const u = document.querySelector('[data-testid="wall-pin-unit"][data-unit="${arg}"]');
        return !!u && !!u.querySelector('[data-testid="explorer-map"][data-focus="${arg}"]') && !!u.querySelector('[data-testid="kpi-water_level"]'); })()`;
    case 'alert':
      return `(() => { const a = document.querySelector('[data-testid="wall-pin-alert"][data-alert-id="${arg}"]');
        return !!a && !!a.querySelector('[data-testid="explorer-map"][data-focus]'); })()`;
    case 'release':
      return `!${overlay}`;
  }
}

export async function benchPin(deps: PinBenchDeps): Promise<void> {
  const { quick, key, results, quantile, fmt } = deps;
  const reps = quick ? 5 : 15;
  const load = loadavg().map((x) => +x.toFixed(2));
  const server = await startServer({ IOC_DASHBOARD_DIR: join(deps.root, 'apps/dashboard/dist'), IOC_TICK_MS: '250', IOC_HEARTBEAT_MS: '500' });
  const browser = await launchChromium();
  try {
    // a flood alert at Cần Thơ's station (BĐ I crossed), to pin from the alerts page
    const end = Date.now() - 60_000;
    const tide = [170, 176, 181, 183, 185, 186, 187, 188];
    const r = await fetch(`${server.url}/api/v1/observations/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({
        observations: tide.map((value, i) => ({
          id: `pin-bench-${i}`,
          indicator: 'water_level',
          area: '31135',
          station: 'wl-can-tho',
          observedAt: new Date(end - (tide.length - 1 - i) * 300_000).toISOString(),
          value,
        })),
      }),
    });
    if (r.status !== 200) throw new Error(`observations: ${r.status} ${await r.text()}`);
    let alertId = '';
    for (let i = 0; i < 100 && !alertId; i++) {
      const list = (await (await fetch(`${server.url}/api/v1/alerts`, { headers: server.headers('leader') })).json()) as {
        alerts: { id: string; ruleId: string }[];
      };
      alertId = list.alerts.find((a) => a.ruleId === 'flood-band')?.id ?? '';
      if (!alertId) await new Promise((res) => setTimeout(res, 100));
    }
    if (!alertId) throw new Error('no flood alert was raised');

    // the predicates below are strings Playwright evaluates in the page: the wall's CSP (no eval) would refuse them
    // (the e2e tests keep the CSP on and check the same views)
    const wall = await (await browser.newContext({ viewport: WALL, bypassCSP: true })).newPage();
    const frames: number[] = [];
    wall.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        if (typeof f.payload === 'string' && f.payload.includes('"wallPinV1"')) frames.push(Date.now());
      }),
    );
    await wall.goto(await kioskLink(server.url, 'bench pin wall'));
    await wall.goto(`${server.url}/?kiosk&scene=overview&rotate=0`);
    await wall.waitForSelector('[data-testid="kpi-panel"]', { timeout: 60_000 });
    // settled: the other scenes mounted, the pin views' chunks fetched at idle
    await wall.waitForTimeout(4000);

    const tablet = await (await browser.newContext({ viewport: TABLET })).newPage();
    await tablet.addInitScript('document.addEventListener("click", () => { window.__clickAt = Date.now(); }, true);');
    await signIn(tablet, server, 'leader');
    let ackAt = 0;
    tablet.on('response', (res) => {
      if (res.request().method() === 'POST' && res.url().includes('/api/v1/wall/pin')) ackAt = Date.now();
    });

    const samples: Sample[] = [];
    /** One measured change: click (or act), then the wall's frame and what it shows. */
    const measure = async (kind: Kind, arg: string, act: (page: Page) => Promise<unknown>) => {
      frames.length = 0;
      ackAt = 0;
      await wall.evaluate('window.__shownAt = 0');
      await act(tablet);
      const clickAt = (await tablet.evaluate('window.__clickAt')) as number;
      await wall.waitForFunction(`(${shownExpression(kind, arg)}) && (window.__shownAt = Date.now())`, undefined, { polling: 'raf', timeout: 30_000 });
      const shownAt = (await wall.evaluate('window.__shownAt')) as number;
      const frameAt = frames[0] ?? NaN;
      samples.push({ kind, ackMs: ackAt ? ackAt - clickAt : NaN, frameMs: frameAt - clickAt, visibleMs: shownAt - clickAt });
    };
    const click = (selector: string) => async (page: Page) => {
      await page.waitForSelector(selector, { timeout: 30_000 });
      await page.click(selector);
    };
    const release = () => measure('release', '', click('[data-testid="pin-bar-release"], [data-testid="briefing-release"]'));

    await tablet.goto(`${server.url}/operator/briefing`);
    for (let i = 0; i < reps; i++) {
      const panel = i % 2 === 0 ? 'water-level' : 'air-quality';
      await measure('panel', panel, click(`[data-testid="pin-panel-${panel}"]`));
      await release();
      await measure('scene', 'reporting', click('[data-testid="pin-scene-reporting"]'));
      await release();
    }
    await tablet.goto(`${server.url}/analyst?area=31135`);
    for (let i = 0; i < reps; i++) {
      await measure('unit', '31135', click('[data-testid="pin-unit-31135"]'));
      await measure('release', '', click('[data-testid="pin-release-unit-31135"]'));
    }
    await tablet.goto(`${server.url}/operator/alerts?alert=${encodeURIComponent(alertId)}`);
    for (let i = 0; i < reps; i++) {
      await measure('alert', alertId, click(`[data-testid="pin-alert-${alertId}"]`));
      await release();
    }

    const figures: Record<string, unknown> = { repetitions: reps, loadAverage: load };
    const line: string[] = [];
    for (const kind of ['panel', 'scene', 'unit', 'alert', 'release'] as const) {
      const of = samples.filter((s) => s.kind === kind);
      const q = (f: (s: Sample) => number, p: number) => Math.round(quantile(of.map(f), p));
      const max = (f: (s: Sample) => number) => Math.round(Math.max(...of.map(f)));
      const k = {
        clickToVisibleP50Ms: q((s) => s.visibleMs, 0.5),
        clickToVisibleMaxMs: max((s) => s.visibleMs),
        clickToFrameP50Ms: q((s) => s.frameMs, 0.5),
        clickToFrameMaxMs: max((s) => s.frameMs),
        clickToAckP50Ms: q((s) => s.ackMs, 0.5),
        frameToVisibleP50Ms: q((s) => s.visibleMs - s.frameMs, 0.5),
        frameToVisibleMaxMs: max((s) => s.visibleMs - s.frameMs),
      };
      figures[kind] = k;
      line.push(
        `${kind}: click→visible p50 ${fmt(k.clickToVisibleP50Ms)} ms, max ${fmt(k.clickToVisibleMaxMs)} ms ` +
          `beside click→frame p50 ${fmt(k.clickToFrameP50Ms)} ms, max ${fmt(k.clickToFrameMaxMs)} ms (wall's own work p50 ${fmt(k.frameToVisibleP50Ms)} ms)`,
      );
    }
    results.pin = figures;
    console.log(`pin (load ${load.join(' ')}; target: every kind visible within 1,000 ms):\n  ${line.join('\n  ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
