import type Database from 'better-sqlite3';
import type { Directive, DirectiveAttachment } from '@cityioc/contracts';
import { feedbackDdl, feedbackLogOf, type DirectiveLog, type FeedbackLog } from '../feedback-store.ts';
import { PAKN_LOG, RATING_LOG } from '../rows.ts';
import { sqliteJsonLog } from './json-log.ts';

/** PAKN events, ratings and directives of the SQLite store. */
export function sqliteFeedback(db: Database.Database): FeedbackLog & DirectiveLog {
  db.exec(feedbackDdl('sqlite'));
  const insertDirective = db.prepare(`INSERT OR IGNORE INTO directives (id, status, due_at, updated_at, revision, body) VALUES (?, ?, ?, ?, ?, ?)`);
  const updateDirective = db.prepare(`UPDATE directives SET status = ?, due_at = ?, updated_at = ?, revision = ?, body = ? WHERE id = ? AND revision = ?`);
  const getDirective = db.prepare(`SELECT body FROM directives WHERE id = ?`).pluck();
  const listDirectives = db.prepare(`SELECT body FROM directives ORDER BY updated_at DESC, id`).pluck();
  const insertAttachment = db.prepare(`INSERT INTO directive_attachments (id, directive_id, uploaded_at, meta, data) VALUES (?, ?, ?, ?, ?)`);
  const getAttachment = db.prepare(`SELECT meta, data FROM directive_attachments WHERE id = ?`);
  return {
    ...feedbackLogOf(sqliteJsonLog(db, PAKN_LOG), sqliteJsonLog(db, RATING_LOG)),
    async insertDirective(d) {
      return insertDirective.run(d.id, d.status, d.dueAt, d.updatedAt, d.revision, JSON.stringify(d)).changes === 1;
    },
    async updateDirective(d, expected) {
      return updateDirective.run(d.status, d.dueAt, d.updatedAt, d.revision, JSON.stringify(d), d.id, expected).changes === 1;
    },
    async getDirective(id) {
      const b = getDirective.get(id) as string | undefined;
      return b === undefined ? null : (JSON.parse(b) as Directive);
    },
    async listDirectives() {
      return (listDirectives.all() as string[]).map((b) => JSON.parse(b) as Directive);
    },
    async putAttachment(a, data) {
      insertAttachment.run(a.id, a.directiveId, a.uploadedAt, JSON.stringify(a), data);
    },
    async getAttachment(id) {
      const r = getAttachment.get(id) as { meta: string; data: Buffer } | undefined;
      return r ? { attachment: JSON.parse(r.meta) as DirectiveAttachment, data: r.data } : null;
    },
  };
}
