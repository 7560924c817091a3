/**
 * The SQLite schema, created if missing at every open (CREATE … IF NOT EXISTS): one table per log
 * and the `meta` table (epoch, rollup build mark). A new table is appended here.
 */
export const SQLITE_SCHEMA = `
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
`;
