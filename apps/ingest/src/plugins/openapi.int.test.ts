import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test-support/browser.ts';
import { buildTestApp } from '../../test/helpers/build-test-app.ts';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { description?: string; content?: Record<string, unknown> }>; security?: unknown[] }>>;
}

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let doc: Doc;

beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp({ benchRoutes: true }, { env: {} }));
  const r = await app.inject({ url: '/openapi.json' });
  expect(r.statusCode).toBe(200);
  doc = r.json();
});
afterAll(async () => cleanup());

describe('OpenAPI document (GET /openapi.json)', () => {
  it('is a valid OpenAPI 3.1 document (checked against the specification’s own schema)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const res = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
  });

  it('describes every route the API serves, each with its success answer and the error shape', () => {
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const served = app
      .routeAccess()
      .filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/openapi.json' && r.url !== '/*' && !r.url.startsWith('/api/v1/_bench'))
      .flatMap((r) =>
        r.method
          .split(',')
          .filter((m) => m !== 'HEAD')
          .map((m) => `${m} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
      );
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses).filter(([code]) => code.startsWith('2') || code.startsWith('3'));
        expect(success.length, `${method} ${path}`).toBeGreaterThan(0);
        // no placeholder: every success answer names its media type and schema (204 and redirects have no body)
        for (const [code, r] of success) if (code !== '204' && !code.startsWith('3')) expect(r.content, `${method} ${path} ${code}`).toBeDefined();
        expect(op.responses['4XX'], `${method} ${path}`).toBeDefined();
      }
    // the bench ceilings and the dashboard's files are not part of the API
    expect([...documented].some((r) => r.includes('_bench'))).toBe(false);
  });

  it('names who may call each operation', () => {
    expect(doc.paths['/api/v1/observations']!.post!.security).toEqual([{ apiKey: [] }, { bearerApiKey: [] }]);
    expect(doc.paths['/api/v1/alerts/{id}/ack']!.post!.security).toEqual([{ operatorToken: [] }, { bearerOperatorToken: [] }]);
    expect(doc.paths['/healthz']!.get!.security).toBeUndefined();
  });
});

describe('API docs viewer (/api/docs)', () => {
  it('renders the operations in Chromium with every request served by the IOC itself (works on a closed network)', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const outside: string[] = [];
      const failed: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
        outside.push(url);
        return route.abort();
      });
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(`${origin}/api/docs`);
      await page.waitForSelector('.opblock-summary-path', { timeout: 30_000 });
      const paths = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.textContent?.replace(/\u200b/g, '').trim()));
      expect(paths).toContain('/api/v1/observations/ndjson');
      expect(paths).toContain('/api/v1/dossiers/{code}');
      expect(outside).toEqual([]);
      expect(failed).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
