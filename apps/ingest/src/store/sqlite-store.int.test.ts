import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_THO_AREAS, CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { openSqliteStore } from './sqlite-store.ts';
import { storeConformance } from './store.contract.ts';

// the conformance suite's readings name the old districts: a date-independent tree of the old city
const { ancestorsAndSelf } = indexCatalogue({ ...CAN_THO_CATALOGUE, areas: CAN_THO_AREAS, stations: [] });

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
