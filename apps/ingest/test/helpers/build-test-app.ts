import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.ts';
import type { OperatorEntry } from '../../src/access/service-tokens.ts';
import { loadConfig, type Config } from '../../src/env.ts';
import { openApiChecker } from './openapi-check.ts';

export const TEST_KEY = 'test-source-key-0123456789';
export const T0 = Date.parse('2026-11-22T07:00:00+07:00');

/**
 * Bearer tokens of every role that every test app accepts (IOC_OPERATOR_TOKENS, extended format):
 * an administrator, a leader of the whole city, an operator of phường Ninh Kiều (916) and an analyst
 * of the whole city. `AS.admin` etc. are the request headers.
 */
export const TEST_TOKENS = {
  admin: 'test-admin-token-0123456789',
  leader: 'test-leader-token-0123456789',
  operator: 'test-operator-916-token-0123456789',
  analyst: 'test-analyst-token-0123456789',
} as const;
export type TestRole = keyof typeof TEST_TOKENS;
export const TEST_OPERATORS: OperatorEntry[] = [
  { token: TEST_TOKENS.admin, name: 'Quản trị thử', unit: 'Trung tâm IOC', role: 'admin', scopes: { units: ['92'], agencies: [] } },
  { token: TEST_TOKENS.leader, name: 'Lãnh đạo thử', unit: 'UBND thành phố', role: 'leader', scopes: { units: ['92'], agencies: [] } },
  { token: TEST_TOKENS.operator, name: 'Vận hành Ninh Kiều', unit: 'UBND phường Ninh Kiều', role: 'operator', scopes: ['31135'] },
  { token: TEST_TOKENS.analyst, name: 'Phân tích thử', unit: 'Sở Nội vụ', role: 'analyst', scopes: { units: ['92'], agencies: [] } },
];
export const AS: Record<TestRole, { authorization: string }> = {
  admin: { authorization: `Bearer ${TEST_TOKENS.admin}` },
  leader: { authorization: `Bearer ${TEST_TOKENS.leader}` },
  operator: { authorization: `Bearer ${TEST_TOKENS.operator}` },
  analyst: { authorization: `Bearer ${TEST_TOKENS.analyst}` },
};

/**
 * A real app on a real store file in a fresh temporary folder. Every app accepts the TEST_TOKENS
 * (send `headers: AS.leader`, …) besides the operators an override adds. Every answer it gives is checked
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
    operators: [...TEST_OPERATORS, ...(overrides.operators ?? [])],
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

/** buildTestApp for a file whose tests build their own app: each app it builds is closed and checked after its test. */
export function appPerTest(): (overrides?: Partial<Config>, deps?: Partial<AppDeps>) => Promise<FastifyInstance> {
  let cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    const done = cleanups;
    cleanups = [];
    for (const cleanup of done) await cleanup();
  });
  return async (overrides, deps) => {
    const built = await buildTestApp(overrides, deps);
    cleanups.push(built.cleanup);
    return built.app;
  };
}

export function wl(id: string, value: number, patch: Record<string, unknown> = {}) {
  return { id, indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: new Date(T0).toISOString(), value, ...patch };
}

export function ratio(id: string, area: string, numerator: number, denominator: number, indicator = 'e_document_rate') {
  return { id, indicator, area, observedAt: new Date(T0).toISOString(), numerator, denominator };
}

/** What a feed owner sends: `payload` to `url` with the test source's key (x-api-key), as `contentType` (JSON unless told). */
export function sendFeed(app: FastifyInstance, method: 'POST' | 'PUT', url: string, payload: unknown, contentType?: string): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { 'x-api-key': TEST_KEY, ...(contentType ? { 'content-type': contentType } : {}) },
    payload: payload as InjectOptions['payload'],
  });
}
