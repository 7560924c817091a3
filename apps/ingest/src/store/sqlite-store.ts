import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Alert, AlertEvent, DossierEvent, HistoryPoint, NewObservation, Official766Score } from '@cityioc/contracts';
import { rollupDeltas } from '@cityioc/domain';
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
import type { HistoryRequest, NewAlertEvent, NewDossierEvent, RollupRequest, Store, StoredDossierEvent } from './store.ts';
import type { ReportSubmission } from '@cityioc/contracts';
import { sqliteReferenceStore } from './reference-sqlite.ts';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for tests of pure logic. */
  file: string;
  /** FULL survives power loss; NORMAL survives a process crash only. */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * The area itself and its ancestors up to the city, for the history rollups (default: the
   * area alone). The app passes the catalogue's area tree.
   */
  areaChain?: (area: string) => readonly string[];
}

/** The embedded store: better-sqlite3 in WAL mode, one file under ./data. */
export function openSqliteStore(opts: SqliteStoreOptions): Store {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const db = new Database(opts.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS observations (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      indicator TEXT NOT NULL,
      area TEXT NOT NULL,
      agency TEXT,
      station TEXT,
      observed_at INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      value REAL,
      numerator REAL,
      denominator REAL,
      source TEXT NOT NULL
    );
    -- Raw history is read per station (the live charts); area history comes from rollups.
    -- A partial index keeps the cost off the hot path of area-level feeds such as dossiers.
    CREATE TABLE IF NOT EXISTS dossier_events (
      seq INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL UNIQUE,
      dossier_code TEXT NOT NULL,
      received_at INTEGER NOT NULL,
      source TEXT NOT NULL,
      body TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS official_scores (
      unit_code TEXT NOT NULL,
      period TEXT NOT NULL,
      origin TEXT NOT NULL,
      fetched_at INTEGER NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (unit_code, period, origin)
    );
    -- History rollups: one mergeable partial aggregate per (grain, indicator, area, bucket).
    CREATE TABLE IF NOT EXISTS rollups (
      grain TEXT NOT NULL,
      indicator TEXT NOT NULL,
      area TEXT NOT NULL,
      bucket INTEGER NOT NULL,
      n INTEGER NOT NULL,
      sum REAL NOT NULL,
      min REAL,
      max REAL,
      num REAL NOT NULL,
      den REAL NOT NULL,
      last_value REAL,
      last_at INTEGER NOT NULL,
      last_id TEXT NOT NULL,
      PRIMARY KEY (grain, indicator, area, bucket)
    );
    CREATE TABLE IF NOT EXISTS alerts (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      area TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      body TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS alerts_updated ON alerts (updated_at);
    CREATE TABLE IF NOT EXISTS alert_events (
      seq INTEGER PRIMARY KEY,
      alert_id TEXT NOT NULL REFERENCES alerts (id),
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      note TEXT,
      detail TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS alert_events_alert ON alert_events (alert_id, seq);
    CREATE TABLE IF NOT EXISTS report_submissions (
      regime TEXT NOT NULL,
      unit TEXT NOT NULL,
      period TEXT NOT NULL,
      version INTEGER NOT NULL,
      submitted_at INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      source TEXT NOT NULL,
      origin TEXT NOT NULL,
      signed_by TEXT,
      file_name TEXT,
      report_values TEXT NOT NULL,
      review TEXT,
      reviewed_at INTEGER,
      review_note TEXT,
      PRIMARY KEY (regime, unit, period, version)
    );
    CREATE INDEX IF NOT EXISTS observations_station ON observations (station, indicator, observed_at) WHERE station IS NOT NULL;
  `);
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)`).run(randomUUID());
  const epoch = (db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string }).value;

  const insert = db.prepare(
    `INSERT OR IGNORE INTO observations (id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const areaChain = opts.areaChain ?? ((area: string) => [area]);
  // Portable upsert (SQLite ≥ 3.24 and PostgreSQL): CASE instead of MIN/MAX or LEAST/GREATEST.
  const upsertRollup = db.prepare(
    `INSERT INTO rollups (grain, indicator, area, bucket, n, sum, min, max, num, den, last_value, last_at, last_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (grain, indicator, area, bucket) DO UPDATE SET
       n = rollups.n + excluded.n,
       sum = rollups.sum + excluded.sum,
       min = CASE WHEN rollups.min IS NULL OR excluded.min < rollups.min THEN excluded.min ELSE rollups.min END,
       max = CASE WHEN rollups.max IS NULL OR excluded.max > rollups.max THEN excluded.max ELSE rollups.max END,
       num = rollups.num + excluded.num,
       den = rollups.den + excluded.den,
       last_value = CASE WHEN excluded.last_at > rollups.last_at OR (excluded.last_at = rollups.last_at AND excluded.last_id > rollups.last_id)
                    THEN excluded.last_value ELSE rollups.last_value END,
       last_id = CASE WHEN excluded.last_at > rollups.last_at OR (excluded.last_at = rollups.last_at AND excluded.last_id > rollups.last_id)
                 THEN excluded.last_id ELSE rollups.last_id END,
       last_at = CASE WHEN excluded.last_at > rollups.last_at THEN excluded.last_at ELSE rollups.last_at END`,
  );
  const writeRollups = (stored: readonly NewObservation[]) => {
    for (const r of rollupDeltas(stored, areaChain))
      upsertRollup.run(r.grain, r.indicator, r.area, r.bucket, r.n, r.sum, r.min, r.max, r.num, r.den, r.lastValue, r.lastAt, r.lastId);
  };
  const appendTx = db.transaction((batch: readonly NewObservation[]) => {
    const out: (number | null)[] = new Array(batch.length);
    const stored: NewObservation[] = [];
    for (let i = 0; i < batch.length; i++) {
      const o = batch[i]!;
      const r = insert.run(o.id, o.indicator, o.area, o.agency, o.station, o.observedAt, o.receivedAt, o.value, o.numerator, o.denominator, o.source);
      out[i] = r.changes === 1 ? Number(r.lastInsertRowid) : null;
      if (r.changes === 1) stored.push(o);
    }
    // Same transaction as the rows: an acknowledged observation is in the rollups exactly once.
    writeRollups(stored);
    return out;
  });
  const selectRollups = db
    .prepare(
      `SELECT ${ROLLUP_COLUMNS} FROM rollups
       WHERE grain = ? AND indicator = ? AND area = ? AND bucket >= ? AND bucket < ? ORDER BY bucket`,
    )
    .raw(true);
  const rebuildTx = db.transaction(() => {
    db.prepare(`DELETE FROM rollups`).run();
    let last = 0;
    let n = 0;
    for (;;) {
      const rows = page.all(last, 10_000) as ObservationTuple[];
      if (rows.length === 0) break;
      writeRollups(rows.map(observationFromRow));
      last = rows[rows.length - 1]![0];
      n += rows.length;
    }
    db.prepare(`INSERT INTO meta (key, value) VALUES ('rollups', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run();
    return n;
  });
  const page = db
    .prepare(
      `SELECT ${OBSERVATION_COLUMNS}
       FROM observations WHERE seq > ? ORDER BY seq LIMIT ?`,
    )
    .raw(true);
  const lastSeqStmt = db.prepare(`SELECT COALESCE(MAX(seq), 0) AS s FROM observations`).pluck();
  const countStmt = db.prepare(`SELECT COUNT(*) FROM observations`).pluck();
  const historyStation = db
    .prepare(
      `SELECT observed_at, value, numerator, denominator FROM observations
       WHERE station = ? AND indicator = ? AND station IS NOT NULL AND observed_at BETWEEN ? AND ? ORDER BY observed_at LIMIT ?`,
    )
    .raw(true);
  const insertDossier = db.prepare(`INSERT OR IGNORE INTO dossier_events (event_id, dossier_code, received_at, source, body) VALUES (?, ?, ?, ?, ?)`);
  const appendDossierTx = db.transaction((batch: readonly NewDossierEvent[]) =>
    batch.map((d) => {
      const r = insertDossier.run(d.event.eventId, d.event.dossierCode, d.receivedAt, d.source, JSON.stringify(d.event));
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    }),
  );
  const dossierPage = db.prepare(`SELECT seq, received_at, source, body FROM dossier_events WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true);
  const countDossiers = db.prepare(`SELECT COUNT(*) FROM dossier_events`).pluck();

  const upsertScore = db.prepare(
    `INSERT INTO official_scores (unit_code, period, origin, fetched_at, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (unit_code, period, origin) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body
     WHERE excluded.fetched_at >= official_scores.fetched_at`,
  );
  const putScoresTx = db.transaction((scores: readonly Official766Score[]) => {
    for (const x of scores) upsertScore.run(x.unitCode, x.period, x.origin, Date.parse(x.fetchedAt), JSON.stringify(x));
  });
  const selectScores = db
    .prepare(
      `SELECT body FROM official_scores WHERE (@unit IS NULL OR unit_code = @unit) AND (@period IS NULL OR period = @period) ORDER BY period, unit_code, origin`,
    )
    .pluck();

  const deleteOld = db.prepare(
    `DELETE FROM observations WHERE seq IN (SELECT seq FROM observations WHERE observed_at < ? AND seq < (SELECT MAX(seq) FROM observations) ORDER BY seq LIMIT ?)`,
  );

  const rangeObs = db.prepare(`SELECT COUNT(*) FROM observations WHERE seq > ? AND seq <= ?`).pluck();
  const rangeDossiers = db.prepare(`SELECT COUNT(*) FROM dossier_events WHERE seq > ? AND seq <= ?`).pluck();
  // A log written before rollups existed (or by an older version) gets them once, on open.
  if (db.prepare(`SELECT value FROM meta WHERE key = 'rollups'`).pluck().get() === undefined) rebuildTx();
  const insertAlertStmt = db.prepare(`INSERT OR IGNORE INTO alerts (id, status, area, updated_at, revision, body) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertAlertEvent = db.prepare(`INSERT INTO alert_events (alert_id, at, actor, action, note, detail) VALUES (?, ?, ?, ?, ?, ?)`);
  const updateAlertStmt = db.prepare(`UPDATE alerts SET status = ?, area = ?, updated_at = ?, revision = ?, body = ? WHERE id = ? AND revision = ?`);
  const getAlertStmt = db.prepare(`SELECT body FROM alerts WHERE id = ?`).pluck();
  const alertEventsStmt = db.prepare(`SELECT ${ALERT_EVENT_COLUMNS} FROM alert_events WHERE alert_id = ? ORDER BY seq`).raw(true);
  const addEvent = (e: NewAlertEvent): AlertEvent => {
    const r = insertAlertEvent.run(e.alertId, e.at, e.actor, e.action, e.note, JSON.stringify(e.detail));
    return { ...e, seq: Number(r.lastInsertRowid) };
  };
  const insertAlertTx = db.transaction((a: Alert, e: NewAlertEvent) => {
    const r = insertAlertStmt.run(a.id, a.status, a.area, a.updatedAt, a.revision, JSON.stringify(a));
    if (r.changes !== 1) return false;
    addEvent(e);
    return true;
  });
  const updateAlertTx = db.transaction((a: Alert, expected: number, e: NewAlertEvent) => {
    const r = updateAlertStmt.run(a.status, a.area, a.updatedAt, a.revision, JSON.stringify(a), a.id, expected);
    return r.changes === 1 ? addEvent(e) : null;
  });
  const nextVersion = db.prepare(`SELECT COALESCE(MAX(version), 0) + 1 FROM report_submissions WHERE regime = ? AND unit = ? AND period = ?`).pluck();
  const insertReport = db.prepare(
    `INSERT INTO report_submissions (regime, unit, period, version, submitted_at, received_at, source, origin, signed_by, file_name, report_values)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const putReportsTx = db.transaction((batch: readonly ReportSubmission[]) =>
    batch.map((r) => {
      const version = nextVersion.get(r.regime, r.unit, r.period) as number;
      insertReport.run(r.regime, r.unit, r.period, version, r.submittedAt, r.receivedAt, r.source, r.origin, r.signedBy, r.fileName, JSON.stringify(r.values));
      return version;
    }),
  );
  const selectReports = db
    .prepare(
      `SELECT ${REPORT_COLUMNS} FROM report_submissions
       WHERE (@regime IS NULL OR regime = @regime) AND (@unit IS NULL OR unit = @unit) AND (@period IS NULL OR period = @period)
       ORDER BY regime, unit, period, version`,
    )
    .raw(true);
  const reviewReport = db.prepare(
    `UPDATE report_submissions SET review = ?, reviewed_at = ?, review_note = ? WHERE regime = ? AND unit = ? AND period = ? AND version = ?`,
  );

  let closed = false;
  return {
    kind: 'sqlite',
    epoch,
    reference: sqliteReferenceStore(db),
    async append(batch) {
      return appendTx(batch);
    },
    async replay(fromSeq, onBatch, batchSize = 10_000) {
      let last = fromSeq;
      for (;;) {
        const rows = page.all(last, batchSize) as ObservationTuple[];
        if (rows.length === 0) return last;
        const batch = rows.map(observationFromRow);
        last = batch[batch.length - 1]!.seq;
        onBatch(batch);
      }
    },
    async history(req: HistoryRequest) {
      const rows = historyStation.all(req.station, req.indicator, req.from, req.to, req.limit + 1) as [number, number | null, number | null, number | null][];
      const truncated = rows.length > req.limit;
      const points: HistoryPoint[] = rows.slice(0, req.limit).map(([t, value, numerator, denominator]) => {
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
      return appendDossierTx(batch);
    },
    async replayDossierEvents(fromSeq, onBatch, batchSize = 10_000) {
      let last = fromSeq;
      for (;;) {
        const rows = dossierPage.all(last, batchSize) as [number, number, string, string][];
        if (rows.length === 0) return last;
        const batch: StoredDossierEvent[] = rows.map(([seq, receivedAt, source, body]) => ({
          seq,
          receivedAt,
          source,
          event: JSON.parse(body) as DossierEvent,
        }));
        last = rows[rows.length - 1]![0];
        onBatch(batch);
      }
    },
    async putOfficialScores(scores) {
      putScoresTx(scores);
    },
    async officialScores(filter) {
      return (selectScores.all({ unit: filter.unitCode ?? null, period: filter.period ?? null }) as string[]).map((b) => JSON.parse(b) as Official766Score);
    },
    async putReportSubmissions(batch) {
      return putReportsTx(batch);
    },
    async reportSubmissions(filter) {
      const rows = selectReports.all({ regime: filter.regime ?? null, unit: filter.unit ?? null, period: filter.period ?? null }) as ReportTuple[];
      return rows.map(reportFromRow);
    },
    async reviewReportSubmission(key, review) {
      return reviewReport.run(review.review, review.at, review.note, key.regime, key.unit, key.period, key.version).changes === 1;
    },
    async countDossierEvents() {
      return countDossiers.get() as number;
    },
    async deleteObservationsBefore(observedAt, batchSize = 10_000) {
      let total = 0;
      for (;;) {
        // one short transaction per batch; yield between batches so ingest keeps flowing
        const n = deleteOld.run(observedAt, batchSize).changes;
        total += n;
        if (n < batchSize) return total;
        await new Promise((r) => setImmediate(r));
      }
    },
    async countRange(log, afterSeq, toSeq) {
      return (log === 'observations' ? rangeObs : rangeDossiers).get(afterSeq, toSeq) as number;
    },
    async rollups(req: RollupRequest) {
      return (selectRollups.all(req.grain, req.indicator, req.area, req.from, req.to) as RollupTuple[]).map((r) => rollupFromRow(req, r));
    },
    async rebuildRollups() {
      return rebuildTx();
    },
    async insertAlert(alert, event) {
      return insertAlertTx(alert, event);
    },
    async updateAlert(alert, expectedRevision, event) {
      return updateAlertTx(alert, expectedRevision, event);
    },
    async getAlert(id) {
      const b = getAlertStmt.get(id) as string | undefined;
      return b === undefined ? null : (JSON.parse(b) as Alert);
    },
    async listAlerts(filter) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (filter.status?.length) {
        where.push(`status IN (${filter.status.map(() => '?').join(', ')})`);
        args.push(...filter.status);
      }
      if (filter.areas) {
        if (filter.areas.length === 0) return [];
        where.push(`area IN (${filter.areas.map(() => '?').join(', ')})`);
        args.push(...filter.areas);
      }
      if (filter.since !== undefined) {
        where.push('updated_at >= ?');
        args.push(filter.since);
      }
      const sql = `SELECT body FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id DESC LIMIT ?`;
      return (
        db
          .prepare(sql)
          .pluck()
          .all(...args, filter.limit) as string[]
      ).map((b) => JSON.parse(b) as Alert);
    },
    async alertEvents(alertId) {
      return (alertEventsStmt.all(alertId) as AlertEventTuple[]).map(alertEventFromRow);
    },
    async lastSeq() {
      return lastSeqStmt.get() as number;
    },
    async count() {
      return countStmt.get() as number;
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
