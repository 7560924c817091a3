import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface SecurityOptions {
  /** Origins allowed to call the API from another page (IOC_CORS_ORIGINS); none: CORS stays closed. */
  corsOrigins: readonly string[];
  /** Extra connect-src sources (IOC_CSP_CONNECT_SRC): a basemap or tile server on another origin. */
  connectSrc: readonly string[];
}

/**
 * Security headers on every answer (@fastify/helmet): a Content Security Policy that lets the
 * dashboard run — its own scripts only, MapLibre's worker from a blob: URL, images and fonts from
 * data: and blob:, inline styles (ECharts and MapLibre set style attributes), the socket on the
 * same origin — plus nosniff, no framing, no referrer beyond the origin. CORS is closed unless
 * IOC_CORS_ORIGINS names origins (with credentials: cookies cross only to those).
 */
export const securityPlugin = fp(
  async function security(app: FastifyInstance, opts: SecurityOptions) {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", ...opts.connectSrc],
          workerSrc: ["'self'", 'blob:'],
          childSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      // the API answers other origins only through CORS (IOC_CORS_ORIGINS)
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
    if (opts.corsOrigins.length > 0) await app.register(cors, { origin: [...opts.corsOrigins], credentials: true });
  },
  { name: 'ioc-security' },
);
