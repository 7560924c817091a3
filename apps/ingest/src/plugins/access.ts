import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Operator } from '../alerts/alert.service.ts';
import { operatorResolver, type OperatorEntry } from '../alerts/operators.ts';
import { httpError } from './errors.ts';

/**
 * Who may call a route, declared on the route itself (`config: { access: … }`) and checked by one
 * hook, which also applies the rate limit of that kind of caller. A route that declares nothing is
 * refused (deny by default), and a test walks every registered route for its declaration.
 *   public    no credential, no limit (/healthz, /readyz, the dashboard's files)
 *   feed      a feed source's API key (x-api-key or Authorization: Bearer); sets req.source; limited
 *             per source; the request is counted in the source's feed-health book unless health: false
 *   read      the viewer token when IOC_VIEWER_TOKEN is set (Bearer or ?access_token=); limited per
 *             address; `operator: 'optional'` also accepts an operator token and sets req.operator
 *   operator  an operator token (x-operator-token or Bearer); sets req.operator; limited per address
 *   metrics   the Prometheus scrape: a loopback peer that was not forwarded by a proxy, or anyone
 *             with `Authorization: Bearer <IOC_METRICS_TOKEN>`; limited per address
 * Roles and scopes of user accounts will be further fields of these declarations.
 */
export type Access =
  { kind: 'public' } | { kind: 'feed'; health?: boolean } | { kind: 'read'; operator?: 'optional' } | { kind: 'operator' } | { kind: 'metrics' };

export const PUBLIC = { kind: 'public' } as const satisfies Access;
export const FEED = { kind: 'feed' } as const satisfies Access;
export const READ = { kind: 'read' } as const satisfies Access;
export const OPERATOR = { kind: 'operator' } as const satisfies Access;
export const METRICS = { kind: 'metrics' } as const satisfies Access;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route registered after the access plugin with its declaration (undefined: none, refused). */
    routeAccess(): { method: string; url: string; access: Access | undefined }[];
  }
  interface FastifyRequest {
    /** The feed source named by the API key (feed routes). */
    source: string;
    /** The operator named by the token (operator routes, and reads that accept one). */
    operator: Operator | null;
  }
}

export interface AccessOptions {
  /** source id → API key */
  apiKeys: ReadonlyMap<string, string>;
  viewerToken: string | null;
  operators: readonly OperatorEntry[];
  /** Requests per minute per feed source, and per client address for reads and operator actions (per route). */
  feedPerMinute: number;
  readPerMinute: number;
  /** IOC_METRICS_TOKEN: lets a scraper on another host read /metrics. */
  metricsToken?: string | null;
}

/**
 * The TCP peer is this machine and no proxy forwarded the request: a proxy on the same host
 * (nginx in front of the IOC) connects from loopback too, but says whom it forwards for.
 */
export function isLocalUnforwarded(req: FastifyRequest): boolean {
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer.startsWith('127.') || peer === '::1' || peer.startsWith('::ffff:127.');
  return loopback && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined && req.headers['x-real-ip'] === undefined;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares a presented secret with the expected one in constant time (by digest, so lengths do not leak). */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

export function presentedKey(req: FastifyRequest): string | null {
  const h = req.headers['x-api-key'];
  if (typeof h === 'string' && h) return h;
  const a = req.headers.authorization;
  if (typeof a === 'string' && a.startsWith('Bearer ')) return a.slice(7);
  return null;
}

type Limiter = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

export const accessPlugin = fp(
  async function access(app: FastifyInstance, opts: AccessOptions) {
    await app.register(rateLimit, { global: false });
    app.decorateRequest('source', '');
    app.decorateRequest('operator', null);

    const sourceByKey = new Map<string, string>();
    for (const [source, key] of opts.apiKeys) sourceByKey.set(digest(key).toString('hex'), source);
    const resolveOperator = operatorResolver(opts.operators);
    const viewerToken = opts.viewerToken;

    const feed = (req: FastifyRequest) => {
      const key = presentedKey(req);
      const source = key ? sourceByKey.get(digest(key).toString('hex')) : undefined;
      if (!source) throw httpError(401, 'unauthorized', key ? 'the API key is not valid' : 'send the API key in the x-api-key header');
      req.source = source;
    };
    const viewer = (req: FastifyRequest) => {
      if (!viewerToken) return;
      const query = req.query;
      const q = typeof query === 'object' && query !== null && 'access_token' in query ? query.access_token : undefined;
      const presented = presentedKey(req) ?? (typeof q === 'string' ? q : null);
      if (!presented || !tokenMatches(presented, viewerToken)) throw httpError(401, 'unauthorized', 'a viewer token is required');
    };
    const metrics = (req: FastifyRequest) => {
      if (isLocalUnforwarded(req)) return;
      const a = req.headers.authorization;
      const presented = typeof a === 'string' && a.startsWith('Bearer ') ? a.slice(7) : null;
      if (opts.metricsToken && presented && tokenMatches(presented, opts.metricsToken)) return;
      throw httpError(
        401,
        'unauthorized',
        opts.metricsToken
          ? 'send Authorization: Bearer <IOC_METRICS_TOKEN>'
          : '/metrics answers loopback only (set IOC_METRICS_TOKEN to scrape from elsewhere)',
      );
    };
    const operator = (req: FastifyRequest) => {
      req.operator = resolveOperator(req);
      if (!req.operator)
        throw httpError(401, 'unauthorized', 'an operator token is required (x-operator-token or Authorization: Bearer); viewers can only read alerts');
    };
    // one limiter per route, as each route had its own budget before the access declarations
    const limiterFor = (a: Access): Limiter | null => {
      if (a.kind === 'public') return null;
      if (a.kind === 'feed') return app.rateLimit({ max: opts.feedPerMinute, timeWindow: '1 minute', keyGenerator: (req) => `feed:${req.source}` }) as Limiter;
      return app.rateLimit({ max: opts.readPerMinute, timeWindow: '1 minute' }) as Limiter;
    };

    const seen: RouteOptions[] = [];
    app.decorate('routeAccess', () => seen.map((r) => ({ method: ([] as string[]).concat(r.method).join(','), url: r.url, access: r.config?.access })));

    app.addHook('onRoute', (route) => {
      seen.push(route);
      if (route.config?.access?.kind === 'public') return; // nothing to check, nothing added to the request's path
      let limiter: Limiter | null | undefined;
      // Reads the declaration when the request comes: an enclosing plugin may declare it after this hook saw the route.
      const checkAccess = async (req: FastifyRequest, reply: FastifyReply) => {
        const a = route.config?.access;
        if (!a) throw httpError(403, 'access_undeclared', `${req.method} ${route.url} declares no access and is refused`);
        if (a.kind === 'public') return;
        if (a.kind === 'feed') feed(req);
        else if (a.kind === 'operator') operator(req);
        else if (a.kind === 'metrics') metrics(req);
        else if (a.kind === 'read') {
          if (a.operator === 'optional') req.operator = resolveOperator(req);
          if (!req.operator) viewer(req);
        }
        if (limiter === undefined) limiter = limiterFor(a);
        if (limiter) await limiter(req, reply);
      };
      const own = route.onRequest;
      route.onRequest = [checkAccess, ...(Array.isArray(own) ? own : own ? [own] : [])];
    });
  },
  { name: 'ioc-access', dependencies: ['ioc-errors'] },
);
