/** Debian's Chromium through playwright-core, as the browser tests and benchmarks use it (never a downloaded browser). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ProcessAccount, TestRole } from './server-process.ts';

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
  headers(role: TestRole, extra?: Record<string, string>): Record<string, string>;
}

/**
 * Signs `page` in as a person of `role` does: the sign-in page, username and password typed into
 * the form, "Đăng nhập", back on the page it came from; the session cookie then serves every
 * request of the page's browser context (REST and the socket). The account is created first
 * through the admin API: the role's (server.account), or `account` when a test needs another
 * person (a locked one, a second operator). Resolves true once signed in.
 */
export async function signIn(page: Page, server: SignInServer, role: TestRole, account?: ProcessAccount): Promise<boolean> {
  const who = account ? await createAccount(server, account) : await server.account(role);
  await page.goto(`${server.url}/login`);
  await page.fill('[data-testid="login-username"]', who.username);
  await page.fill('[data-testid="login-password"]', who.password);
  await page.click('[data-testid="login-submit"]');
  // the session cookie came with the sign-in answer: the page it goes back to need not finish loading
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000, waitUntil: 'commit' });
  return true;
}

/** Creates an account through the admin API (an existing one is kept: 409). */
async function createAccount(server: SignInServer, a: ProcessAccount): Promise<ProcessAccount> {
  const r = await fetch(`${server.url}/api/v1/admin/users`, {
    method: 'POST',
    headers: server.headers('admin', { 'content-type': 'application/json' }),
    body: JSON.stringify({ username: a.username, name: a.name, role: a.role, scopes: a.scopes, password: a.password }),
  });
  if (r.status !== 201 && r.status !== 409) throw new Error(`creating ${a.username}: ${r.status} ${await r.text()}`);
  return a;
}
