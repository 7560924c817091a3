import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PUBLIC } from './access.ts';
import { notFoundError } from './errors.ts';

/**
 * Serves the built dashboard at / (its routes are public), with index.html for the client-side
 * routes; without a build, an unknown URL says how to get one. Every other unknown URL is a 404 in
 * the API's error shape.
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
          if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/socket.io')) return reply.sendFile('index.html');
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
