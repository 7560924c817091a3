import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC } from '../../plugins/access.ts';
import { HttpError, httpError } from '../../plugins/errors.ts';
import { setSessionCookie } from './cookies.ts';

/** Keeps the sign-in between the two legs; only sent back to the callback. */
const OIDC_COOKIE = 'ioc_oidc';
const OIDC_PATH = '/api/v1/auth/oidc';

/**
 * Signing in at the city's identity provider (IOC_OIDC_*):
 *   GET /api/v1/auth/oidc/login?returnTo=/operator   302 to the provider (code + PKCE + state + nonce)
 *   GET /api/v1/auth/oidc/callback                  302 to returnTo (same-origin paths only) with the session cookie;
 *       a forged or replayed state, a missing sign-in, a refused person: 4xx; the provider down: 502
 * Without IOC_OIDC_ISSUER both answer 404 oidc_disabled.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { access, audit } = app.ioc;
  const enabled = () => {
    if (!access.oidc) throw httpError(404, 'oidc_disabled', 'no identity provider is configured (IOC_OIDC_ISSUER)');
    return access.oidc;
  };

  app.get(
    `${OIDC_PATH}/login`,
    {
      config: { access: PUBLIC },
      schema: {
        querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: { 302: { type: 'null', description: 'To the identity provider' } },
      },
    },
    async (req, reply) => {
      const { url, token } = await enabled().begin(req.query.returnTo ?? '/', req.ip);
      const secure = app.ioc.config.access.cookieSecure || req.protocol === 'https';
      reply.setCookie(OIDC_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: OIDC_PATH, secure, maxAge: 600 });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    `${OIDC_PATH}/callback`,
    { config: { access: PUBLIC }, schema: { response: { 302: { type: 'null', description: 'To returnTo, with the session cookie' } } } },
    async (req, reply) => {
      const oidc = enabled();
      const blocked = await access.limiter.blocked(req.ip, null);
      if (blocked) {
        reply.header('retry-after', String(blocked.retryAfterSec));
        throw httpError(429, 'too_many_failures', `too many failed sign-ins: wait ${blocked.retryAfterSec} s`);
      }
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
      const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      try {
        const r = await oidc.complete(search, req.cookies[OIDC_COOKIE], req.ip);
        setSessionCookie(req, reply, r.token, 'user');
        await audit.record({ actor: r.principal, action: 'auth.login', ip: req.ip, details: { method: 'oidc' } });
        return reply.redirect(r.returnTo, 302);
      } catch (e) {
        if (e instanceof HttpError && e.statusCode < 500) {
          await access.limiter.failed(req.ip, null);
          await audit.record({ actor: 'anonymous', action: 'auth.login_failed', ip: req.ip, details: { method: 'oidc', reason: e.code } });
        }
        throw e;
      }
    },
  );
};
