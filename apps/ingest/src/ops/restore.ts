/**
 * npm run restore -- <file>: replaces the embedded store with a backup. Refuses while the IOC
 * runs on the data dir; keeps the replaced store beside it. IOC_DATA_DIR names the data dir.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { restoreSqlite } from './sqlite-ops.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- <file>   (IOC_DATA_DIR: the data dir, default ./data)');
  process.exit(2);
}
if (process.env.IOC_DATABASE_URL) {
  console.error('IOC_DATABASE_URL is set: restore PostgreSQL with pg_restore (see README, Operations)');
  process.exit(2);
}
try {
  const dataDir = resolve(process.env.IOC_DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const r = restoreSqlite(dataDir, file, Date.now());
  console.log(JSON.stringify({ restored: resolve(file), dataDir, ...r }));
} catch (e) {
  console.error(`restore refused: ${(e as Error).message}`);
  process.exit(1);
}
