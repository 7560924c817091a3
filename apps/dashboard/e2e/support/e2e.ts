/**
 * The one set-up of the browser tests: the built dashboard served by a real ingest process
 * (the compiled server, on a free port, its own data directory) and Debian's Chromium. A test
 * file opens it in its beforeAll and closes it in its afterAll:
 *
 *   e2e = await openE2e({ key: KEY, fastTicks: true, pageErrors });
 *   page = await e2e.newPage({ as: 'leader' });
 *   afterAll(() => e2e?.close());
 *
 * It fails (never skips) when Chromium or the dashboard build is missing: CI must install and build them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import type { Alert, DossierEvent } from '@cityioc/contracts';
import { launchChromium, signIn } from '../../../../test-support/browser.ts';
import { freePort, ROOT, startServerProcess, tempDataDir, type ServerProcess, type TestRole } from '../../../../test-support/server-process.ts';
import { waitUntil } from '../../../../test-support/wait.ts';

/** The built dashboard (pnpm --filter @cityioc/dashboard build). */
export const DIST = join(ROOT, 'apps/dashboard/dist');

/** The wall screen's size, and a desk screen's (operator, analyst, leader pages). */
export const WALL_VIEWPORT = { width: 1920, height: 1080 } as const;
export const DESK_VIEWPORT = { width: 1600, height: 1000 } as const;

export const testId = (id: string) => `[data-testid="${id}"]`;

/** Durations in milliseconds, for the times the tests send and expect. */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** The current month on the Vietnamese calendar (UTC+7, no DST), as the dashboard computes it: '2026-12'. */
export function currentMonth(at = Date.now()): string {
  const d = new Date(at + 7 * HOUR);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export interface E2eOptions {
  /** A feed source key: the server accepts it as source `e2e` (IOC_API_KEYS), and `send` uses it. */
  key?: string;
  /** Ticks every 250 ms and heartbeats every 500 ms, so live changes reach the page within a second. */
  fastTicks?: boolean;
  /** More server environment (it wins over the above). */
  env?: Record<string, string>;
  /** Where the errors thrown in every page opened through newPage are collected (a test asserts it stays empty). */
  pageErrors?: string[];
}

export interface NewPageOptions {
  /** WALL_VIEWPORT unless told. */
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Signs the page in as a person of this role (through the sign-in form) before handing it over. */
  as?: TestRole;
}

export interface E2e {
  /** The running server (a new one after restart). */
  readonly server: ServerProcess;
  readonly browser: Browser;
  readonly pageErrors: string[];
  /** A page in its own browser context (its own session cookie; more tabs through page.context()) whose errors go to pageErrors. */
  newPage(options?: NewPageOptions): Promise<Page>;
  /** Sends JSON as the feed source (x-api-key), expects 200 (the answer's text is the message) and resolves with the answer's body. */
  send(path: string, body: unknown, method?: 'POST' | 'PUT'): Promise<unknown>;
  /** Starts the server again on the same port and data directory (after a test stopped it). */
  restart(): Promise<ServerProcess>;
  /** Closes the browser, kills the server, removes the data directory. */
  close(): Promise<void>;
}

export async function openE2e(options: E2eOptions = {}): Promise<E2e> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`the dashboard is not built (${DIST}): pnpm --filter @cityioc/dashboard build`);
  const data = tempDataDir();
  const port = await freePort();
  const env = {
    IOC_DASHBOARD_DIR: DIST,
    ...(options.key ? { IOC_API_KEYS: `e2e:${options.key}` } : {}),
    ...(options.fastTicks ? { IOC_TICK_MS: '250', IOC_HEARTBEAT_MS: '500' } : {}),
    ...options.env,
  };
  const start = () => startServerProcess({ dataDir: data.dir, port, env });
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const pageErrors = options.pageErrors ?? [];
  const close = async () => {
    await browser?.close();
    await server?.stop('SIGKILL');
    data.remove();
  };
  try {
    server = await start();
    browser = await launchChromium();
  } catch (e) {
    await close();
    throw e;
  }
  const opened = { server, browser };
  return {
    get server() {
      return opened.server;
    },
    browser,
    pageErrors,
    async newPage({ viewport = WALL_VIEWPORT, acceptDownloads, as } = {}) {
      // a context of its own (a fresh cookie jar), which a test may open more tabs in
      const context = await opened.browser.newContext({ viewport, acceptDownloads });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      if (as) await signIn(page, opened.server, as);
      return page;
    },
    async send(path, body, method = 'POST') {
      if (!options.key) throw new Error('send needs a feed key: openE2e({ key })');
      const r = await fetch(`${opened.server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-api-key': options.key },
        body: JSON.stringify(body),
      });
      const text = await r.text();
      expect(r.status, `${method} ${path}: ${text}`).toBe(200);
      return JSON.parse(text) as unknown;
    },
    async restart() {
      await opened.server.stop('SIGKILL');
      server = opened.server = await start();
      return opened.server;
    },
    close,
  };
}

/**
 * The wall map's WebGL canvas once MapLibre has drawn a frame to the end ('idle'): its width and how many colours
 * it shows, the HTML labels and markers on top hidden for the shot. A blank or failed canvas is one or two
 * colours; drawn polygons, outlines and circles give many. Another map of the page: its name on window.__ioc and
 * the element that holds it (a pinned unit's map: { name: 'explorerMap', within: testId('wall-pin-map') }).
 */
export async function mapCanvas(
  page: Page,
  which: { name: 'map' | 'explorerMap'; within: string } = { name: 'map', within: '[data-testid="map"]' },
): Promise<{ width: number; colours: number }> {
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve) => {
        const map = window.__ioc[name] as { once(event: 'idle', f: () => void): void; triggerRepaint(): void };
        map.once('idle', resolve);
        map.triggerRepaint();
      }),
    which.name,
  );
  const box = (await page.locator(`${which.within} canvas`).first().boundingBox())!;
  const canvasOnly = `${which.within} * { visibility: hidden !important } ${which.within} canvas { visibility: visible !important }`;
  const png = PNG.sync.read(await page.screenshot({ clip: box, style: canvasOnly }));
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7) colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
  return { width: box.width, colours: colours.size };
}

/** POST /api/v1/directives as the leader: a directive about 766 metric 2.1 to `unit`, due `dueInMs` from now. */
export function issueDirective(server: ServerProcess, d: { title: string; text: string; unit: string; dueInMs: number }): Promise<Response> {
  return fetch(`${server.url}/api/v1/directives`, {
    method: 'POST',
    headers: server.headers('leader', { 'content-type': 'application/json' }),
    body: JSON.stringify({
      title: d.title,
      text: d.text,
      units: [d.unit],
      dueAt: new Date(Date.now() + d.dueInMs).toISOString(),
      subject: { kind: 'score766', id: '2.1', label: 'Tiến độ giải quyết' },
    }),
  });
}

/** A tide rising through BĐ I, one reading every 5 minutes up to a minute ago: a flood-band alert at the station. */
export function risingTide(idPrefix: string, station: string, area: string, values: number[]) {
  const end = Date.now() - MIN;
  return values.map((value, i) => ({
    id: `${idPrefix}-${station}-${i}`,
    indicator: 'water_level',
    area,
    station,
    observedAt: new Date(end - (values.length - 1 - i) * 5 * MIN).toISOString(),
    value,
  }));
}

/** The id of the flood-band alert at `station` once the server has raised it (read as an administrator, who sees every unit). */
export function floodAlertAt(server: ServerProcess, station: string): Promise<string> {
  return waitUntil(`the flood-band alert of ${station}`, async () => {
    const r = await fetch(`${server.url}/api/v1/alerts`, { headers: server.headers('admin') });
    return ((await r.json()) as { alerts: Alert[] }).alerts.find((a) => a.station === station && a.ruleId === 'flood-band')?.id;
  });
}

/**
 * A dossier in process at a commune's people's committee (procedure 1.000494, at the counter): received
 * `receivedDaysAgo` days ago, taken into process (status 4) an hour later, due `dueInDays` days from now
 * (negative: past due, so overdue). Its two events as the one-stop system sends them.
 */
export function dossierInProcess(code: string, area: string, agencyCode: string, receivedDaysAgo: number, dueInDays: number): DossierEvent[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const at = Date.now() - receivedDaysAgo * DAY;
  const base = {
    dossierCode: code,
    procedureCode: '1.000494',
    agencyCode,
    adminUnitCode: area,
    channel: 1 as const,
    receivedAt: iso(at),
    dueAt: iso(Date.now() + dueInDays * DAY),
  };
  return [
    { ...base, eventId: `${code}:2`, status: 2, statusAt: iso(at) },
    { ...base, eventId: `${code}:4`, status: 4, statusAt: iso(at + HOUR) },
  ];
}

/**
 * The two-ward scene of the scope tests (an operator of one ward sees only its own): in phường Ninh Kiều (31135)
 * and phường Ô Môn (31153) the tide rises through BĐ I at the ward's station (wl-can-tho, wl-o-mon: one flood
 * alert each) and one dossier is overdue (`<prefix>-31135-1`, `<prefix>-31153-1`: received 40 days ago, due 20
 * days ago, still in process). Resolves with the two alerts' ids once the server has raised them.
 */
export async function seedTwoWards(e2e: E2e, prefix: string): Promise<{ ninhKieu: string; oMon: string }> {
  await e2e.send('/api/v1/observations/batch', {
    observations: [
      ...risingTide(prefix, 'wl-can-tho', '31135', [170, 176, 181, 183, 185, 186, 187, 188]),
      ...risingTide(prefix, 'wl-o-mon', '31153', [175, 182, 186, 188, 189, 190, 191, 192]),
    ],
  });
  await e2e.send('/api/v1/dossiers/events', {
    events: [
      ...dossierInProcess(`${prefix}-31135-1`, '31135', '000.135.00.H13', 40, -20),
      ...dossierInProcess(`${prefix}-31153-1`, '31153', '000.153.00.H13', 40, -20),
    ],
  });
  return { ninhKieu: await floodAlertAt(e2e.server, 'wl-can-tho'), oMon: await floodAlertAt(e2e.server, 'wl-o-mon') };
}
