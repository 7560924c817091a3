import type Database from 'better-sqlite3';
import type { Directive, DirectiveAttachment, DossierRating, PaknEvent } from '@cityioc/contracts';
import { feedbackDdl, type DirectiveLog, type FeedbackLog } from '../feedback-store.ts';

/** An idempotent log of JSON bodies (INSERT OR IGNORE by id) and its replay in seq order. */
function jsonLog<In, Out>(
  db: Database.Database,
  table: string,
  idCol: string,
  keyCol: string,
  row: (x: In) => [id: string, key: string, receivedAt: number, source: string, body: string],
  out: (seq: number, receivedAt: number, source: string, body: unknown) => Out,
) {
  const insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${idCol}, ${keyCol}, received_at, source, body) VALUES (?, ?, ?, ?, ?)`);
  const tx = db.transaction((batch: readonly In[]) =>
    batch.map((x) => {
      const r = insert.run(...row(x));
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    }),
  );
  const page = db.prepare(`SELECT seq, received_at, source, body FROM ${table} WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true);
  return {
    append: async (batch: readonly In[]) => tx(batch),
    replay: async (fromSeq: number, onBatch: (b: Out[]) => void, batchSize = 10_000) => {
      let last = fromSeq;
      for (;;) {
        const rows = page.all(last, batchSize) as [number, number, string, string][];
        if (rows.length === 0) return last;
        last = rows[rows.length - 1]![0];
        onBatch(rows.map(([seq, receivedAt, source, body]) => out(seq, receivedAt, source, JSON.parse(body))));
      }
    },
  };
}

/** PAKN events, ratings and directives of the SQLite store. */
export function sqliteFeedback(db: Database.Database): FeedbackLog & DirectiveLog {
  db.exec(feedbackDdl('sqlite'));
  const pakn = jsonLog(
    db,
    'pakn_events',
    'event_id',
    'pakn_id',
    (x: { event: PaknEvent; receivedAt: number; source: string }) => [x.event.eventId, x.event.paknId, x.receivedAt, x.source, JSON.stringify(x.event)],
    (seq, receivedAt, source, body) => ({ seq, receivedAt, source, event: body as PaknEvent }),
  );
  const ratings = jsonLog(
    db,
    'dossier_ratings',
    'rating_id',
    'dossier_code',
    (x: { rating: DossierRating; receivedAt: number; source: string }) => [
      x.rating.ratingId,
      x.rating.dossierCode,
      x.receivedAt,
      x.source,
      JSON.stringify(x.rating),
    ],
    (seq, receivedAt, source, body) => ({ seq, receivedAt, source, rating: body as DossierRating }),
  );
  const insertDirective = db.prepare(`INSERT OR IGNORE INTO directives (id, status, due_at, updated_at, revision, body) VALUES (?, ?, ?, ?, ?, ?)`);
  const updateDirective = db.prepare(`UPDATE directives SET status = ?, due_at = ?, updated_at = ?, revision = ?, body = ? WHERE id = ? AND revision = ?`);
  const getDirective = db.prepare(`SELECT body FROM directives WHERE id = ?`).pluck();
  const listDirectives = db.prepare(`SELECT body FROM directives ORDER BY updated_at DESC, id`).pluck();
  const insertAttachment = db.prepare(`INSERT INTO directive_attachments (id, directive_id, uploaded_at, meta, data) VALUES (?, ?, ?, ?, ?)`);
  const getAttachment = db.prepare(`SELECT meta, data FROM directive_attachments WHERE id = ?`);
  return {
    appendPaknEvents: pakn.append,
    replayPaknEvents: pakn.replay,
    appendRatings: ratings.append,
    replayRatings: ratings.replay,
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
