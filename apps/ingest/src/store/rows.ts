import type { AlertEvent, StoredReportSubmission } from '@cityioc/contracts';
import type { RollupRow } from '@cityioc/domain';
import type { RollupRequest } from './store.ts';

/**
 * Row shapes both stores read in the same column order (SQLite `.raw()`, PostgreSQL
 * `rowMode: 'array'`), and the one mapping from each to its domain type.
 */

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
