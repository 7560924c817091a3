import type pg from 'pg';
import { FEEDBACK_MIGRATION } from './feedback.ts';
import { DOCUMENT_NOTIFY_MIGRATION, DOCUMENT_STAMPS_MIGRATION, LOG_TAIL_MIGRATION } from './log-tail.ts';
import { REFERENCE_MIGRATION } from './reference.ts';
import { accessDdl } from '../access-store.ts';
import { auditDdl } from '../audit-store.ts';

/**
 * Schema changes, applied in order once each (table `schema_migrations`), under an advisory lock
 * so that several ingest nodes starting together do not race. A new table is a new entry at the
 * end; an entry is never edited once released.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'observations, dossier events, official 766 scores',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE observations (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        indicator TEXT NOT NULL,
        area TEXT NOT NULL,
        agency TEXT,
        station TEXT,
        observed_at BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        value DOUBLE PRECISION,
        numerator DOUBLE PRECISION,
        denominator DOUBLE PRECISION,
        source TEXT NOT NULL
      );
      CREATE INDEX observations_station ON observations (station, indicator, observed_at) WHERE station IS NOT NULL;
      CREATE TABLE dossier_events (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        dossier_code TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        source TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE TABLE official_scores (
        unit_code TEXT NOT NULL,
        period TEXT NOT NULL,
        origin TEXT NOT NULL,
        fetched_at BIGINT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (unit_code, period, origin)
      );
    `,
  },
  {
    version: 2,
    name: 'history rollups, alerts and their audit trail, Decree 09 report submissions',
    sql: `
      -- One mergeable partial aggregate per (grain, indicator, area, bucket), kept inside append.
      CREATE TABLE rollups (
        grain TEXT NOT NULL,
        indicator TEXT NOT NULL,
        area TEXT NOT NULL,
        bucket BIGINT NOT NULL,
        n BIGINT NOT NULL,
        sum DOUBLE PRECISION NOT NULL,
        min DOUBLE PRECISION,
        max DOUBLE PRECISION,
        num DOUBLE PRECISION NOT NULL,
        den DOUBLE PRECISION NOT NULL,
        last_value DOUBLE PRECISION,
        last_at BIGINT NOT NULL,
        last_id TEXT NOT NULL,
        PRIMARY KEY (grain, indicator, area, bucket)
      );
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        area TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        revision INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX alerts_updated ON alerts (updated_at);
      CREATE TABLE alert_events (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        alert_id TEXT NOT NULL REFERENCES alerts (id),
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        note TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX alert_events_alert ON alert_events (alert_id, seq);
      CREATE TABLE report_submissions (
        regime TEXT NOT NULL,
        unit TEXT NOT NULL,
        period TEXT NOT NULL,
        version INTEGER NOT NULL,
        submitted_at BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        source TEXT NOT NULL,
        origin TEXT NOT NULL,
        signed_by TEXT,
        file_name TEXT,
        report_values TEXT NOT NULL,
        review TEXT,
        reviewed_at BIGINT,
        review_note TEXT,
        PRIMARY KEY (regime, unit, period, version)
      );
    `,
  },
  { version: 3, ...REFERENCE_MIGRATION },
  {
    version: 4,
    name: 'access: users, sessions, devices, feed sources and key hashes; the append-only audit log',
    sql: accessDdl(false) + auditDdl('postgres'),
  },
  // numbered after issue 14 so that parallel branches adding migrations do not collide; applied in list order
  { version: 14, ...FEEDBACK_MIGRATION },
  { version: 21, ...LOG_TAIL_MIGRATION },
  // 26, not 22: clear of the numbers parallel branches may take next
  { version: 26, ...DOCUMENT_NOTIFY_MIGRATION },
  // 27: UPDATE and DELETE followed too (an alert review on a report, a feed key revoked)
  { version: 27, ...DOCUMENT_STAMPS_MIGRATION },
];

/** An arbitrary constant: the advisory lock that serialises migrations across nodes. */
const MIGRATION_LOCK = 0x10c0_0006;

/** Applies the migrations not applied yet, under the advisory lock. */
export async function migrate(pool: pg.Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await c.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await c.query('BEGIN');
      try {
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
    }
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    c.release();
  }
}
