import type pg from 'pg';
import type { ReportSubmission } from '@cityioc/contracts';
import { REPORT_COLUMNS, reportFromRow } from '../rows.ts';
import type { ReportTuple } from '../rows.ts';
import type { ReportLog } from '../store.ts';
import type { Transaction } from './pool.ts';

/** Decree 09 report submissions in the PostgreSQL store, every version kept. */
export function postgresReports(pool: pg.Pool, tx: Transaction): ReportLog {
  return {
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
  };
}
