import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PUBLIC } from './access.ts';
import { notFoundError } from './errors.ts';

/** The dashboard's own pages (client-side routes), which answer with index.html; anything else unknown is a JSON 404. */
const PAGE = /^\/(?:$|login\/?$|gallery\/?$|kiosk(?:\/|$)|(?:operator|analyst|admin)(?:\/|$))/;

export function isDashboardPage(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0]!;
  return PAGE.test(path);
}

/**
 * Serves the built dashboard at / (its files are public), with index.html for the dashboard's own
 * pages only (/, /login, /gallery, /operator…, /analyst…, /admin…, /kiosk/…): every other unknown URL
 * (/metrics, /openapi.json, /wp-admin…) is a 404 in the API's error shape, so a monitor or a
 * scraper never mistakes the page for an answer. Without a build, an unknown URL says how to get one.
 */
export const dashboardPlugin = fp(
  async function dashboard(app: FastifyInstance, opts: { dir: string | null }) {
    if (opts.dir && existsSync(join(opts.dir, 'index.html'))) {
      const root = opts.dir;
      await app.register(async (files) => {
        // @fastify/static takes no route config: declare its routes public here, before it adds them
        files.addHook('onRoute', (route) => {
          route.config = { ...route.config, access: PUBLIC };
        });
        // wildcard: files are looked up per request, so a rebuilt dashboard is served without a restart
        await files.register(fastifyStatic, { root, wildcard: true });
        // set here, where reply.sendFile exists; it is the whole server's (same prefix)
        files.setNotFoundHandler((req, reply) => {
          if ((req.method === 'GET' || req.method === 'HEAD') && isDashboardPage(req.url)) return reply.sendFile('index.html');
          throw notFoundError(req);
        });
      });
    } else {
      app.setNotFoundHandler((req) => {
        throw notFoundError(req, req.url === '/' ? ' (the dashboard is not built: run pnpm build)' : '');
      });
    }
  },
  { name: 'ioc-dashboard', dependencies: ['ioc-errors'] },
);
