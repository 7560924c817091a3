import type Database from 'better-sqlite3';
import type { ReportSubmission } from '@cityioc/contracts';
import { REPORT_COLUMNS, reportFromRow } from '../rows.ts';
import type { ReportTuple } from '../rows.ts';
import type { ReportLog } from '../store.ts';

/** Decree 09 report submissions in the SQLite store, every version kept. */
export function sqliteReports(db: Database.Database): ReportLog {
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

  return {
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
  };
}
