/**
 * npm run restore -- <file>: replaces the embedded store with a backup. Refuses while the IOC
 * runs on the data dir; keeps the replaced store beside it. IOC_DATA_DIR names the data dir.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { sqliteCliArgs } from './sqlite-cli.ts';
import { restoreSqlite } from './sqlite-ops.ts';

const { file, dataDir } = sqliteCliArgs('restore', 'restore PostgreSQL with pg_restore');
try {
  mkdirSync(dataDir, { recursive: true });
  const r = restoreSqlite(dataDir, file, Date.now());
  console.log(JSON.stringify({ restored: resolve(file), dataDir, ...r }));
} catch (e) {
  console.error(`restore refused: ${(e as Error).message}`);
  process.exit(1);
}
