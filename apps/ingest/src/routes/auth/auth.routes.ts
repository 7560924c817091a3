import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, AuthConfigSchema, LoginBodySchema, SessionResponseSchema } from '@cityioc/contracts';
import { INVALID_CREDENTIALS } from '../../access/accounts.service.ts';
import { sessionUser } from '../../access/principal.ts';
import { PUBLIC, SIGNED_IN } from '../../plugins/access.ts';
import { httpError } from '../../plugins/errors.ts';
import { clearSessionCookie, setSessionCookie } from './cookies.ts';

/**
 * Signing in with a local account:
 *   GET  /api/v1/auth/config   what the sign-in page offers (local accounts, the identity provider, demo mode)
 *   POST /api/v1/auth/login    {username, password} → {user, csrfToken} + the session cookie; 401
 *                              invalid_credentials (one message for a wrong username or password),
 *                              429 too_many_failures once the address or the username spent its budget
 *   POST /api/v1/auth/logout   204: the session is removed from the store (and its sockets closed)
 *   GET  /api/v1/auth/me       {user, csrfToken} of the caller, or 401
 */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { access, config, audit } = app.ioc;

  app.get('/api/v1/auth/config', { config: { access: PUBLIC }, schema: { response: { 200: AuthConfigSchema } } }, async () => ({
    local: true as const,
    oidc: access.oidc ? { enabled: true, label: access.oidc.config.label } : null,
    demo: config.demo,
  }));

  app.post(
    '/api/v1/auth/login',
    { config: { access: PUBLIC }, schema: { body: LoginBodySchema, response: { 200: SessionResponseSchema, '4xx': ApiErrorSchema } } },
    async (req, reply) => {
      const r = await access.accounts.login(req.body.username, req.body.password, req.ip);
      if (!r.ok && r.blocked) {
        reply.header('retry-after', String(r.blocked.retryAfterSec));
        throw httpError(429, 'too_many_failures', `too many failed sign-ins: wait ${r.blocked.retryAfterSec} s`, undefined, {
          retryAfterSec: r.blocked.retryAfterSec,
        });
      }
      if (!r.ok) throw httpError(401, 'invalid_credentials', INVALID_CREDENTIALS);
      setSessionCookie(req, reply, r.token, 'user');
      return { user: sessionUser(r.principal), csrfToken: r.principal.session!.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: SIGNED_IN }, schema: { response: { 204: { type: 'null', description: 'Signed out: the session is removed' } } } },
    async (req, reply) => {
      const p = req.principal!;
      if (p.session) await access.sessions.end(p.session.id);
      clearSessionCookie(reply);
      await audit.record({ actor: p, action: 'auth.logout', ip: req.ip });
      return reply.code(204).send(null);
    },
  );

  app.get('/api/v1/auth/me', { config: { access: SIGNED_IN }, schema: { response: { 200: SessionResponseSchema } } }, async (req) => {
    const p = req.principal!;
    // bearer tokens need no CSRF token: theirs is empty
    return { user: sessionUser(p), csrfToken: p.session?.csrfToken ?? '' };
  });
};
