import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Alert, AlertEvent, DossierEvent, HistoryPoint, NewObservation, Official766Score } from '@cityioc/contracts';
import type { ReportSubmission } from '@cityioc/contracts';
import { rollupDeltas, type RollupRow } from '@cityioc/domain';
import type { HistoryRequest, NewAlertEvent, RollupRequest, Store, StoredDossierEvent } from './store.ts';
import {
  ALERT_EVENT_COLUMNS,
  alertEventFromRow,
  OBSERVATION_COLUMNS,
  observationFromRow,
  REPORT_COLUMNS,
  reportFromRow,
  ROLLUP_COLUMNS,
  rollupFromRow,
} from './rows.ts';
import type { AlertEventTuple, ObservationTuple, ReportTuple, RollupTuple } from './rows.ts';
import { postgresReferenceStore, REFERENCE_MIGRATION } from './reference-postgres.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (IOC_DATABASE_URL) */
  url: string;
  /** Connections in the pool; the group-commit writer needs one, reads share the rest. */
  poolSize?: number;
  /**
   * The area itself and its ancestors up to the city, for the history rollups (default: the
   * area alone). The app passes the catalogue's area tree.
   */
  areaChain?: (area: string) => readonly string[];
}

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
];

/** An arbitrary constant: the advisory lock that serialises migrations across nodes. */
const MIGRATION_LOCK = 0x10c0_0006;
/** Serialises the first rollup build of a log written before rollups existed, across nodes. */
const ROLLUP_BUILD_LOCK = 0x10c0_0007;

// BIGINT columns hold epoch ms and log positions, both far below 2^53: parse them as numbers.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

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

/** Keeps the first occurrence of each key; the others map to -1. */
function firstOccurrences(keys: readonly string[]): { unique: number[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const unique: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (index.has(keys[i]!)) continue;
    index.set(keys[i]!, i);
    unique.push(i);
  }
  return { unique, index };
}

/**
 * The shared store: PostgreSQL through node-postgres (`pg`). Same semantics as the SQLite store:
 * appends idempotent by id in one statement (`ON CONFLICT DO NOTHING`), durable at COMMIT
 * (fsync and synchronous_commit on), replay by keyset pagination on seq.
 */
export async function openPostgresStore(opts: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 4, types });
  pool.on('error', () => undefined); // an idle client's error: the next query reports it
  try {
    await migrate(pool);
    await pool.query(`INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const epoch = (await pool.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'epoch'`)).rows[0]!.value;

  // Rows go in ordinal order, so identity values follow the batch order; RETURNING maps id → seq.
  const insertObservations = `
    INSERT INTO observations (id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source)
    SELECT id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::float8[], $9::float8[], $10::float8[], $11::text[])
      WITH ORDINALITY AS t (id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source, ord)
    ORDER BY ord
    ON CONFLICT (id) DO NOTHING
    RETURNING id, seq`;
  const insertDossiers = `
    INSERT INTO dossier_events (event_id, dossier_code, received_at, source, body)
    SELECT event_id, dossier_code, received_at, source, body
    FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS t (event_id, dossier_code, received_at, source, body, ord)
    ORDER BY ord
    ON CONFLICT (event_id) DO NOTHING
    RETURNING event_id, seq`;

  function seqsInOrder(keys: readonly string[], index: Map<string, number>, rows: { k: string; seq: number }[]): (number | null)[] {
    const out: (number | null)[] = new Array<number | null>(keys.length).fill(null);
    for (const r of rows) out[index.get(r.k)!] = r.seq;
    return out;
  }

  const areaChain = opts.areaChain ?? ((area: string) => [area]);
  /** Runs `fn` in one transaction on one pooled connection. */
  async function tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  // The same CASE upsert as SQLite, one statement per batch; `last_id` compared byte-wise
  // (COLLATE "C") so that ids order as JavaScript strings do whatever the database collation.
  const upsertRollups = `
    INSERT INTO rollups (grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id)
    SELECT grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id
    FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[],
                $11::float8[], $12::bigint[], $13::text[])
      WITH ORDINALITY AS t (grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id, ord)
    ORDER BY ord
    ON CONFLICT (grain, indicator, area, bucket) DO UPDATE SET
      n = rollups.n + excluded.n,
      sum = rollups.sum + excluded.sum,
      min = CASE WHEN rollups.min IS NULL OR excluded.min < rollups.min THEN excluded.min ELSE rollups.min END,
      max = CASE WHEN rollups.max IS NULL OR excluded.max > rollups.max THEN excluded.max ELSE rollups.max END,
      num = rollups.num + excluded.num,
      den = rollups.den + excluded.den,
      last_value = CASE WHEN excluded.last_at > rollups.last_at
                          OR (excluded.last_at = rollups.last_at AND excluded.last_id COLLATE "C" > rollups.last_id COLLATE "C")
                   THEN excluded.last_value ELSE rollups.last_value END,
      last_id = CASE WHEN excluded.last_at > rollups.last_at
                       OR (excluded.last_at = rollups.last_at AND excluded.last_id COLLATE "C" > rollups.last_id COLLATE "C")
                THEN excluded.last_id ELSE rollups.last_id END,
      last_at = CASE WHEN excluded.last_at > rollups.last_at THEN excluded.last_at ELSE rollups.last_at END`;
  const byKey = (a: RollupRow, b: RollupRow) =>
    a.grain < b.grain
      ? -1
      : a.grain > b.grain
        ? 1
        : a.indicator < b.indicator
          ? -1
          : a.indicator > b.indicator
            ? 1
            : a.area < b.area
              ? -1
              : a.area > b.area
                ? 1
                : a.bucket - b.bucket;
  async function writeRollups(c: pg.PoolClient, stored: readonly NewObservation[]): Promise<void> {
    if (stored.length === 0) return;
    // Rows in key order: concurrent appends lock shared rollup rows in the same order (no deadlock).
    const d = rollupDeltas(stored, areaChain).sort(byKey);
    await c.query(upsertRollups, [
      d.map((r) => r.grain),
      d.map((r) => r.indicator),
      d.map((r) => r.area),
      d.map((r) => r.bucket),
      d.map((r) => r.n),
      d.map((r) => r.sum),
      d.map((r) => r.min),
      d.map((r) => r.max),
      d.map((r) => r.num),
      d.map((r) => r.den),
      d.map((r) => r.lastValue),
      d.map((r) => r.lastAt),
      d.map((r) => r.lastId),
    ]);
  }
  const pageSql = `SELECT ${OBSERVATION_COLUMNS} FROM observations WHERE seq > $1 ORDER BY seq LIMIT $2`;
  /**
   * Recomputes every rollup from the log inside the caller's transaction. The EXCLUSIVE lock
   * waits for appends that already wrote rollups and holds back the rollup step of later ones
   * until COMMIT, so each observation counts once: read here if committed, added by its own
   * append otherwise.
   */
  async function rebuildIn(c: pg.PoolClient): Promise<number> {
    await c.query('LOCK TABLE rollups IN EXCLUSIVE MODE');
    await c.query('DELETE FROM rollups');
    let last = 0;
    let n = 0;
    for (;;) {
      const res = await c.query<ObservationTuple>({ text: pageSql, values: [last, 10_000], rowMode: 'array' });
      if (res.rows.length === 0) break;
      await writeRollups(c, res.rows.map(observationFromRow));
      last = res.rows[res.rows.length - 1]![0];
      n += res.rows.length;
    }
    await c.query(`INSERT INTO meta (key, value) VALUES ('rollups', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    return n;
  }
  // A log written before rollups existed (or by an older version) gets them once, on open.
  try {
    await tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_BUILD_LOCK]);
      if ((await c.query(`SELECT 1 FROM meta WHERE key = 'rollups'`)).rows.length === 0) await rebuildIn(c);
    });
  } catch (e) {
    await pool.end();
    throw e;
  }

  async function addAlertEvent(c: pg.PoolClient, e: NewAlertEvent): Promise<AlertEvent> {
    const r = await c.query<{ seq: number }>(
      `INSERT INTO alert_events (alert_id, at, actor, action, note, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq`,
      [e.alertId, e.at, e.actor, e.action, e.note, JSON.stringify(e.detail)],
    );
    return { ...e, seq: r.rows[0]!.seq };
  }

  let closed = false;
  return {
    kind: 'postgres',
    reference: postgresReferenceStore(pool),
    epoch,
    async append(batch) {
      if (batch.length === 0) return [];
      const ids = batch.map((o) => o.id);
      const { unique, index } = firstOccurrences(ids);
      const col = <K extends keyof NewObservation>(k: K) => unique.map((i) => batch[i]![k]);
      const rows = await tx(async (c) => {
        const res = await c.query<[string, number]>({
          text: insertObservations,
          values: [
            col('id'),
            col('indicator'),
            col('area'),
            col('agency'),
            col('station'),
            col('observedAt'),
            col('receivedAt'),
            col('value'),
            col('numerator'),
            col('denominator'),
            col('source'),
          ],
          rowMode: 'array',
        });
        // Same transaction as the rows, and only the rows actually inserted (in batch order):
        // an acknowledged observation is in the rollups exactly once.
        const inserted = new Set(res.rows.map((r) => r[0]));
        await writeRollups(
          c,
          unique.filter((i) => inserted.has(batch[i]!.id)).map((i) => batch[i]!),
        );
        return res.rows;
      });
      return seqsInOrder(
        ids,
        index,
        rows.map(([k, seq]) => ({ k, seq })),
      );
    },
    async replay(fromSeq, onBatch, batchSize = 10_000) {
      let last = fromSeq;
      for (;;) {
        const res = await pool.query<ObservationTuple>({ text: pageSql, values: [last, batchSize], rowMode: 'array' });
        if (res.rows.length === 0) return last;
        const batch = res.rows.map(observationFromRow);
        last = batch[batch.length - 1]!.seq;
        onBatch(batch);
      }
    },
    async history(req: HistoryRequest) {
      const res = await pool.query<[number, number | null, number | null, number | null]>({
        text: `SELECT observed_at, value, numerator, denominator FROM observations
               WHERE station = $1 AND indicator = $2 AND station IS NOT NULL AND observed_at BETWEEN $3 AND $4 ORDER BY observed_at LIMIT $5`,
        values: [req.station, req.indicator, req.from, req.to, req.limit + 1],
        rowMode: 'array',
      });
      const truncated = res.rows.length > req.limit;
      const points: HistoryPoint[] = res.rows.slice(0, req.limit).map(([t, value, numerator, denominator]) => {
        const p: HistoryPoint = { t, value };
        if (numerator !== null && denominator !== null) {
          p.numerator = numerator;
          p.denominator = denominator;
          p.value = denominator > 0 ? numerator / denominator : null;
        }
        return p;
      });
      return { points, truncated };
    },
    async appendDossierEvents(batch) {
      if (batch.length === 0) return [];
      const ids = batch.map((d) => d.event.eventId);
      const { unique, index } = firstOccurrences(ids);
      const res = await pool.query<[string, number]>({
        text: insertDossiers,
        values: [
          unique.map((i) => batch[i]!.event.eventId),
          unique.map((i) => batch[i]!.event.dossierCode),
          unique.map((i) => batch[i]!.receivedAt),
          unique.map((i) => batch[i]!.source),
          unique.map((i) => JSON.stringify(batch[i]!.event)),
        ],
        rowMode: 'array',
      });
      return seqsInOrder(
        ids,
        index,
        res.rows.map(([k, seq]) => ({ k, seq })),
      );
    },
    async replayDossierEvents(fromSeq, onBatch, batchSize = 10_000) {
      let last = fromSeq;
      for (;;) {
        const res = await pool.query<[number, number, string, string]>({
          text: `SELECT seq, received_at, source, body FROM dossier_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
          values: [last, batchSize],
          rowMode: 'array',
        });
        if (res.rows.length === 0) return last;
        const batch: StoredDossierEvent[] = res.rows.map(([seq, receivedAt, source, body]) => ({
          seq,
          receivedAt,
          source,
          event: JSON.parse(body) as DossierEvent,
        }));
        last = batch[batch.length - 1]!.seq;
        onBatch(batch);
      }
    },
    async countDossierEvents() {
      return Number((await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM dossier_events')).rows[0]!.n);
    },
    async putOfficialScores(scores: readonly Official766Score[]) {
      if (scores.length === 0) return;
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        for (const x of scores)
          await c.query(
            `INSERT INTO official_scores (unit_code, period, origin, fetched_at, body) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (unit_code, period, origin) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body
             WHERE excluded.fetched_at >= official_scores.fetched_at`,
            [x.unitCode, x.period, x.origin, Date.parse(x.fetchedAt), JSON.stringify(x)],
          );
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    async officialScores(filter) {
      const res = await pool.query<{ body: string }>(
        `SELECT body FROM official_scores WHERE ($1::text IS NULL OR unit_code = $1) AND ($2::text IS NULL OR period = $2)
         ORDER BY period COLLATE "C", unit_code COLLATE "C", origin COLLATE "C"`,
        [filter.unitCode ?? null, filter.period ?? null],
      );
      return res.rows.map((r) => JSON.parse(r.body) as Official766Score);
    },
    async deleteObservationsBefore(observedAt, batchSize = 10_000) {
      let total = 0;
      for (;;) {
        const res = await pool.query(
          `DELETE FROM observations WHERE seq IN (SELECT seq FROM observations WHERE observed_at < $1 AND seq < (SELECT MAX(seq) FROM observations) ORDER BY seq LIMIT $2)`,
          [observedAt, batchSize],
        );
        total += res.rowCount ?? 0;
        if ((res.rowCount ?? 0) < batchSize) return total;
      }
    },
    async countRange(log, afterSeq, toSeq) {
      const table = log === 'observations' ? 'observations' : 'dossier_events';
      return Number((await pool.query<{ n: number }>(`SELECT COUNT(*)::bigint AS n FROM ${table} WHERE seq > $1 AND seq <= $2`, [afterSeq, toSeq])).rows[0]!.n);
    },
    async rollups(req: RollupRequest) {
      const res = await pool.query<RollupTuple>({
        text: `SELECT ${ROLLUP_COLUMNS} FROM rollups
               WHERE grain = $1 AND indicator = $2 AND area = $3 AND bucket >= $4 AND bucket < $5 ORDER BY bucket`,
        values: [req.grain, req.indicator, req.area, req.from, req.to],
        rowMode: 'array',
      });
      return res.rows.map((r) => rollupFromRow(req, r));
    },
    async rebuildRollups() {
      return tx(rebuildIn);
    },
    async insertAlert(alert, event) {
      return tx(async (c) => {
        const r = await c.query(
          `INSERT INTO alerts (id, status, area, updated_at, revision, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
          [alert.id, alert.status, alert.area, alert.updatedAt, alert.revision, JSON.stringify(alert)],
        );
        if (r.rowCount !== 1) return false;
        await addAlertEvent(c, event);
        return true;
      });
    },
    async updateAlert(alert, expectedRevision, event) {
      return tx(async (c) => {
        const r = await c.query(`UPDATE alerts SET status = $1, area = $2, updated_at = $3, revision = $4, body = $5 WHERE id = $6 AND revision = $7`, [
          alert.status,
          alert.area,
          alert.updatedAt,
          alert.revision,
          JSON.stringify(alert),
          alert.id,
          expectedRevision,
        ]);
        return r.rowCount === 1 ? addAlertEvent(c, event) : null;
      });
    },
    async getAlert(id) {
      const res = await pool.query<{ body: string }>(`SELECT body FROM alerts WHERE id = $1`, [id]);
      return res.rows.length === 0 ? null : (JSON.parse(res.rows[0]!.body) as Alert);
    },
    async listAlerts(filter) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.status?.length) {
        args.push(filter.status);
        where.push(`status = ANY($${args.length}::text[])`);
      }
      if (filter.areas) {
        if (filter.areas.length === 0) return [];
        args.push(filter.areas);
        where.push(`area = ANY($${args.length}::text[])`);
      }
      if (filter.since !== undefined) {
        args.push(filter.since);
        where.push(`updated_at >= $${args.length}`);
      }
      args.push(filter.limit);
      const res = await pool.query<{ body: string }>(
        `SELECT body FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id COLLATE "C" DESC LIMIT $${args.length}`,
        args,
      );
      return res.rows.map((r) => JSON.parse(r.body) as Alert);
    },
    async alertEvents(alertId) {
      const res = await pool.query<AlertEventTuple>({
        text: `SELECT ${ALERT_EVENT_COLUMNS} FROM alert_events WHERE alert_id = $1 ORDER BY seq`,
        values: [alertId],
        rowMode: 'array',
      });
      return res.rows.map(alertEventFromRow);
    },
    async putReportSubmissions(batch: readonly ReportSubmission[]) {
      if (batch.length === 0) return [];
      return tx(async (c) => {
        // Writers of submissions one at a time (readers are not blocked): the versions read below stay current.
        await c.query('LOCK TABLE report_submissions IN SHARE ROW EXCLUSIVE MODE');
        const key = (r: ReportSubmission) => JSON.stringify([r.regime, r.unit, r.period]);
        const keys = [...new Map(batch.map((r) => [key(r), r])).values()];
        const current = await c.query<[string, string, string, number]>({
          text: `SELECT t.regime, t.unit, t.period, COALESCE(MAX(s.version), 0)
                 FROM unnest($1::text[], $2::text[], $3::text[]) AS t (regime, unit, period)
                 LEFT JOIN report_submissions s ON s.regime = t.regime AND s.unit = t.unit AND s.period = t.period
                 GROUP BY t.regime, t.unit, t.period`,
          values: [keys.map((r) => r.regime), keys.map((r) => r.unit), keys.map((r) => r.period)],
          rowMode: 'array',
        });
        const last = new Map(current.rows.map(([regime, unit, period, v]) => [JSON.stringify([regime, unit, period]), v]));
        const versions = batch.map((r) => {
          const v = (last.get(key(r)) ?? 0) + 1;
          last.set(key(r), v);
          return v;
        });
        await c.query(
          `INSERT INTO report_submissions (regime, unit, period, version, submitted_at, received_at, source, origin, signed_by, file_name, report_values)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])`,
          [
            batch.map((r) => r.regime),
            batch.map((r) => r.unit),
            batch.map((r) => r.period),
            versions,
            batch.map((r) => r.submittedAt),
            batch.map((r) => r.receivedAt),
            batch.map((r) => r.source),
            batch.map((r) => r.origin),
            batch.map((r) => r.signedBy),
            batch.map((r) => r.fileName),
            batch.map((r) => JSON.stringify(r.values) ?? null),
          ],
        );
        return versions;
      });
    },
    async reportSubmissions(filter) {
      const res = await pool.query<ReportTuple>({
        text: `SELECT ${REPORT_COLUMNS} FROM report_submissions
               WHERE ($1::text IS NULL OR regime = $1) AND ($2::text IS NULL OR unit = $2) AND ($3::text IS NULL OR period = $3)
               ORDER BY regime COLLATE "C", unit COLLATE "C", period COLLATE "C", version`,
        values: [filter.regime ?? null, filter.unit ?? null, filter.period ?? null],
        rowMode: 'array',
      });
      return res.rows.map(reportFromRow);
    },
    async reviewReportSubmission(key, review) {
      const r = await pool.query(
        `UPDATE report_submissions SET review = $1, reviewed_at = $2, review_note = $3 WHERE regime = $4 AND unit = $5 AND period = $6 AND version = $7`,
        [review.review, review.at, review.note, key.regime, key.unit, key.period, key.version],
      );
      return r.rowCount === 1;
    },
    async lastSeq() {
      return Number((await pool.query<{ s: number }>('SELECT COALESCE(MAX(seq), 0)::bigint AS s FROM observations')).rows[0]!.s);
    },
    async count() {
      return Number((await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM observations')).rows[0]!.n);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
