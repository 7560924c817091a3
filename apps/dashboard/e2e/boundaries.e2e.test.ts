/**
 * The boundary import of the administration area in a real Chromium against the built dashboard
 * served by a real ingest process: an administrator uploads a small GeoJSON of our own (squares
 * around the administrative-centre points of three of today's communes), reads the report, commits,
 * and the wall's map draws the imported shapes at once; a file with a bow-tie is refused per
 * feature by the dry run and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BoundaryVersionsResponse } from '@cityioc/contracts';
import { CAN_THO_REGISTRY } from '@cityioc/domain';
import { signIn } from '../../../test-support/browser.ts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { openE2e, type E2e } from './support/e2e.ts';

let e2e: E2e;
let server: ServerProcess;
let page: Page;
const pageErrors: string[] = [];

type Ring = [number, number][];
type LonLat = [number, number];
const HALF = 0.01;
const centre = (code: string): LonLat => CAN_THO_REGISTRY.areaAt(code, '2026-01-01')!.centre!.lonLat;
/** Clockwise, as the real files have it (the import rewinds it to RFC 7946). */
const square = ([lon, lat]: LonLat): Ring => [
  [lon - HALF, lat - HALF],
  [lon - HALF, lat + HALF],
  [lon + HALF, lat + HALF],
  [lon + HALF, lat - HALF],
  [lon - HALF, lat - HALF],
];
/** A boundary that crosses itself. */
const bowtie = ([lon, lat]: LonLat): Ring => [
  [lon - HALF, lat - HALF],
  [lon + HALF, lat + HALF],
  [lon + HALF, lat - HALF],
  [lon - HALF, lat + HALF],
  [lon - HALF, lat - HALF],
];
const feature = (properties: Record<string, unknown>, ring: Ring) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } });
const file = (name: string, features: unknown[]) => ({
  name,
  mimeType: 'application/geo+json',
  buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
});

/** The wall map's GeoJSON answers, as the page received them. */
interface GeoAnswer {
  at: number;
  status: number;
  etag: string | null;
  sources: Map<string, unknown>;
}
const geoAnswers: GeoAnswer[] = [];

async function versions(): Promise<number[]> {
  const r = await fetch(`${server.url}/api/v1/admin/boundaries`, { headers: server.headers('admin') });
  expect(r.status).toBe(200);
  return ((await r.json()) as BoundaryVersionsResponse).versions.map((v) => Number(v.version));
}

/** What the wall's MapLibre source holds for a unit: its properties and the bounding box of its outer ring. */
async function drawnUnit(code: string): Promise<{ bbox: [number, number, number, number] } | null> {
  return page.evaluate(async (c) => {
    const map = window.__ioc.map as { getSource(id: string): { getData(): Promise<unknown> } | undefined };
    const src = map.getSource('ioc-units');
    if (!src) return null;
    const fc = (await src.getData()) as { features: { properties: { code: string }; geometry: { coordinates: number[][][] } }[] };
    const f = fc.features.find((x) => x.properties.code === c);
    if (!f) return null;
    const ring = f.geometry.coordinates[0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    return { bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as [number, number, number, number] };
  }, code);
}

const bboxOf = ([lon, lat]: LonLat) => [lon - HALF, lat - HALF, lon + HALF, lat + HALF];
const round = (b: number[] | undefined) => b?.map((v) => Math.round(v * 1e6) / 1e6);

async function openWall() {
  await page.click('[data-testid="nav-wall"]');
  await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 30_000 });
}

/** The wall has no navigation of its own: back in the app's history (client-side, the query cache stays). */
async function backToBoundaries() {
  await page.evaluate(() => window.history.back());
  await page.waitForSelector('[data-testid="boundaries-page"]', { timeout: 15_000 });
}

beforeAll(async () => {
  e2e = await openE2e({ env: { IOC_TICK_MS: '250' }, pageErrors });
  server = e2e.server;
  page = await e2e.newPage();
  page.on('response', async (r) => {
    const url = new URL(r.url());
    if (url.pathname !== '/api/v1/geo/areas' || url.search !== '') return;
    const answer: GeoAnswer = { at: Date.now(), status: r.status(), etag: await r.headerValue('etag'), sources: new Map() };
    if (r.status() === 200) {
      const body = (await r.json()) as { features: { properties: { code?: string; source?: unknown } | null }[] };
      for (const f of body.features) if (f.properties?.code) answer.sources.set(f.properties.code, f.properties.source);
    }
    geoAnswers.push(answer);
  });
  await signIn(page, server, 'admin');
  // the administration area, loaded once: from here on the page moves through its own links (one app, one query cache)
  await page.goto(`${server.url}/admin/boundaries`);
  await page.waitForSelector('[data-testid="boundaries-page"]', { timeout: 15_000 });
});

afterAll(() => e2e?.close());

describe('boundary import from the admin page', () => {
  it('the wall first draws the schematic shapes of the 103 units', async () => {
    await openWall();
    await expect.poll(() => page.getAttribute('[data-testid="map"]', 'data-boundaries'), { timeout: 15_000 }).toBe('schematic');
    expect(await page.getAttribute('[data-testid="map"]', 'data-units')).toBe('103');
    const first = geoAnswers.find((a) => a.status === 200)!;
    expect(first.sources.get('31135')).toBe('schematic');
    await expect.poll(() => drawnUnit('31135'), { timeout: 10_000 }).not.toBeNull();
    expect(round((await drawnUnit('31135'))!.bbox)).not.toEqual(round(bboxOf(centre('31135'))));
  });

  const good = [
    // by code (a number), by name with the prefix and a lookalike Ð, by name without its space
    feature({ code: 31135, name: 'Ninh Kiều' }, square(centre('31135'))),
    feature({ ten: 'Phường Ðông Hiệp', code: 'NA' }, square(centre('31273'))),
    feature({ name: 'ThớiLai', fullName: 'NA' }, square(centre('31258'))),
  ];

  it('checks the file first: the report lists the matched and the missing units, nothing is stored', async () => {
    await backToBoundaries();
    await page.setInputFiles('[data-testid="boundary-file"]', file('cantho-e2e.geojson', good));
    expect(await page.isDisabled('[data-testid="boundary-commit"]')).toBe(true);
    await page.click('[data-testid="boundary-check"]');
    await page.waitForSelector('[data-testid="boundary-report"]', { timeout: 15_000 });
    expect(await page.getAttribute('[data-testid="boundary-report"]', 'data-ok')).toBe('true');
    const count = (id: string) => page.getAttribute(`[data-testid="boundary-count-${id}"]`, 'data-count');
    expect(await count('features')).toBe('3');
    expect(await count('matched')).toBe('3');
    expect(await count('unmatched')).toBe('0');
    expect(await count('duplicated')).toBe('0');
    expect(await count('missing')).toBe('100');
    expect(await count('errors')).toBe('0');
    // the clockwise rings are repaired (rewound), not refused
    expect(await count('repaired')).toBe('3');
    const matched = await page.$$eval('[data-testid="boundary-matched"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(matched).toEqual(['31135', '31273', '31258']);
    // the missing units are named with their diacritics (today's registry)
    const missing = page.locator('[data-testid="boundary-missing"] li');
    expect(await missing.count()).toBe(100);
    expect(await page.textContent('[data-testid="boundary-missing"] li[data-code="31120"]')).toContain('Cái Khế');
    expect(await page.isVisible('[data-testid="boundary-versions-empty"]')).toBe(true);
    expect(await versions()).toEqual([]);
  });

  it('commits, and the wall map re-reads its shapes at once and draws the imported ones', async () => {
    expect(await page.isEnabled('[data-testid="boundary-commit"]')).toBe(true);
    const committedAt = Date.now();
    await page.click('[data-testid="boundary-commit"]');
    await page.waitForSelector('[data-testid="boundary-committed"]', { timeout: 15_000 });
    expect(await page.getAttribute('[data-testid="boundary-committed"]', 'data-version')).toBe('1');
    await page.waitForSelector('[data-testid="boundary-versions"] tr[data-current="true"]', { timeout: 10_000 });
    expect(await versions()).toEqual([1]);

    // back on the wall well within its 60 s refresh: only the commit's invalidation makes it re-read now
    const before = geoAnswers.find((a) => a.status === 200)!;
    await openWall();
    await expect.poll(() => geoAnswers.find((a) => a.at >= committedAt && a.status === 200), { timeout: 10_000 }).toBeDefined();
    const after = geoAnswers.find((a) => a.at >= committedAt && a.status === 200)!;
    expect(after.etag).not.toBe(before.etag);
    expect(after.sources.get('31135')).toBe('import:1');
    expect(after.sources.get('31273')).toBe('import:1');
    expect(after.sources.get('31258')).toBe('import:1');
    expect(after.sources.get('31120')).toBe('schematic');

    await expect.poll(() => page.getAttribute('[data-testid="map"]', 'data-boundaries'), { timeout: 10_000 }).toBe('mixed');
    expect(await page.getAttribute('[data-testid="map"]', 'data-units')).toBe('103');
    // the map's source holds our square for Ninh Kiều now
    await expect.poll(async () => round((await drawnUnit('31135'))?.bbox), { timeout: 10_000 }).toEqual(round(bboxOf(centre('31135'))));
    expect(round((await drawnUnit('31258'))!.bbox)).toEqual(round(bboxOf(centre('31258'))));
  });

  it('a dry run of a file with a bow-tie shows the feature’s error, offers no commit and stores nothing', async () => {
    await backToBoundaries();
    const bad = [feature({ code: '31120' }, square(centre('31120'))), feature({ code: '31168' }, bowtie(centre('31168')))];
    await page.setInputFiles('[data-testid="boundary-file"]', file('bowtie.geojson', bad));
    await page.click('[data-testid="boundary-check"]');
    await page.waitForSelector('[data-testid="boundary-report"][data-ok="false"]', { timeout: 15_000 });
    expect(await page.getAttribute('[data-testid="boundary-count-errors"]', 'data-count')).toBe('1');
    const errors = page.locator('[data-testid="boundary-issues"] tr[data-severity="error"]');
    expect(await errors.count()).toBe(1);
    expect(await errors.getAttribute('data-index')).toBe('1');
    expect(await errors.textContent()).toContain('self_intersection');
    expect(await errors.textContent()).toContain('31168');
    expect(await page.isDisabled('[data-testid="boundary-commit"]')).toBe(true);
    expect(await versions()).toEqual([1]);
    const geo = (await (await fetch(`${server.url}/api/v1/geo/areas`, { headers: server.headers('admin') })).json()) as {
      features: { properties: { code?: string; source?: string } }[];
    };
    const sourceOf = (code: string) => geo.features.find((f) => f.properties.code === code)?.properties.source;
    expect(sourceOf('31120')).toBe('schematic');
    expect(sourceOf('31168')).toBe('schematic');
    expect(sourceOf('31135')).toBe('import:1');
    expect(pageErrors).toEqual([]);
  });
});
