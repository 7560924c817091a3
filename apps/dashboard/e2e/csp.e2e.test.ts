/**
 * The built wall under the server's security headers, in a real Chromium: a wall screen opens its
 * kiosk link (a device session, no password typed), lands on the wall, connects its socket and
 * draws the MapLibre map (worker from a blob: URL, WebGL canvas) without a single Content Security
 * Policy violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { mapCanvas, openE2e, type E2e } from './support/e2e.ts';

let e2e: E2e;
let server: ServerProcess;
let page: Page;
const violations: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  e2e = await openE2e();
  server = e2e.server;
  page = await e2e.newPage();
  // every violation the page reports, from the first script on
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
});
afterAll(() => e2e?.close());

describe('the wall under the Content Security Policy', () => {
  it('opens from a kiosk link, connects and draws its map with no CSP violation', async () => {
    const device = await fetch(`${server.url}/api/v1/admin/devices`, {
      method: 'POST',
      headers: server.headers('admin', { 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'Màn hình tường phòng họp', scopes: { units: ['92'], agencies: [] } }),
    });
    expect(device.status).toBe(201);
    const { link } = (await device.json()) as { link: string };
    const doc = await page.goto(`${server.url}${link}`);
    expect(new URL(page.url()).pathname).toBe('/');
    const csp = (await doc!.allHeaders())['content-security-policy'];
    expect(csp).toContain("worker-src 'self' blob:");
    await page.waitForFunction(() => window.__ioc?.connected, undefined, { timeout: 20_000 });
    await page.waitForSelector('[data-testid="map"][data-loaded="true"]', { timeout: 30_000 });
    expect((await mapCanvas(page)).colours).toBeGreaterThan(20);
    expect(violations).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
