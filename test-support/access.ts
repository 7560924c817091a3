/**
 * Accounts for the browser tests (issue 11): the server is started with an administrator service
 * token (IOC_OPERATOR_TOKENS, a bearer credential beside accounts), the tests create the people
 * they sign in as through the admin API with it, and read the API with it where they check what
 * the page shows. A server without accounts (no /api/v1/auth routes) needs none of this: reads are
 * open there, and the helpers say so instead of signing in.
 */
export type TestRole = 'leader' | 'operator' | 'analyst' | 'admin';

export interface TestAccount {
  username: string;
  password: string;
  name: string;
  role: TestRole;
  scopes: { units: string[]; agencies: string[] };
}

/** A bearer token of role admin for the whole city (the legacy token format with a role: both servers accept it). */
export const E2E_ADMIN_TOKEN = 'e2e-admin-service-token-0123456789';
const ADMIN_SERVICE = { token: E2E_ADMIN_TOKEN, name: 'Kiểm thử tự động', unit: 'Trung tâm IOC Cần Thơ', role: 'admin', scopes: ['92'] };

/** IOC_OPERATOR_TOKENS with the tests' administrator token and any other entries a test needs. */
export function operatorTokensEnv(...entries: object[]): string {
  return JSON.stringify([ADMIN_SERVICE, ...entries]);
}

/** The people the tests sign in as: the operator of quận Ninh Kiều (916) only, the others city-wide. */
export const TEST_ACCOUNTS: Readonly<Record<TestRole, TestAccount>> = {
  leader: { username: 'e2e.lanhdao', password: 'lãnh đạo kiểm thử 2026', name: 'Trần Văn Lãnh', role: 'leader', scopes: { units: ['92'], agencies: [] } },
  operator: {
    username: 'e2e.vanhanh',
    password: 'vận hành kiểm thử 2026',
    name: 'Nguyễn Thị Dung',
    role: 'operator',
    scopes: { units: ['916'], agencies: ['000.00.21.H13'] },
  },
  analyst: { username: 'e2e.phantich', password: 'phân tích kiểm thử 2026', name: 'Lê Minh Phân', role: 'analyst', scopes: { units: ['92'], agencies: [] } },
  admin: { username: 'e2e.quantri', password: 'quản trị kiểm thử 2026', name: 'Phạm Quốc Trị', role: 'admin', scopes: { units: ['92'], agencies: [] } },
};

/** Headers of the tests' own API reads (what the page is compared with): the administrator token. */
export function testApiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, ...extra };
}

/** True when the server has accounts (GET /api/v1/auth/config answers); false for a server without them (404). */
export async function accountsEnabled(server: { url: string }): Promise<boolean> {
  const r = await fetch(`${server.url}/api/v1/auth/config`);
  if (r.status === 404) return false;
  if (r.status !== 200) throw new Error(`GET /api/v1/auth/config → ${r.status}: ${await r.text()}`);
  return true;
}

/** Creates the account through the admin API (an existing one is kept: 409). */
export async function ensureAccount(server: { url: string }, account: TestAccount): Promise<void> {
  const r = await fetch(`${server.url}/api/v1/admin/users`, {
    method: 'POST',
    headers: testApiHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify({ username: account.username, name: account.name, role: account.role, scopes: account.scopes, password: account.password }),
  });
  if (r.status !== 201 && r.status !== 200 && r.status !== 409) throw new Error(`creating ${account.username}: ${r.status} ${await r.text()}`);
}
