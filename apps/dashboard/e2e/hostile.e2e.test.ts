/**
 * Hostile strings through every form and feed whose text an administrator, a leader or an operator
 * reads (issue 11, hardening): a user's display name, a feed source's name, a wall screen's name,
 * a username tried at sign-in (the audit log's target), a directive's text, a report's text, an
 * attachment's file name, a leader's return note, a PAKN's subject and a boundary file's unit name,
 * each `<img src=x onerror=…>`. In a real Chromium against the built dashboard and a real ingest
 * process: each page shows the string literally, as text, and no script of it runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Directive, DirectiveAttachment } from '@cityioc/contracts';
import { CHROMIUM, launchChromium, signIn } from '../../../test-support/browser.ts';
import { freePort, ROOT, startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';

const DIST = join(ROOT, 'apps/dashboard/dist');
const COMMUNE = '31135'; // phường Ninh Kiều: the test operator's scope
/** The markup of one source: when a page parses it as HTML, the image fails to load and its handler names the source. */
const markup = (source: string) => `<img src=x onerror="window.__pwned=(window.__pwned||[]).concat('${source}')"> ${source}`;
const KEY = 'e2e-hostile-feed-key-0123456789';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
let server: ServerProcess;
let browser: Browser;
const data = tempDataDir();
const pageErrors: string[] = [];

async function api(role: 'admin' | 'leader' | 'operator', method: string, path: string, body?: unknown, type = 'application/json'): Promise<Response> {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: server.headers(role, body === undefined ? {} : { 'content-type': type }),
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
  expect(r.status, `${method} ${path}: ${await r.clone().text()}`).toBeLessThan(300);
  return r;
}

async function pageAs(role: 'admin' | 'leader' | 'operator'): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(p, server, role);
  return p;
}

/** The string is on the page as text (in `within`), no element of it was made, and none of its handlers ran. */
async function shownAsText(page: Page, text: string, within = 'body'): Promise<void> {
  await expect.poll(async () => (await page.textContent(within)) ?? '', { timeout: 15_000 }).toContain(text);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string[] }).__pwned)).toBeUndefined();
}

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
  expect(existsSync(join(DIST, 'index.html')), 'the dashboard is not built: pnpm --filter @cityioc/dashboard build').toBe(true);
  server = await startServerProcess({ dataDir: data.dir, port: await freePort(), env: { IOC_DASHBOARD_DIR: DIST, IOC_API_KEYS: `hotline:${KEY}` } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop('SIGKILL');
  data.remove();
});

describe('hostile strings on the administration pages', () => {
  it('a user’s name, a feed source’s name, a wall screen’s name and a username tried at sign-in show as text', async () => {
    const scopes = { units: [COMMUNE], agencies: [] };
    await api('admin', 'POST', '/api/v1/admin/users', {
      username: 'hostile.user',
      name: markup('user'),
      role: 'operator',
      scopes,
      password: 'mật khẩu thử 2026',
    });
    const grant = { endpoints: ['pakn'], stations: null, units: [COMMUNE], agencies: null };
    await api('admin', 'POST', '/api/v1/admin/feed-sources', { id: 'hostile-source', name: markup('source'), grant });
    await api('admin', 'POST', '/api/v1/admin/devices', { name: markup('device'), scopes });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: markup('login'), password: 'sai mật khẩu' }),
    });
    expect(login.status).toBe(401);

    const page = await pageAs('admin');
    await page.goto(`${server.url}/admin/users`);
    await shownAsText(page, markup('user'));
    await page.goto(`${server.url}/admin/feeds`);
    await shownAsText(page, markup('source'));
    await page.goto(`${server.url}/admin/devices`);
    await shownAsText(page, markup('device'));
    await page.goto(`${server.url}/admin/audit`);
    await shownAsText(page, markup('login'), '[data-testid="audit-table"]');
    await page.close();
  });

  it('a boundary file’s unit name shows as text in the import report (the file itself named with markup too)', async () => {
    const page = await pageAs('admin');
    await page.goto(`${server.url}/admin/boundaries`);
    const square = [
      [105.7, 10.0],
      [105.71, 10.0],
      [105.71, 10.01],
      [105.7, 10.01],
      [105.7, 10.0],
    ];
    const features = [{ type: 'Feature', properties: { name: markup('unit') }, geometry: { type: 'Polygon', coordinates: [square] } }];
    await page.setInputFiles('[data-testid="boundary-file"]', {
      name: `${markup('file')}.geojson`,
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
    });
    await page.click('[data-testid="boundary-check"]');
    await page.waitForSelector('[data-testid="boundary-report"]', { timeout: 15_000 });
    await shownAsText(page, markup('unit'), '[data-testid="boundary-unmatched"]');
    await page.close();
  });
});

describe('hostile strings in the directives and the 766 drill-down', () => {
  it('a directive’s text, a report, an attachment’s file name and a return note show as text to the leader and the operator', async () => {
    const issued = await api('leader', 'POST', '/api/v1/directives', {
      title: markup('title'),
      text: markup('text'),
      units: [COMMUNE],
      dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      subject: { kind: 'score766', id: '2.1', label: markup('subject') },
    });
    const { id } = (await issued.json()) as Directive;
    const name = `${markup('attachment')}.pdf`;
    const up = await api(
      'operator',
      'POST',
      `/api/v1/directives/${id}/attachments?unit=${COMMUNE}&filename=${encodeURIComponent(name)}`,
      PDF,
      'application/pdf',
    );
    const att = (await up.json()) as DirectiveAttachment;
    // the server drops the quotes from a file name (safe names); the markup is still markup
    expect(att.name).toBe(name.replaceAll('"', ''));
    expect(att.name).toContain('<img src=x onerror=');
    await api('operator', 'POST', `/api/v1/directives/${id}/reports`, { unit: COMMUNE, text: markup('report'), attachments: [att.id], done: true });
    await api('leader', 'POST', `/api/v1/directives/${id}/return`, { unit: COMMUNE, note: markup('note') });

    const leader = await pageAs('leader');
    await leader.goto(`${server.url}/operator/directives?id=${id}`);
    await leader.waitForSelector(`[data-testid="directive-detail"][data-id="${id}"]`, { timeout: 15_000 });
    for (const s of ['title', 'text', 'report', 'note']) await shownAsText(leader, markup(s), '[data-testid="directive-detail"]');
    await shownAsText(leader, att.name, `[data-testid="directive-attachment-${att.id}"]`);
    await leader.close();

    const operator = await pageAs('operator');
    await operator.goto(`${server.url}/operator`);
    await operator.waitForSelector(`[data-testid="directive-assignment-${id}-${COMMUNE}"]`, { timeout: 15_000 });
    for (const s of ['title', 'text', 'note']) await shownAsText(operator, markup(s), '[data-testid="directive-inbox"]');
    await operator.close();
  });

  it('a PAKN’s subject shows as text in the drill-down of 5.2', async () => {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const r = await fetch(`${server.url}/api/v1/pakn/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ events: [{ eventId: 'hostile-1', paknId: 'HOSTILE-1', step: 'received', at, adminUnitCode: COMMUNE, title: markup('pakn') }] }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    const analyst = await pageAs('admin');
    await analyst.goto(`${server.url}/analyst/score766?unit=${COMMUNE}&group=satisfaction&metric=PETITION_PROCESSING_ON_TIME`);
    await analyst.waitForSelector('[data-testid="score766-items"]', { timeout: 15_000 });
    await shownAsText(analyst, markup('pakn'), '[data-testid="score766-items"]');
    await analyst.close();
    expect(pageErrors).toEqual([]);
  });
});
