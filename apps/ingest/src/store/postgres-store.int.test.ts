import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../../test-support/postgres.ts';
import { openPostgresStore } from './postgres-store.ts';
import { storeConformance } from './store.contract.ts';

// A real PostgreSQL 15 from Debian's package on a free port; each harness gets its own database.
let server: PostgresServer;
let n = 0;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

storeConformance('postgres (Debian PostgreSQL 15, fsync on)', () => {
  const name = `conformance_${process.pid}_${++n}`;
  let url: string | undefined;
  return {
    create: async () => {
      url = await server.createDatabase(name);
      return openPostgresStore({ url });
    },
    reopen: async () => openPostgresStore({ url: url! }),
    cleanup: async () => undefined,
  };
});
