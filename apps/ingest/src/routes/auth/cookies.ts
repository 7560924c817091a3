import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../access/authenticate.ts';

/** Browsers keep a cookie at most 400 days: a wall device's session cookie asks for that. */
const DEVICE_COOKIE_SEC = 400 * 86_400;

/**
 * Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over https
 * (through a trusted proxy: X-Forwarded-Proto) or IOC_COOKIE_SECURE=true.
 */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, kind: 'user' | 'device' | 'token'): void {
  const a = req.server.ioc.config.access;
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: a.cookieSecure || req.protocol === 'https',
    maxAge: kind === 'device' ? DEVICE_COOKIE_SEC : Math.floor(a.sessionMaxMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
