import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { openSqliteStore } from './sqlite-store.ts';
import { storeConformance, storeRollupConformance } from './store.contract.ts';
import { storeReferenceConformance } from './reference.contract.ts';

const { ancestorsAndSelf } = indexCatalogue(CAN_THO_CATALOGUE);

const harness = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-store-'));
  const file = join(dir, 'ioc.db');
  return {
    create: async () => openSqliteStore({ file, areaChain: ancestorsAndSelf }),
    reopen: async () => openSqliteStore({ file, areaChain: ancestorsAndSelf }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
};
storeConformance('sqlite (file, WAL)', harness);
storeRollupConformance('sqlite (file, WAL)', harness);
storeReferenceConformance('sqlite (file, WAL)', harness);
