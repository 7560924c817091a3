import type pg from 'pg';
import type { Directive, DirectiveAttachment, DossierRating, PaknEvent } from '@cityioc/contracts';
import { feedbackDdl, type DirectiveLog, type FeedbackLog } from '../feedback-store.ts';
import { firstOccurrences, seqsInOrder } from './pool.ts';

/** The migration that adds the tables of issue 14 (appended to the store's MIGRATIONS list). */
export const FEEDBACK_MIGRATION = {
  name: 'PAKN events, dossier ratings, directives and their attachments (issue 14)',
  sql: feedbackDdl('postgres'),
};

/** An idempotent log of JSON bodies (ON CONFLICT DO NOTHING by id) and its replay in seq order. */
function jsonLog<In, Out>(
  pool: pg.Pool,
  table: string,
  idCol: string,
  keyCol: string,
  row: (x: In) => [string, string, number, string, string],
  out: (seq: number, receivedAt: number, source: string, body: unknown) => Out,
) {
  const insert = `
    INSERT INTO ${table} (${idCol}, ${keyCol}, received_at, source, body)
    SELECT id, k, received_at, source, body
    FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS t (id, k, received_at, source, body, ord)
    ORDER BY ord
    ON CONFLICT (${idCol}) DO NOTHING
    RETURNING ${idCol}, seq`;
  return {
    append: async (batch: readonly In[]) => {
      if (batch.length === 0) return [];
      const rows = batch.map(row);
      const ids = rows.map((r) => r[0]);
      const { unique, index } = firstOccurrences(ids);
      const col = (k: number) => unique.map((i) => rows[i]![k]);
      const res = await pool.query<[string, number]>({ text: insert, values: [col(0), col(1), col(2), col(3), col(4)], rowMode: 'array' });
      return seqsInOrder(ids, index, res.rows);
    },
    replay: async (fromSeq: number, onBatch: (b: Out[]) => void, batchSize = 10_000) => {
      let last = fromSeq;
      for (;;) {
        const res = await pool.query<[number, number, string, string]>({
          text: `SELECT seq, received_at, source, body FROM ${table} WHERE seq > $1 ORDER BY seq LIMIT $2`,
          values: [last, batchSize],
          rowMode: 'array',
        });
        if (res.rows.length === 0) return last;
        last = res.rows[res.rows.length - 1]![0];
        onBatch(res.rows.map(([seq, receivedAt, source, body]) => out(seq, receivedAt, source, JSON.parse(body))));
      }
    },
  };
}

/** PAKN events, ratings and directives of the PostgreSQL store. */
export function postgresFeedback(pool: pg.Pool): FeedbackLog & DirectiveLog {
  const pakn = jsonLog(
    pool,
    'pakn_events',
    'event_id',
    'pakn_id',
    (x: { event: PaknEvent; receivedAt: number; source: string }) => [x.event.eventId, x.event.paknId, x.receivedAt, x.source, JSON.stringify(x.event)],
    (seq, receivedAt, source, body) => ({ seq, receivedAt, source, event: body as PaknEvent }),
  );
  const ratings = jsonLog(
    pool,
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
  return {
    appendPaknEvents: pakn.append,
    replayPaknEvents: pakn.replay,
    appendRatings: ratings.append,
    replayRatings: ratings.replay,
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
