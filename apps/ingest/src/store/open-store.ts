import { join } from 'node:path';
import type { Config } from '../env.ts';
import { openPostgresStore } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** The configured store: PostgreSQL when IOC_DATABASE_URL is set, else the embedded SQLite file. */
export async function openConfiguredStore(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'sqliteSynchronous'>,
  opts: { areaChain?: (area: string, observedAt: number) => readonly string[] } = {},
): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore({ url: config.databaseUrl, ...opts });
  return openSqliteStore({ file: join(config.dataDir, 'ioc.db'), synchronous: config.sqliteSynchronous, ...opts });
}
