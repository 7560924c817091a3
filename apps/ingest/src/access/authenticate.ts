import { httpError, type HttpError } from '../plugins/errors.ts';
import type { AccessService } from './access.service.ts';
import { AuthLimiter } from './auth-limiter.ts';
import type { Principal } from './principal.ts';

export const SESSION_COOKIE = 'ioc_session';

/** The credentials a request or a socket handshake presents. */
export interface Presented {
  /** Authorization: Bearer, x-operator-token, ?access_token= (reads), or a socket's auth.token. */
  bearer: string | null;
  /** The ioc_session cookie. */
  session: string | null;
  /** The client address (after the trusted proxies). */
  ip: string;
}

export type Authenticated = { principal: Principal } | { principal: null; error: HttpError; clearCookie: boolean };

const tooMany = (retryAfterSec: number) =>
  httpError(429, 'too_many_failures', `too many failed authentications from this address or with this credential: wait ${retryAfterSec} s`, undefined, {
    retryAfterSec,
  });

/**
 * Who presents these credentials: a service token (bearer) or a session (cookie). The failed-
 * authentication limiter is asked BEFORE the credential is checked, per address and per presented
 * token; a wrong token or an unknown session counts as a failure (an expired one does not: it was
 * valid). No credential at all is `unauthorized` without counting.
 */
export async function authenticate(access: AccessService, p: Presented): Promise<Authenticated> {
  if (p.bearer) {
    const key = AuthLimiter.keyOf(p.bearer);
    const blocked = await access.limiter.blocked(p.ip, key);
    if (blocked) return { principal: null, error: tooMany(blocked.retryAfterSec), clearCookie: false };
    const principal = access.tokens.resolve(p.bearer);
    if (principal) return { principal };
    await access.limiter.failed(p.ip, key);
    return { principal: null, error: httpError(401, 'unauthorized', 'the bearer token is not valid'), clearCookie: false };
  }
  if (p.session) {
    const blocked = await access.limiter.blocked(p.ip, null);
    if (blocked) return { principal: null, error: tooMany(blocked.retryAfterSec), clearCookie: false };
    const r = await access.sessions.resolve(p.session);
    if ('principal' in r) return { principal: r.principal };
    if (r.ended === 'unknown') await access.limiter.failed(p.ip, null);
    const error =
      r.ended === 'expired'
        ? httpError(401, 'session_expired', 'the session has expired: sign in again')
        : httpError(401, 'unauthorized', 'the session is not valid: sign in again');
    return { principal: null, error, clearCookie: true };
  }
  return {
    principal: null,
    error: httpError(401, 'unauthorized', 'sign in (session cookie) or send a bearer token (Authorization: Bearer)'),
    clearCookie: false,
  };
}
