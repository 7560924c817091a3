import { resolve } from 'node:path';

/**
 * What `npm run backup` and `npm run restore` check first: the file argument, and that the store is
 * the embedded one (with IOC_DATABASE_URL set, PostgreSQL is backed up with its own tools). Exits
 * with 2 and the reason otherwise; returns the file and the data dir (IOC_DATA_DIR, default ./data).
 */
export function sqliteCliArgs(command: 'backup' | 'restore', postgresHint: string): { file: string; dataDir: string } {
  const file = process.argv[2];
  if (!file) {
    console.error(`usage: npm run ${command} -- <file>   (IOC_DATA_DIR: the data dir, default ./data)`);
    process.exit(2);
  }
  if (process.env.IOC_DATABASE_URL) {
    console.error(`IOC_DATABASE_URL is set: ${postgresHint} (see README, Operations)`);
    process.exit(2);
  }
  return { file, dataDir: resolve(process.env.IOC_DATA_DIR ?? 'data') };
}
