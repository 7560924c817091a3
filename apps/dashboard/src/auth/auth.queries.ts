import { queryOptions } from '@tanstack/react-query';
import { api, HttpError, type Api } from '../queries/http.ts';
import { decodeAuthConfig, decodeMe, type AuthConfig, type Me, type SessionUser } from './session.ts';

/**
 * The session as the dashboard knows it:
 *   open       the server has no accounts (no /api/v1/auth routes): every read is open, as before
 *   signedOut  the server has accounts and this browser has no session (401)
 *   signedIn   a session (person, wall device or token) with its role and scopes
 */
export type Session = { status: 'open' } | { status: 'signedOut' } | { status: 'signedIn'; user: SessionUser };

/** The user the pages apply (null: open server, every page and unit). */
export function sessionUser(s: Session): SessionUser | null {
  return s.status === 'signedIn' ? s.user : null;
}

export const sessionKey = ['auth', 'me'] as const;
export const authConfigKey = ['auth', 'config'] as const;

/** GET /api/v1/auth/me: 401 is "signed out", 404 "no accounts on this server"; the CSRF token goes to the client. */
export async function fetchSession(client: Api = api, signal?: AbortSignal): Promise<Session> {
  try {
    const me = decodeMe(await client.send<unknown>('GET', '/api/v1/auth/me', { signal, on401: 'throw' }));
    if (!me) return { status: 'signedOut' };
    client.setCsrfToken(me.csrfToken || null);
    return { status: 'signedIn', user: me.user };
  } catch (e) {
    if (e instanceof HttpError && e.status === 401) return { status: 'signedOut' };
    if (e instanceof HttpError && e.status === 404) return { status: 'open' };
    throw e;
  }
}

export function sessionQuery() {
  return queryOptions({
    queryKey: sessionKey,
    queryFn: ({ signal }) => fetchSession(api, signal),
    staleTime: Infinity,
    retry: (n, e) => !(e instanceof HttpError && e.status >= 400 && e.status < 500) && n < 3,
  });
}

/** The sign-in options (public); null when the server has no accounts (404). */
export async function fetchAuthConfig(client: Api = api, signal?: AbortSignal): Promise<AuthConfig | null> {
  try {
    return decodeAuthConfig(await client.send<unknown>('GET', '/api/v1/auth/config', { signal, on401: 'throw' }));
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) return null;
    throw e;
  }
}

export function authConfigQuery() {
  return queryOptions({ queryKey: authConfigKey, queryFn: ({ signal }) => fetchAuthConfig(api, signal), staleTime: Infinity, retry: 1 });
}

/** POST /api/v1/auth/login: the session cookie is set by the server; the CSRF token is kept for the next requests. */
export async function signIn(username: string, password: string, client: Api = api): Promise<Me> {
  const me = decodeMe(await client.send<unknown>('POST', '/api/v1/auth/login', { body: { username, password }, on401: 'throw' }));
  if (!me) throw new HttpError(502, '/api/v1/auth/login', 'the server answered the sign-in without a session', 'bad_answer');
  client.setCsrfToken(me.csrfToken || null);
  return me;
}

/** POST /api/v1/auth/logout (204); a session that had already ended (401) counts as signed out. */
export async function signOut(client: Api = api): Promise<void> {
  try {
    await client.send<void>('POST', '/api/v1/auth/logout', { on401: 'throw' });
  } catch (e) {
    if (!(e instanceof HttpError && e.status === 401)) throw e;
  }
  client.setCsrfToken(null);
}
