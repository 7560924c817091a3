/**
 * A node started before its PostgreSQL (a compose stack coming up, a database restarting) waits
 * for it instead of crash-looping (issue 16, "Bad input and faults"): it answers on its port at
 * once (/healthz 200, /readyz 503 "starting" with the reason), logs one line per try without the
 * password, and turns ready by itself when the database comes. A database that refuses us for good
 * (no such database) stops the start with exit 2 and a message naming the variable. Real processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../test-support/postgres.ts';
import { freePort, startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { waitUntil } from '../../../test-support/wait.ts';

const SECRET = 's3cr3t-never-printed';
let pg: PostgresServer;
const data = tempDataDir();
const servers: ServerProcess[] = [];

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  await pg?.stop();
  data.remove();
});

/** The URL with a password (trust authentication ignores it; the node must never print it). */
const withSecret = (url: string) => url.replace('postgres@', `postgres:${SECRET}@`);

describe('a node started before its database', () => {
  it('answers 503 starting on /readyz while it waits, logs each try without the password, and turns ready when the database comes', async () => {
    const url = withSecret(await pg.createDatabase('late'));
    await pg.halt();
    const port = await freePort();
    const starting = startServerProcess({ dataDir: data.dir, port, env: { IOC_DATABASE_URL: url } });
    const readyz = () =>
      fetch(`http://127.0.0.1:${port}/readyz`).then(
        async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
        () => null,
      );
    await waitUntil('the waiting node to answer on its port', async () => (await readyz())?.status === 503, 90_000, 250);
    const waiting = (await readyz())!;
    expect(waiting.body).toMatchObject({
      status: 'starting',
      reason: expect.stringMatching(/^PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:\d+\/late unreachable: ECONNREFUSED$/),
    });
    expect(JSON.stringify(waiting.body)).not.toContain(SECRET);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    await pg.resume();
    const server = await starting;
    servers.push(server);
    expect((await readyz())?.status).toBe(200);
    expect(server.log()).toMatch(/unreachable: ECONNREFUSED; waiting, next try in \d+ s/);
    expect(server.log()).toContain('answers: starting');
    expect(server.log()).not.toContain(SECRET);
  });

  it('stops with exit 2 and names IOC_DATABASE_URL when the database does not exist, without the password', async () => {
    const url = withSecret(pg.url('no_such_db'));
    const refused = await startServerProcess({ dataDir: tempDataDir().dir, env: { IOC_DATABASE_URL: url } }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(refused).toMatch(/server exited with 2 before listening/);
    expect(refused).toContain('IOC_DATABASE_URL (postgres://postgres@127.0.0.1:');
    expect(refused).toContain('the database does not exist (SQLSTATE 3D000)');
    expect(refused).not.toContain(SECRET);
  });
});
