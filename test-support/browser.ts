/** Debian's Chromium through playwright-core, as the browser tests and benchmarks use it (never a downloaded browser). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { accountsEnabled, ensureAccount, TEST_ACCOUNTS, type TestAccount, type TestRole } from './access.ts';

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

/**
 * Signs `page` in as a person of `role` does: the sign-in page, username and password typed into
 * the form, "Đăng nhập", back on the page it came from (the session cookie then serves every tab
 * of the page's browser context). The account (TEST_ACCOUNTS, or `account`) is created first
 * through the admin API with the tests' administrator token: start the server with
 * IOC_OPERATOR_TOKENS=operatorTokensEnv(). Resolves false, having done nothing, on a server
 * without accounts (no /api/v1/auth routes: every read is open there).
 */
export async function signIn(page: Page, server: { url: string }, role: TestRole, account: TestAccount = TEST_ACCOUNTS[role]): Promise<boolean> {
  if (!(await accountsEnabled(server))) return false;
  await ensureAccount(server, account);
  await page.goto(`${server.url}/login`);
  await page.fill('[data-testid="login-username"]', account.username);
  await page.fill('[data-testid="login-password"]', account.password);
  await page.click('[data-testid="login-submit"]');
  // the session cookie came with the sign-in answer: the page it goes back to need not finish loading
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000, waitUntil: 'commit' });
  return true;
}
