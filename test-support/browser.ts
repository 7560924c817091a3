/** Debian's Chromium through playwright-core, as the browser tests and benchmarks use it (never a downloaded browser). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestRole } from './server-process.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Without the background-networking flags Chromium tries the closed network at every start. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Throws (so tests fail rather than skip) when Chromium is not installed. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** What signIn needs of a test server (test-support/server-process.ts gives it). */
export interface SignInServer {
  url: string;
  account(role: TestRole): Promise<{ username: string; password: string }>;
}

/**
 * Signs `page` in as a person of `role` does: the sign-in page, username and password typed into
 * the form, submitted, back on the page it came from; the session cookie then serves every request
 * of the page's browser context (REST and the socket). The account is created first through the
 * admin API (server.account). A dashboard built without the sign-in page (before the dashboard
 * side of issue 11) gets the same cookie from the same login request, made in the page's context.
 */
export async function signIn(page: Page, server: SignInServer, role: TestRole): Promise<void> {
  const account = await server.account(role);
  await page.goto(`${server.url}/login`);
  const form = await page.waitForSelector('[data-testid="login-username"]', { timeout: 5_000 }).catch(() => null);
  if (form) {
    await page.fill('[data-testid="login-username"]', account.username);
    await page.fill('[data-testid="login-password"]', account.password);
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 });
    return;
  }
  const r = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { username: account.username, password: account.password } });
  if (r.status() !== 200) throw new Error(`signing in as ${account.username}: ${r.status()} ${await r.text()}`);
}
