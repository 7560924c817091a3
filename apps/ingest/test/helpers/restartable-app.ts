/**
 * Test apps that a test closes and starts again on the same data directory, as an operator restarts
 * the server: from the checkpoint, or from a full replay of the log once the checkpoint is removed.
 * `restartableApps()` is called once at the top of a test file: it registers an afterEach that
 * closes every app the test started (and whatever the test handed to `defer`, first) and removes
 * the data directory of each first start, checking its answers against the OpenAPI document.
 */
import { afterEach } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../src/app.ts';
import type { Config } from '../../src/env.ts';
import { buildTestApp } from './build-test-app.ts';

export interface RestartableApp {
  app: FastifyInstance;
  dataDir: string;
  /** Closes the app (once; a second call does nothing), leaving its data directory for the next start. */
  close: () => Promise<void>;
}

export function restartableApps(overrides: Partial<Config> = {}, deps: Partial<AppDeps> = {}) {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  /** A fresh app, or (dataDir) one started again on the directory of an earlier one. */
  async function start(dataDir?: string): Promise<RestartableApp> {
    const t = await buildTestApp(overrides, { ...deps, ...(dataDir ? { config: { dataDir } as Config } : {}) });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await t.app.close();
    };
    cleanups.push(async () => {
      await close();
      if (!dataDir) await t.cleanup().catch(() => undefined);
    });
    return { app: t.app, dataDir: t.dataDir, close };
  }
  /** Runs `cleanup` after the test, before the apps close (a socket client, a listener). */
  const defer = (cleanup: () => Promise<void> | void) => void cleanups.push(async () => cleanup());
  return { start, defer };
}
