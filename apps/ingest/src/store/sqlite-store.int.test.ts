import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite-store.ts';
import { storeConformance } from './store.contract.ts';

storeConformance('sqlite (file, WAL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-store-'));
  const file = join(dir, 'ioc.db');
  return {
    create: async () => openSqliteStore({ file }),
    reopen: async () => openSqliteStore({ file }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
