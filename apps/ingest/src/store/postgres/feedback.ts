import type pg from 'pg';
import type { Directive, DirectiveAttachment } from '@cityioc/contracts';
import { feedbackDdl, feedbackLogOf, type DirectiveLog, type FeedbackLog } from '../feedback-store.ts';
import { PAKN_LOG, RATING_LOG } from '../rows.ts';
import { postgresJsonLog } from './json-log.ts';

/** The migration that adds the tables of issue 14 (appended to the store's MIGRATIONS list). */
export const FEEDBACK_MIGRATION = {
  name: 'PAKN events, dossier ratings, directives and their attachments (issue 14)',
  sql: feedbackDdl('postgres'),
};

/** PAKN events, ratings and directives of the PostgreSQL store. */
export function postgresFeedback(pool: pg.Pool): FeedbackLog & DirectiveLog {
  return {
    ...feedbackLogOf(postgresJsonLog(pool, PAKN_LOG), postgresJsonLog(pool, RATING_LOG)),
    async insertDirective(d) {
      const r = await pool.query(
        `INSERT INTO directives (id, status, due_at, updated_at, revision, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [d.id, d.status, d.dueAt, d.updatedAt, d.revision, JSON.stringify(d)],
      );
      return r.rowCount === 1;
    },
    async updateDirective(d, expected) {
      const r = await pool.query(`UPDATE directives SET status = $1, due_at = $2, updated_at = $3, revision = $4, body = $5 WHERE id = $6 AND revision = $7`, [
        d.status,
        d.dueAt,
        d.updatedAt,
        d.revision,
        JSON.stringify(d),
        d.id,
        expected,
      ]);
      return r.rowCount === 1;
    },
    async getDirective(id) {
      const r = await pool.query<{ body: string }>(`SELECT body FROM directives WHERE id = $1`, [id]);
      return r.rows[0] ? (JSON.parse(r.rows[0].body) as Directive) : null;
    },
    async listDirectives() {
      const r = await pool.query<{ body: string }>(`SELECT body FROM directives ORDER BY updated_at DESC, id COLLATE "C"`);
      return r.rows.map((x) => JSON.parse(x.body) as Directive);
    },
    async putAttachment(a, data) {
      await pool.query(`INSERT INTO directive_attachments (id, directive_id, uploaded_at, meta, data) VALUES ($1, $2, $3, $4, $5)`, [
        a.id,
        a.directiveId,
        a.uploadedAt,
        JSON.stringify(a),
        data,
      ]);
    },
    async getAttachment(id) {
      const r = await pool.query<{ meta: string; data: Buffer }>(`SELECT meta, data FROM directive_attachments WHERE id = $1`, [id]);
      return r.rows[0] ? { attachment: JSON.parse(r.rows[0].meta) as DirectiveAttachment, data: r.rows[0].data } : null;
    },
  };
}
