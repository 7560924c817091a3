import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DossierEvent, HistoryPoint, NewObservation, Observation, Official766Score } from '@cityioc/contracts';
import type { HistoryRequest, Store, StoredDossierEvent } from './store.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (IOC_DATABASE_URL) */
  url: string;
  /** Connections in the pool; the group-commit writer needs one, reads share the rest. */
  poolSize?: number;
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
];

/** An arbitrary constant: the advisory lock that serialises migrations across nodes. */
const MIGRATION_LOCK = 0x10c0_0006;

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

  let closed = false;
  return {
    kind: 'postgres',
    epoch,
    async append(batch) {
      if (batch.length === 0) return [];
      const ids = batch.map((o) => o.id);
      const { unique, index } = firstOccurrences(ids);
      const col = <K extends keyof NewObservation>(k: K) => unique.map((i) => batch[i]![k]);
      const res = await pool.query<[string, number]>({
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
      return seqsInOrder(
        ids,
        index,
        res.rows.map(([k, seq]) => ({ k, seq })),
      );
    },
    async replay(fromSeq, onBatch, batchSize = 10_000) {
      let last = fromSeq;
      for (;;) {
        const res = await pool.query<
          [number, string, string, string, string | null, string | null, number, number, number | null, number | null, number | null, string]
        >({
          text: `SELECT seq, id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source
                 FROM observations WHERE seq > $1 ORDER BY seq LIMIT $2`,
          values: [last, batchSize],
          rowMode: 'array',
        });
        if (res.rows.length === 0) return last;
        const batch: Observation[] = res.rows.map((r) => ({
          seq: r[0],
          id: r[1],
          indicator: r[2],
          area: r[3],
          agency: r[4],
          station: r[5],
          observedAt: r[6],
          receivedAt: r[7],
          value: r[8],
          numerator: r[9],
          denominator: r[10],
          source: r[11],
        }));
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
