/**
 * The `wallmap` bench (issue 10), runnable alone: pnpm bench --only=wallmap [--quick]
 * The wall's map with today's 103 communes in the headless Chromium (swiftshader WebGL, as the
 * browser tests run it), opened through a real server and a wall device's kiosk link: frames per
 * second counted with requestAnimationFrame while dossiers finish in random communes every 200 ms
 * (the choropleth of the on-time rate and the unit labels follow every server tick), beside ceilings measured in
 * the same run and the same browser at the same viewport:
 *   1. a bare requestAnimationFrame loop on an empty page (what the browser gives an idle page);
 *   2. the same wall page, same canvas, with the map switched to a blank MapLibre style (no layers)
 *      and no updates;
 * and, for the cost of the updates alone, the wall idle (the same page before any update).
 */
import { CAN_THO_REGISTRY } from '@cityioc/domain';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test-support/browser.ts';
import { kioskLink, type BenchDeps } from './bench-server.ts';

export type WallMapBenchDeps = Pick<BenchDeps, 'root' | 'quick' | 'key' | 'results' | 'startServer' | 'fmt'>;

/** Frames counted by requestAnimationFrame over `ms`: the rate and the frame intervals. */
export interface FrameFigures {
  fps: number;
  frames: number;
  p50FrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
}

async function countFrames(page: Page, ms: number): Promise<FrameFigures> {
  // a string, not a function: tsx's __name helper for inner functions does not exist in the page
  const times = (await page.evaluate(`new Promise((resolve) => {
    const t = [];
    requestAnimationFrame(function frame(now) {
      t.push(now);
      if (now - t[0] < ${ms}) requestAnimationFrame(frame);
      else resolve(t);
    });
  })`)) as number[];
  const gaps = times
    .slice(1)
    .map((x, i) => x - times[i]!)
    .sort((a, b) => a - b);
  const q = (p: number) => +(gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? NaN).toFixed(1);
  const span = (times.at(-1)! - times[0]!) / 1000;
  return {
    fps: +((times.length - 1) / span).toFixed(1),
    frames: times.length - 1,
    p50FrameMs: q(0.5),
    p95FrameMs: q(0.95),
    maxFrameMs: +(gaps.at(-1) ?? NaN).toFixed(1),
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
let seq = 0;
/** A dossier received and finished in `area`, on time or late (the map's KPI is the on-time rate of finished dossiers). */
function finished(area: string, onTime: boolean) {
  const code = `WALLMAP-${area}-${++seq}`;
  const now = Date.now() - 60_000;
  const receivedAt = now - 3 * DAY;
  const dueAt = onTime ? now + DAY : now - DAY;
  const base = {
    dossierCode: code,
    procedureCode: '1.000494',
    agencyCode: '000.00.01.H13',
    adminUnitCode: area,
    channel: 2,
    receivedAt: iso(receivedAt),
    dueAt: iso(dueAt),
  };
  return [
    { ...base, eventId: `${code}:2`, status: 2, statusAt: iso(receivedAt) },
    { ...base, eventId: `${code}:9`, status: 9, statusAt: iso(now), finishedAt: iso(now) },
  ];
}

export async function benchWallMap(deps: WallMapBenchDeps) {
  const { quick, key, results, fmt } = deps;
  const windowMs = 10_000;
  const communes = CAN_THO_REGISTRY.unitsValidAt(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10), { level: 'commune', parent: '92' }).map(
    (u) => u.code,
  );
  const server = await deps.startServer({ IOC_DASHBOARD_DIR: `${deps.root}/apps/dashboard/dist`, IOC_TICK_MS: '250' });
  const browser = await launchChromium();
  const post = async (events: unknown[]) => {
    const r = await fetch(`${server.url}/api/v1/dossiers/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ events }),
    });
    if (r.status !== 200) throw new Error(`dossier events: ${r.status} ${(await r.text()).slice(0, 300)}`);
  };
  try {
    // every commune has finished dossiers, some late: the choropleth has colours from the start
    await post(communes.flatMap((c, i) => [...finished(c, true), ...finished(c, i % 3 !== 0), ...finished(c, i % 2 === 0)]));

    const blank = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await blank.setContent('<!doctype html><html><body></body></html>');
    const bare = await countFrames(blank, windowMs);
    await blank.close();

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(await kioskLink(server.url, 'bench wall map'));
    // the overview scene (the map), held: no scene rotation during the measurement
    await page.goto(`${server.url}/?scene=overview&rotate=0`);
    await page.waitForSelector('[data-testid="map"][data-loaded="true"][data-units="103"]', { timeout: 60_000 });
    // settled: the last tiles, labels and the first deltas drawn
    await page.waitForTimeout(3000);
    // what the map does with the updates: polygons re-sent (setData), units recoloured (feature
    // state), unit labels rewritten; the bench measured nothing if the map never changed
    await page.evaluate(() => {
      const w = window as unknown as {
        __ioc: {
          map: {
            on(e: string, f: (ev: { sourceId?: string; sourceDataType?: string }) => void): void;
            setFeatureState(f: { source: string }, s: unknown): unknown;
          };
        };
        __mapWork: { data: number; recoloured: number; labels: number };
      };
      const work = (w.__mapWork = { data: 0, recoloured: 0, labels: 0 });
      const map = w.__ioc.map;
      map.on('sourcedata', (ev) => {
        if (ev.sourceId === 'ioc-units' && ev.sourceDataType === 'content') work.data++;
      });
      const setFeatureState = map.setFeatureState.bind(map);
      map.setFeatureState = (f, s) => {
        if (f.source === 'ioc-units') work.recoloured++;
        return setFeatureState(f, s);
      };
      new MutationObserver((records) => {
        for (const r of records) if ((r.target as Element).classList?.contains('map-label-unit')) work.labels++;
      }).observe(document.querySelector('[data-testid="map"]')!, { subtree: true, childList: true });
    });
    const mapWork = () => page.evaluate(() => ({ ...(window as unknown as { __mapWork: { data: number; recoloured: number; labels: number } }).__mapWork }));
    const scopeVersion = () => page.evaluate(() => (window as unknown as { __ioc: { versions: Record<string, number> } }).__ioc.versions['92'] ?? 0);

    const idle = await countFrames(page, windowMs);

    // updates: 10 dossiers finish in random communes every 200 ms, half of them late
    let stop = false;
    let sent = 0;
    let k = 0;
    const feeder = (async () => {
      while (!stop) {
        const t = Date.now();
        const events = Array.from({ length: 10 }, () => finished(communes[(k * 37 + 11) % communes.length]!, k++ % 2 === 0)).flat();
        await post(events);
        sent += 10;
        await new Promise((r) => setTimeout(r, Math.max(0, 200 - (Date.now() - t))));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    const w0 = await mapWork();
    const v0 = await scopeVersion();
    const updating = await countFrames(page, windowMs);
    const w1 = await mapWork();
    const work = { data: w1.data - w0.data, recoloured: w1.recoloured - w0.recoloured, labels: w1.labels - w0.labels };
    const deltas = (await scopeVersion()) - v0;
    stop = true;
    await feeder;
    if (work.data + work.recoloured === 0 || work.labels === 0) {
      throw new Error(`the map was never updated during the measurement (${JSON.stringify(work)}): the bench measured nothing`);
    }

    // the same page and canvas, the map on a blank style with no layers, no updates
    await page.waitForTimeout(1000);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as { __ioc: { map: { setStyle(s: unknown, o: unknown): void; once(e: string, f: () => void): void } } }).__ioc.map;
          map.once('idle', () => resolve());
          map.setStyle({ version: 8, sources: {}, layers: [] }, { diff: false });
        }),
    );
    const blankMap = await countFrames(page, windowMs);

    const ceiling = Math.max(bare.fps, blankMap.fps);
    results.wallmap = {
      units: 103,
      windowMs,
      quick,
      dossiersFinished: sent,
      mapSourceUpdates: work.data,
      unitsRecoloured: work.recoloured,
      unitLabelsRewritten: work.labels,
      scopeVersionsAdvanced: deltas,
      updating,
      idle,
      blankMapSamePage: blankMap,
      bareRafEmptyPage: bare,
      ratioToBareRaf: +(updating.fps / bare.fps).toFixed(3),
      ratioToBlankMap: +(updating.fps / blankMap.fps).toFixed(3),
      ratioToCeiling: +(updating.fps / ceiling).toFixed(3),
      idleRatioToCeiling: +(idle.fps / ceiling).toFixed(3),
    };
    const line = (f: FrameFigures) => `${f.fps} fps (frame p50 ${f.p50FrameMs} ms, p95 ${f.p95FrameMs} ms, max ${f.maxFrameMs} ms)`;
    console.log(
      `wall map, 103 units, updating (${fmt(sent)} dossiers finished, ${work.data} map source updates, ${work.recoloured} units recoloured, ${work.labels} unit labels rewritten, ${deltas} scope versions in ${windowMs / 1000} s): ${line(updating)}`,
    );
    console.log(`  = ${((updating.fps / ceiling) * 100).toFixed(1)} % of the same-run ceiling ${ceiling} fps`);
    console.log(`  ceilings: bare rAF on an empty page ${line(bare)}; the same page with a blank MapLibre style, no layers ${line(blankMap)}`);
    console.log(`  the wall idle (no updates): ${line(idle)} = ${((idle.fps / ceiling) * 100).toFixed(1)} % of the ceiling`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
