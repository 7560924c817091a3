import type { AlertEvent, DossierEvent, DossierRating, Observation, PaknEvent, StoredReportSubmission } from '@cityioc/contracts';
import type { RollupRow } from '@cityioc/domain';
import type { NewDossierEvent, NewPaknEvent, NewRating, RollupRequest, StoredDossierEvent, StoredPaknEvent, StoredRating } from './store.ts';

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
  string,
  string,
  string,
  number,
  number,
  number,
  string,
  string,
  string | null,
  string | null,
  string,
  string | null,
  number | null,
  string | null,
];
export const reportFromRow = ([
  regime,
  unit,
  period,
  version,
  submittedAt,
  receivedAt,
  source,
  origin,
  signedBy,
  fileName,
  values,
  review,
  reviewedAt,
  reviewNote,
]: ReportTuple): StoredReportSubmission => ({
  regime,
  unit,
  period,
  version,
  submittedAt,
  receivedAt,
  source,
  origin: origin as StoredReportSubmission['origin'],
  signedBy,
  fileName,
  values: JSON.parse(values) as StoredReportSubmission['values'],
  review: review as StoredReportSubmission['review'],
  reviewedAt,
  reviewNote,
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

export const DOSSIER_EVENT_LOG: JsonLogSpec<NewDossierEvent, StoredDossierEvent> = {
  table: 'dossier_events',
  idCol: 'event_id',
  keyCol: 'dossier_code',
  toRow: (x) => [x.event.eventId, x.event.dossierCode, x.receivedAt, x.source, JSON.stringify(x.event)],
  fromRow: ([seq, receivedAt, source, body]) => ({ seq, receivedAt, source, event: JSON.parse(body) as DossierEvent }),
};

export const PAKN_LOG: JsonLogSpec<NewPaknEvent, StoredPaknEvent> = {
  table: 'pakn_events',
  idCol: 'event_id',
  keyCol: 'pakn_id',
  toRow: (x) => [x.event.eventId, x.event.paknId, x.receivedAt, x.source, JSON.stringify(x.event)],
  fromRow: ([seq, receivedAt, source, body]) => ({ seq, receivedAt, source, event: JSON.parse(body) as PaknEvent }),
};

export const RATING_LOG: JsonLogSpec<NewRating, StoredRating> = {
  table: 'dossier_ratings',
  idCol: 'rating_id',
  keyCol: 'dossier_code',
  toRow: (x) => [x.rating.ratingId, x.rating.dossierCode, x.receivedAt, x.source, JSON.stringify(x.rating)],
  fromRow: ([seq, receivedAt, source, body]) => ({ seq, receivedAt, source, rating: JSON.parse(body) as DossierRating }),
};
