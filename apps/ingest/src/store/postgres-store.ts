import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { postgresAlerts } from './postgres/alerts.ts';
import { postgresDossiers } from './postgres/dossiers.ts';
import { postgresFeedback } from './postgres/feedback.ts';
import { migrate } from './postgres/migrations.ts';
import { postgresObservations } from './postgres/observations.ts';
import { transactions, types } from './postgres/pool.ts';
import { postgresReports } from './postgres/reports.ts';
import { postgresRollups, type PostgresRollups } from './postgres/rollups.ts';
import { postgresReferenceStore } from './postgres/reference.ts';
import type { Store } from './store.ts';
import { accessStoreOn } from './access-store.ts';
import { auditStoreOn } from './audit-store.ts';
import { postgresRunner } from './sql-runner.ts';

export { MIGRATIONS, migrate } from './postgres/migrations.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (IOC_DATABASE_URL) */
  url: string;
  /** Connections in the pool; the group-commit writer needs one, reads share the rest. */
  poolSize?: number;
  /**
   * The area itself and its ancestors up to the city, for the history rollups (default: the
   * area alone). The app passes the catalogue's area tree.
   */
  areaChain?: (area: string, observedAt: number) => readonly string[];
}

/**
 * The shared store: PostgreSQL through node-postgres (`pg`), composed of one part per log
 * (postgres/). Same semantics as the SQLite store: appends idempotent by id in one statement
 * (`ON CONFLICT DO NOTHING`) with their rollups in the same transaction, durable at COMMIT
 * (fsync and synchronous_commit on), replay by keyset pagination on seq.
 */
export async function openPostgresStore(opts: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 4, types });
  pool.on('error', () => undefined); // an idle client's error: the next query reports it
  const tx = transactions(pool);
  let epoch: string;
  let rollups: PostgresRollups;
  try {
    await migrate(pool);
    await pool.query(`INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
    epoch = (await pool.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'epoch'`)).rows[0]!.value;
    rollups = await postgresRollups(pool, tx, opts.areaChain ?? ((area: string) => [area]));
  } catch (e) {
    await pool.end();
    throw e;
  }

  const runner = postgresRunner(pool);
  let closed = false;
  return {
    kind: 'postgres',
    epoch,
    // an append's transaction runs on a pooled connection after the call returns: it commits at its own time
    appendCommitsOnCall: false,
    ...postgresObservations(pool, tx, rollups),
    rollups: rollups.rollups,
    rebuildRollups: rollups.rebuildRollups,
    ...postgresDossiers(pool, tx),
    ...postgresReports(pool, tx),
    ...postgresAlerts(pool, tx),
    reference: postgresReferenceStore(pool),
    accounts: accessStoreOn(runner),
    auditLog: auditStoreOn(runner),
    ...postgresFeedback(pool),
    async countRange(log, afterSeq, toSeq) {
      const table = log === 'observations' ? 'observations' : 'dossier_events';
      return Number((await pool.query<{ n: number }>(`SELECT COUNT(*)::bigint AS n FROM ${table} WHERE seq > $1 AND seq <= $2`, [afterSeq, toSeq])).rows[0]!.n);
    },
    async sizeBytes() {
      return Number((await pool.query<{ n: number }>(`SELECT pg_database_size(current_database())::bigint AS n`)).rows[0]!.n);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
