import type { AlertEvent, DossierEvent, DossierRating, HistoryPoint, Observation, PaknEvent, StoredReportSubmission } from '@cityioc/contracts';
import type { RollupRow } from '@cityioc/domain';
import type { NewDossierEvent, NewPaknEvent, NewRating, Receipt, RollupRequest, StoredDossierEvent, StoredPaknEvent, StoredRating } from './store.ts';

/**
 * Row shapes both stores read in the same column order (SQLite `.raw()`, PostgreSQL
 * `rowMode: 'array'`), and the one mapping from each to its domain type.
 */

export const OBSERVATION_COLUMNS = 'seq, id, indicator, area, agency, station, observed_at, received_at, value, numerator, denominator, source';
export type ObservationTuple = [
  number,
  string,
  string,
  string,
  string | null,
  string | null,
  number,
  number,
  number | null,
  number | null,
  number | null,
  string,
];
export const observationFromRow = (r: ObservationTuple): Observation => ({
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
});

/** One station's raw series as both stores select it (observed_at, value, numerator, denominator), limit + 1 rows. */
export const HISTORY_COLUMNS = 'observed_at, value, numerator, denominator';
export type HistoryTuple = [t: number, value: number | null, numerator: number | null, denominator: number | null];
/** The first `limit` rows as points (a ratio reading's value is its numerator / denominator), and whether there were more. */
export function historyFromRows(rows: readonly HistoryTuple[], limit: number): { points: HistoryPoint[]; truncated: boolean } {
  const points = rows.slice(0, limit).map(([t, value, numerator, denominator]) => {
    const p: HistoryPoint = { t, value };
    if (numerator !== null && denominator !== null) {
      p.numerator = numerator;
      p.denominator = denominator;
      p.value = denominator > 0 ? numerator / denominator : null;
    }
    return p;
  });
  return { points, truncated: rows.length > limit };
}

export const ROLLUP_COLUMNS = 'bucket, n, sum, min, max, num, den, last_value, last_at, last_id';
export type RollupTuple = [number, number, number, number | null, number | null, number, number, number | null, number, string];
export const rollupFromRow = (req: RollupRequest, [bucket, n, sum, min, max, num, den, lastValue, lastAt, lastId]: RollupTuple): RollupRow => ({
  grain: req.grain,
  indicator: req.indicator,
  area: req.area,
  bucket,
  n,
  sum,
  min,
  max,
  num,
  den,
  lastValue,
  lastAt,
  lastId,
});

/**
 * How a rollup row merges into the stored one (ON CONFLICT … DO UPDATE), in SQL both engines accept:
 * CASE instead of MIN/MAX or LEAST/GREATEST. The latest value wins by (last_at, last_id), ids
 * compared as JavaScript strings compare them: `idCollate` is ' COLLATE "C"' on PostgreSQL (whatever
 * the database collation), '' on SQLite (BINARY already).
 */
export function rollupMergeSql(idCollate: string): string {
  const later = `excluded.last_at > rollups.last_at
         OR (excluded.last_at = rollups.last_at AND excluded.last_id${idCollate} > rollups.last_id${idCollate})`;
  return `ON CONFLICT (grain, indicator, area, bucket) DO UPDATE SET
    n = rollups.n + excluded.n,
    sum = rollups.sum + excluded.sum,
    min = CASE WHEN rollups.min IS NULL OR excluded.min < rollups.min THEN excluded.min ELSE rollups.min END,
    max = CASE WHEN rollups.max IS NULL OR excluded.max > rollups.max THEN excluded.max ELSE rollups.max END,
    num = rollups.num + excluded.num,
    den = rollups.den + excluded.den,
    last_value = CASE WHEN ${later} THEN excluded.last_value ELSE rollups.last_value END,
    last_id = CASE WHEN ${later} THEN excluded.last_id ELSE rollups.last_id END,
    last_at = CASE WHEN excluded.last_at > rollups.last_at THEN excluded.last_at ELSE rollups.last_at END`;
}

export const ALERT_EVENT_COLUMNS = 'seq, alert_id, at, actor, action, note, detail';
export type AlertEventTuple = [number, string, number, string, string, string | null, string];
export const alertEventFromRow = ([seq, alertId, at, actor, action, note, detail]: AlertEventTuple): AlertEvent => ({
  seq,
  alertId,
  at,
  actor,
  action: action as AlertEvent['action'],
  note,
  detail: JSON.parse(detail) as Record<string, unknown>,
});

export const REPORT_COLUMNS =
  'regime, unit, period, version, submitted_at, received_at, source, origin, signed_by, file_name, report_values, review, reviewed_at, review_note';
export type ReportTuple = [
  regime: string,
  unit: string,
  period: string,
  version: number,
  submittedAt: number,
  receivedAt: number,
  source: string,
  origin: string,
  signedBy: string | null,
  fileName: string | null,
  values: string,
  review: string | null,
  reviewedAt: number | null,
  reviewNote: string | null,
];
export const reportFromRow = (r: ReportTuple): StoredReportSubmission => ({
  regime: r[0],
  unit: r[1],
  period: r[2],
  version: r[3],
  submittedAt: r[4],
  receivedAt: r[5],
  source: r[6],
  origin: r[7] as StoredReportSubmission['origin'],
  signedBy: r[8],
  fileName: r[9],
  values: JSON.parse(r[10]) as StoredReportSubmission['values'],
  review: r[11] as StoredReportSubmission['review'],
  reviewedAt: r[12],
  reviewNote: r[13],
});

/**
 * The logs of JSON bodies idempotent by an id (dossier events, PAKN events, ratings): one table
 * shape (seq, id, key, received_at, source, body), one row in and one row out per log. Each engine
 * has one implementation over it (sqlite/json-log.ts, postgres/json-log.ts).
 */
export const JSON_LOG_COLUMNS = 'seq, received_at, source, body';
export type JsonLogTuple = [seq: number, receivedAt: number, source: string, body: string];
export interface JsonLogSpec<In, Out> {
  table: string;
  /** the unique id that makes appends idempotent */
  idCol: string;
  /** the id of the thing the entry is about (a dossier, a PAKN case) */
  keyCol: string;
  toRow(x: In): [id: string, key: string, receivedAt: number, source: string, body: string];
  fromRow(r: JsonLogTuple): Out;
}
/** What each engine makes of a spec: an idempotent append (a log position, or null for a duplicate id) and a replay in seq order. */
export interface JsonLog<In, Out> {
  append(batch: readonly In[]): Promise<(number | null)[]>;
  replay(fromSeq: number, onBatch: (batch: Out[]) => void, batchSize?: number): Promise<number>;
}

/** The spec of a log whose entries hold their item under `field`, with the item's id and key. */
function jsonLogSpec<F extends string, T>(
  table: string,
  idCol: string,
  keyCol: string,
  field: F,
  idAndKey: (item: T) => [id: string, key: string],
): JsonLogSpec<Receipt & Record<F, T>, Receipt & Record<F, T> & { seq: number }> {
  return {
    table,
    idCol,
    keyCol,
    toRow: (x) => [...idAndKey(x[field]), x.receivedAt, x.source, JSON.stringify(x[field])],
    fromRow: ([seq, receivedAt, source, body]) => ({ seq, receivedAt, source, [field]: JSON.parse(body) as T }) as Receipt & Record<F, T> & { seq: number },
  };
}

export const DOSSIER_EVENT_LOG: JsonLogSpec<NewDossierEvent, StoredDossierEvent> = jsonLogSpec(
  'dossier_events',
  'event_id',
  'dossier_code',
  'event',
  (e: DossierEvent) => [e.eventId, e.dossierCode],
);
export const PAKN_LOG: JsonLogSpec<NewPaknEvent, StoredPaknEvent> = jsonLogSpec('pakn_events', 'event_id', 'pakn_id', 'event', (e: PaknEvent) => [
  e.eventId,
  e.paknId,
]);
export const RATING_LOG: JsonLogSpec<NewRating, StoredRating> = jsonLogSpec('dossier_ratings', 'rating_id', 'dossier_code', 'rating', (r: DossierRating) => [
  r.ratingId,
  r.dossierCode,
]);
