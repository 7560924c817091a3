/**
 * npm run backup -- <file>: a consistent copy of the embedded store, safe while the IOC runs.
 * IOC_DATA_DIR names the data dir (default ./data). For PostgreSQL use pg_dump (README).
 */
import { resolve } from 'node:path';
import { sqliteCliArgs } from './sqlite-cli.ts';
import { backupSqlite } from './sqlite-ops.ts';

const { file, dataDir } = sqliteCliArgs('backup', 'back up PostgreSQL with pg_dump -Fc');
try {
  const r = backupSqlite(dataDir, file);
  console.log(JSON.stringify({ backup: resolve(file), ...r }));
} catch (e) {
  console.error(`backup failed: ${(e as Error).message}`);
  process.exit(1);
}
