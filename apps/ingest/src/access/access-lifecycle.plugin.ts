import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { ensureDemoAccess } from './demo-access.ts';

/** How often expired sessions are removed, and feed keys re-read (keys changed on another node). */
const SWEEP_MS = 10 * 60_000;
const KEYRING_REFRESH_MS = 30_000;

/**
 * The access side of the server's life: on ready, the feed keys are loaded (before any feed
 * request), demo accounts are made in demo mode, and the periodic sweeps start; on close they stop.
 */
export const accessLifecyclePlugin = fp(
  async function accessLifecycle(app: FastifyInstance) {
    const { access, config, index } = app.ioc;
    let sweep: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      await access.keyring.reload();
      access.keyring.startRefreshing(KEYRING_REFRESH_MS, (err) => app.log.warn({ err }, 'feed keys could not be re-read'));
      await access.sessions.sweep();
      sweep = setInterval(() => void access.sessions.sweep().catch((err) => app.log.warn({ err }, 'session sweep failed')), SWEEP_MS);
      sweep.unref();
      if (config.demo) access.demo = await ensureDemoAccess(access, config.dataDir, (c) => index.area(c) !== undefined);
    });
    app.addHook('onClose', async () => {
      access.keyring.stop();
      if (sweep) clearInterval(sweep);
    });
  },
  { name: 'ioc-access-lifecycle', dependencies: ['ioc-access'] },
);
