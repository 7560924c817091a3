/**
 * People with a password account on a test app, as the administration creates them and as they
 * sign in: the session cookie and the CSRF token that the browser then sends.
 */
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { AS } from './build-test-app.ts';

export interface PasswordAccount {
  username: string;
  name: string;
  role: 'leader' | 'operator' | 'analyst' | 'admin';
  scopes: { units: string[]; agencies: string[] };
  password: string;
}

/** An operator of phường Ninh Kiều (31135) with a password account, no agency. */
export function ninhKieuOperator(username: string, name: string, password: string): PasswordAccount {
  return { username, name, role: 'operator', scopes: { units: ['31135'], agencies: [] }, password };
}

/** Creates the account through the admin API (expects 201 Created). */
export async function createAccount(app: FastifyInstance, account: PasswordAccount): Promise<void> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: AS.admin, payload: account });
  expect(r.statusCode, r.body).toBe(201);
}

/** Signs in through POST /api/v1/auth/login (expects 200), from `remoteAddress` when given: the `cookie` header of the session and its CSRF token. */
export async function signInAccount(app: FastifyInstance, account: PasswordAccount, remoteAddress?: string): Promise<{ cookie: string; csrfToken: string }> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: account.username, password: account.password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  expect(r.statusCode, r.body).toBe(200);
  return { cookie: `ioc_session=${r.cookies.find((c) => c.name === 'ioc_session')!.value}`, csrfToken: (r.json() as { csrfToken: string }).csrfToken };
}
