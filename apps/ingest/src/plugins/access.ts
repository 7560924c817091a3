import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { FeedEndpoint, FeedGrant } from '@cityioc/contracts';
import { cityScope, FULL_GRANT, grantsEndpoint, roleAllows, rolesFor } from '@cityioc/domain';
import type { AccessService } from '../access/access.service.ts';
import { AuthLimiter } from '../access/auth-limiter.ts';
import { authenticate, SESSION_COOKIE } from '../access/authenticate.ts';
import { makePrincipal, type Principal } from '../access/principal.ts';
import { secretMatches } from '../access/secrets.ts';
import { httpError, type HttpError } from './errors.ts';

/**
 * Who may call a route, declared on the route itself (`config: { access: … }`) and checked by one
 * hook, which also applies the rate limit of that kind of caller. A route that declares nothing is
 * refused (deny by default), and a test walks every registered route for its declaration; the
 * access matrix (test/access-matrix.int.test.ts) calls every route as every role.
 *   public    no credential (/healthz, /readyz, the dashboard's files, sign-in)
 *   feed      a feed key (x-api-key or Bearer): IOC_API_KEYS, or a key of a feed source with its grant;
 *             sets req.source and req.grant; `endpoint` names the grant it needs (a route without one
 *             takes only keys granted '*'); `orAdmin` also admits an administrator (reference uploads);
 *             limited per source; counted in the feed-health book unless health: false
 *   read      leader, operator, analyst, admin — routes filter by req.principal.scope
 *   export    operator, analyst, admin (CSV/XLSX files of their scope)
 *   operator  operator, admin (alert actions, thresholds)
 *   leader    leader, admin (issuing, accepting and returning directives)
 *   admin     admin (users, devices, feed sources, the audit log)
 *   signedIn  any signed-in person, device or token (/auth/me, /auth/logout)
 *   metrics   a loopback address that no proxy forwarded for, the bearer IOC_METRICS_TOKEN, or an admin
 * People and devices sign in with a session cookie (sent back with x-csrf-token on POST, PUT,
 * PATCH and DELETE); service tokens (IOC_OPERATOR_TOKENS, IOC_VIEWER_TOKEN) are bearer
 * credentials and need no CSRF token. Failed authentication is limited before any check
 * (access/auth-limiter.ts): 429 too_many_failures.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'feed'; endpoint?: FeedEndpoint; health?: boolean; orAdmin?: boolean }
  /** `operator: 'optional'` is accepted for compatibility: every read now knows its caller. */
  | { kind: 'read'; operator?: 'optional' }
  | { kind: 'export' }
  | { kind: 'operator' }
  | { kind: 'leader' }
  | { kind: 'admin' }
  | { kind: 'signedIn' }
  | { kind: 'metrics' };

export const PUBLIC = { kind: 'public' } as const satisfies Access;
export const FEED = { kind: 'feed' } as const satisfies Access;
export const READ = { kind: 'read' } as const satisfies Access;
export const EXPORT = { kind: 'export' } as const satisfies Access;
export const OPERATOR = { kind: 'operator' } as const satisfies Access;
export const LEADER = { kind: 'leader' } as const satisfies Access;
export const ADMIN = { kind: 'admin' } as const satisfies Access;
export const SIGNED_IN = { kind: 'signedIn' } as const satisfies Access;
export const METRICS = { kind: 'metrics' } as const satisfies Access;
/**
 * An onRoute hook that declares one access for every route of a third-party plugin that takes no
 * route config (Swagger UI): add it in the plugin's own encapsulated context before registering it.
 */
export const declareAccess =
  (access: Access) =>
  (route: RouteOptions): void => {
    route.config = { ...route.config, access };
  };
export const feedOf = (endpoint: FeedEndpoint, extra: { health?: boolean; orAdmin?: boolean } = {}): Access => ({ kind: 'feed', endpoint, ...extra });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route registered after the access plugin, third-party plugins' included, with its declaration (undefined: none, refused). */
    routeAccess(): { method: string; url: string; access: Access | undefined }[];
  }
  interface FastifyRequest {
    /** The person, device or service token calling (every kind but public and feed). */
    principal: Principal | null;
    /** The feed source named by the key (feed routes). */
    source: string;
    /** What the source's key may write (feed routes); items outside it are rejected with outside_grant. */
    grant: FeedGrant | null;
  }
}

export interface AccessOptions {
  access: AccessService;
  metricsToken: string | null;
  /** Requests per minute per feed source, and per client address for the other kinds (per route). */
  feedPerMinute: number;
  readPerMinute: number;
  /** Benchmark ceiling only: every route admits everyone (IOC_BENCH_ALLOW_ALL with IOC_BENCH_ROUTES). */
  allowAll?: boolean;
}

/** The bearer credential of a request: Authorization: Bearer, or the older x-operator-token. */
export function presentedBearer(req: FastifyRequest): string | null {
  const a = req.headers.authorization;
  if (typeof a === 'string' && a.startsWith('Bearer ')) return a.slice(7).trim() || null;
  const h = req.headers['x-operator-token'];
  return typeof h === 'string' && h ? h : null;
}

export function presentedKey(req: FastifyRequest): string | null {
  const h = req.headers['x-api-key'];
  if (typeof h === 'string' && h) return h;
  return presentedBearer(req);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** The request names a client it was forwarded for (whether or not the proxy is trusted). */
const forwarded = (req: FastifyRequest) =>
  req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
type Limiter = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

export const accessPlugin = fp(
  async function accessHook(app: FastifyInstance, opts: AccessOptions) {
    await app.register(fastifyCookie);
    await app.register(rateLimit, { global: false });
    app.decorateRequest('source', '');
    app.decorateRequest('grant', null);
    app.decorateRequest('principal', null);
    const { access } = opts;
    const clock = () => app.ioc.clock();

    const refuse = (reply: FastifyReply, e: HttpError, clearCookie = false): HttpError => {
      const retry = e.extra.retryAfterSec;
      if (typeof retry === 'number') reply.header('retry-after', String(retry));
      if (clearCookie) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return e;
    };

    const principalOf = async (req: FastifyRequest, reply: FastifyReply): Promise<Principal> => {
      const q = req.query as Record<string, unknown> | undefined;
      // ?access_token= for reads: IOC_VIEWER_TOKEN links made before accounts
      const fromQuery = req.method === 'GET' && typeof q?.access_token === 'string' ? q.access_token : null;
      const r = await authenticate(access, { bearer: presentedBearer(req) ?? fromQuery, session: req.cookies[SESSION_COOKIE] ?? null, ip: req.ip });
      if (!r.principal) throw refuse(reply, r.error, r.clearCookie);
      const s = r.principal.session;
      if (s && UNSAFE.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !secretMatches(sent, s.csrfToken))
          throw httpError(403, 'csrf', 'a signed-in browser sends the x-csrf-token header (from /api/v1/auth/me) with this request');
      }
      return r.principal;
    };

    const feed = async (req: FastifyRequest, reply: FastifyReply, a: Extract<Access, { kind: 'feed' }>) => {
      const key = presentedKey(req);
      if (!key && a.orAdmin && req.cookies[SESSION_COOKIE]) return admin(req, reply);
      if (!key) throw httpError(401, 'unauthorized', 'send the API key in the x-api-key header');
      const limitKey = AuthLimiter.keyOf(key);
      const blocked = await access.limiter.blocked(req.ip, limitKey);
      if (blocked)
        throw refuse(
          reply,
          httpError(429, 'too_many_failures', `too many failed authentications: wait ${blocked.retryAfterSec} s`, undefined, {
            retryAfterSec: blocked.retryAfterSec,
          }),
        );
      const caller = access.keyring.resolve(key, clock());
      if (!caller) {
        // a person's valid bearer token on a feed route is no failed authentication: the wrong kind of caller
        if (!req.headers['x-api-key'] && access.tokens.resolve(key)) {
          if (a.orAdmin) return admin(req, reply);
          throw httpError(403, 'forbidden', `${req.method} ${req.routeOptions.url ?? req.url} is a feed: it takes a feed source's API key`);
        }
        await access.limiter.failed(req.ip, limitKey);
        throw httpError(401, 'unauthorized', 'the API key is not valid');
      }
      if (!grantsEndpoint(caller.grant, a.endpoint ?? null))
        throw httpError(403, 'outside_grant', `the key of '${caller.source}' is not granted ${a.endpoint ? `the ${a.endpoint} feed` : req.url}`);
      req.source = caller.source;
      req.grant = caller.grant;
    };

    const admin = async (req: FastifyRequest, reply: FastifyReply) => {
      const p = await principalOf(req, reply);
      if (p.role !== 'admin') throw httpError(403, 'forbidden', 'this feed takes a feed key, or an administrator');
      req.principal = p;
      req.source = p.actor;
      req.grant = FULL_GRANT;
    };

    const metrics = async (req: FastifyRequest, reply: FastifyReply) => {
      // a proxy on this machine (nginx in front of the IOC) connects from loopback too, but says whom it forwards for
      if (LOOPBACK.has(req.ip) && !forwarded(req)) return;
      const bearer = presentedBearer(req);
      if (bearer && opts.metricsToken && secretMatches(bearer, opts.metricsToken)) return;
      const p = await principalOf(req, reply);
      if (p.role !== 'admin') throw httpError(403, 'forbidden', 'metrics are for the loopback address, the IOC_METRICS_TOKEN or an administrator');
      req.principal = p;
    };

    const role = async (req: FastifyRequest, reply: FastifyReply, kind: 'read' | 'export' | 'operator' | 'leader' | 'admin' | 'signedIn') => {
      const p = await principalOf(req, reply);
      if (kind !== 'signedIn' && !roleAllows(p.role, kind))
        throw httpError(403, 'forbidden', `${req.method} ${req.routeOptions.url ?? req.url} is for ${rolesFor(kind).join(', ')}; you are ${p.role}`);
      req.principal = p;
    };

    const benchCaller = makePrincipal(access.tree, {
      kind: 'token',
      id: 'bench',
      name: 'bench',
      role: 'admin',
      scopes: cityScope(access.tree.city),
      actor: 'bench',
    });
    const check = async (req: FastifyRequest, reply: FastifyReply, a: Access) => {
      if (opts.allowAll) {
        req.principal = benchCaller;
        req.source = 'bench';
        req.grant = FULL_GRANT;
        return;
      }
      if (a.kind === 'feed') return feed(req, reply, a);
      if (a.kind === 'metrics') return metrics(req, reply);
      if (a.kind !== 'public') return role(req, reply, a.kind);
    };

    // one limiter per route, as each route had its own budget before the access declarations
    const limiterFor = (a: Access): Limiter | null => {
      if (a.kind === 'public' || opts.allowAll) return null;
      if (a.kind === 'feed') return app.rateLimit({ max: opts.feedPerMinute, timeWindow: '1 minute', keyGenerator: (req) => `feed:${req.source}` }) as Limiter;
      return app.rateLimit({ max: opts.readPerMinute, timeWindow: '1 minute' }) as Limiter;
    };

    // Each route as the onRoute hook saw it. Fastify registers a plugin's '/' under a prefix twice
    // ('/api/docs' and '/api/docs/') from one options object, rewriting its url for the second without
    // calling onRoute again: the url seen first is kept, and the rewritten one listed beside it.
    const seen: { method: string; url: string; route: RouteOptions }[] = [];
    app.decorate('routeAccess', () => {
      const out = new Map<string, { method: string; url: string; access: Access | undefined }>();
      for (const s of seen) for (const url of [s.url, s.route.url]) out.set(`${s.method} ${url}`, { method: s.method, url, access: s.route.config?.access });
      return [...out.values()];
    });

    app.addHook('onRoute', (route) => {
      seen.push({ method: ([] as string[]).concat(route.method).join(','), url: route.url, route });
      if (route.config?.access?.kind === 'public') return; // nothing to check, nothing added to the request's path
      let limiter: Limiter | null | undefined;
      // Reads the declaration when the request comes: an enclosing plugin may declare it after this hook saw the route.
      const checkAccess = async (req: FastifyRequest, reply: FastifyReply) => {
        const a = route.config?.access;
        if (!a) throw httpError(403, 'access_undeclared', `${req.method} ${route.url} declares no access and is refused`);
        await check(req, reply, a);
        if (limiter === undefined) limiter = limiterFor(a);
        if (limiter) await limiter(req, reply);
      };
      const own = route.onRequest;
      route.onRequest = [checkAccess, ...(Array.isArray(own) ? own : own ? [own] : [])];
    });
  },
  { name: 'ioc-access', dependencies: ['ioc-errors'] },
);
