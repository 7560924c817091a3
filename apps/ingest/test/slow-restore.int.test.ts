/**
 * A start whose restore takes longer than Fastify's default plugin timeout (10 s) — a merged
 * province's log replayed on a loaded machine — must finish, not abort with FST_ERR_HOOK_TIMEOUT
 * (app.ts sets `pluginTimeout: 0`; the soak bench's restart found it). The restore is held back by
 * the tests-only IOC_TEST_RESTORE_DELAY_MS rather than by a log of millions of rows: the same
 * onReady hook runs longer than 10 s, in seconds of test time instead of minutes. Real process.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';

const data = tempDataDir();
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.stop('SIGKILL');
  data.remove();
});

describe('a restore longer than 10 s', () => {
  it('does not abort the start: the node turns ready and serves', async () => {
    const t0 = performance.now();
    server = await startServerProcess({ dataDir: data.dir, env: { IOC_TEST_RESTORE_DELAY_MS: '11000', LOG_LEVEL: 'info' } });
    expect(performance.now() - t0).toBeGreaterThan(11_000);
    const r = await fetch(`${server.url}/readyz`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { status: string }).status).toBe('ready');
    expect(server.log()).toContain('live state rebuilt from the logs');
    expect(server.log()).not.toContain('FST_ERR_HOOK_TIMEOUT');
  }, 60_000);
});
