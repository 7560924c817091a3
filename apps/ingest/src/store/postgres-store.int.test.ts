import { afterAll, beforeAll } from 'vitest';
import { CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { startPostgres, type PostgresServer } from '../../../../test-support/postgres.ts';
import { openPostgresStore } from './postgres-store.ts';
import { storeConformance, storeRollupConformance } from './store.contract.ts';

const { ancestorsAndSelf } = indexCatalogue(CAN_THO_CATALOGUE);

// A real PostgreSQL 15 from Debian's package on a free port; each harness gets its own database.
let server: PostgresServer;
let n = 0;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

const harness = () => {
  const name = `conformance_${process.pid}_${++n}`;
  let url: string | undefined;
  return {
    create: async () => {
      url = await server.createDatabase(name);
      return openPostgresStore({ url, areaChain: ancestorsAndSelf });
    },
    reopen: async () => openPostgresStore({ url: url!, areaChain: ancestorsAndSelf }),
    cleanup: async () => undefined,
  };
};
storeConformance('postgres (Debian PostgreSQL 15, fsync on)', harness);
storeRollupConformance('postgres (Debian PostgreSQL 15, fsync on)', harness);
