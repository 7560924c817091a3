/**
 * npm run backup -- <file>: a consistent copy of the embedded store, safe while the IOC runs.
 * IOC_DATA_DIR names the data dir (default ./data). For PostgreSQL use pg_dump (README).
 */
import { resolve } from 'node:path';
import { backupSqlite } from './sqlite-ops.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run backup -- <file>   (IOC_DATA_DIR: the data dir, default ./data)');
  process.exit(2);
}
if (process.env.IOC_DATABASE_URL) {
  console.error('IOC_DATABASE_URL is set: back up PostgreSQL with pg_dump -Fc (see README, Operations)');
  process.exit(2);
}
try {
  const r = backupSqlite(resolve(process.env.IOC_DATA_DIR ?? 'data'), file);
  console.log(JSON.stringify({ backup: resolve(file), ...r }));
} catch (e) {
  console.error(`backup failed: ${(e as Error).message}`);
  process.exit(1);
}
