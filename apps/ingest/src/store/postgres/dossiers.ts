import type pg from 'pg';
import type { DossierEvent, Official766Score } from '@cityioc/contracts';
import type { DossierLog, StoredDossierEvent } from '../store.ts';
import { firstOccurrences, seqsInOrder, type Transaction } from './pool.ts';

const INSERT_DOSSIERS = `
  INSERT INTO dossier_events (event_id, dossier_code, received_at, source, body)
  SELECT event_id, dossier_code, received_at, source, body
  FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS t (event_id, dossier_code, received_at, source, body, ord)
  ORDER BY ord
  ON CONFLICT (event_id) DO NOTHING
  RETURNING event_id, seq`;

/** The dossier-event log and the official 766 scores of the PostgreSQL store. */
export function postgresDossiers(pool: pg.Pool, tx: Transaction): DossierLog {
  return {
    async appendDossierEvents(batch) {
      if (batch.length === 0) return [];
      const ids = batch.map((d) => d.event.eventId);
      const { unique, index } = firstOccurrences(ids);
      const res = await pool.query<[string, number]>({
        text: INSERT_DOSSIERS,
        values: [
          unique.map((i) => batch[i]!.event.eventId),
          unique.map((i) => batch[i]!.event.dossierCode),
          unique.map((i) => batch[i]!.receivedAt),
          unique.map((i) => batch[i]!.source),
          unique.map((i) => JSON.stringify(batch[i]!.event)),
        ],
        rowMode: 'array',
      });
      return seqsInOrder(ids, index, res.rows);
    },
    async replayDossierEvents(fromSeq, onBatch, batchSize = 10_000) {
      let last = fromSeq;
      for (;;) {
        const res = await pool.query<[number, number, string, string]>({
          text: `SELECT seq, received_at, source, body FROM dossier_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
          values: [last, batchSize],
          rowMode: 'array',
        });
        if (res.rows.length === 0) return last;
        const batch: StoredDossierEvent[] = res.rows.map(([seq, receivedAt, source, body]) => ({
          seq,
          receivedAt,
          source,
          event: JSON.parse(body) as DossierEvent,
        }));
        last = batch[batch.length - 1]!.seq;
        onBatch(batch);
      }
    },
    async countDossierEvents() {
      return Number((await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM dossier_events')).rows[0]!.n);
    },
    async putOfficialScores(scores: readonly Official766Score[]) {
      if (scores.length === 0) return;
      await tx(async (c) => {
        for (const x of scores)
          await c.query(
            `INSERT INTO official_scores (unit_code, period, origin, fetched_at, body) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (unit_code, period, origin) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body
             WHERE excluded.fetched_at >= official_scores.fetched_at`,
            [x.unitCode, x.period, x.origin, Date.parse(x.fetchedAt), JSON.stringify(x)],
          );
      });
    },
    async officialScores(filter) {
      const res = await pool.query<{ body: string }>(
        `SELECT body FROM official_scores WHERE ($1::text IS NULL OR unit_code = $1) AND ($2::text IS NULL OR period = $2)
         ORDER BY period COLLATE "C", unit_code COLLATE "C", origin COLLATE "C"`,
        [filter.unitCode ?? null, filter.period ?? null],
      );
      return res.rows.map((r) => JSON.parse(r.body) as Official766Score);
    },
  };
}
