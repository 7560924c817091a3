import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/env.ts';
import { openApiChecker } from './openapi-check.ts';

export const TEST_KEY = 'test-source-key-0123456789';
export const T0 = Date.parse('2026-11-22T07:00:00+07:00');

/**
 * A real app on a real store file in a fresh temporary folder. Every answer it gives is checked
 * against its own OpenAPI document (openapi-check.ts): an `inject()` whose answer does not match
 * rejects, naming the operation and the mismatch, and so does `cleanup` for answers given to other
 * clients (fetch, browsers) — so the document cannot drift from what the API returns.
 */
export async function buildTestApp(
  overrides: Partial<Config> = {},
  deps: Partial<AppDeps> = {},
): Promise<{ app: FastifyInstance; config: Config; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = deps.config?.dataDir ?? mkdtempSync(join(tmpdir(), 'ioc-test-'));
  const config: Config = {
    ...loadConfig({ IOC_API_KEYS: `tester:${TEST_KEY}`, IOC_DEMO: 'false', LOG_LEVEL: 'warn', IOC_DASHBOARD_DIR: '' }),
    dataDir,
    port: 0,
    host: '127.0.0.1',
    ...overrides,
  };
  const app = await buildApp({ clock: () => T0 + 60_000, ...deps, config });
  const openapi = openApiChecker(app);
  app.addHook('preSerialization', openapi.preSerialization);
  app.addHook('onSend', openapi.onSend);
  await app.ready();
  const fail = (problems: string[]) => {
    if (problems.length > 0) throw new Error(`answers that the OpenAPI document does not describe:\n${problems.join('\n')}`);
  };
  const chain = app.inject.bind(app) as () => ReturnType<FastifyInstance['inject']>;
  const inject = app.inject.bind(app) as (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;
  // the promise form of inject (every test's); the chain form is passed through unchecked
  app.inject = ((opts?: InjectOptions | string) =>
    opts === undefined
      ? chain()
      : inject(opts).then((res) => {
          fail(openapi.take());
          return res;
        })) as typeof app.inject;
  return {
    app,
    config,
    dataDir,
    cleanup: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      fail(openapi.take());
    },
  };
}

export function wl(id: string, value: number, patch: Record<string, unknown> = {}) {
  return { id, indicator: 'water_level', area: '916', station: 'wl-can-tho', observedAt: new Date(T0).toISOString(), value, ...patch };
}

export function ratio(id: string, area: string, numerator: number, denominator: number, indicator = 'e_document_rate') {
  return { id, indicator, area, observedAt: new Date(T0).toISOString(), numerator, denominator };
}
