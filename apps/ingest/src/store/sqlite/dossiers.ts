import type Database from 'better-sqlite3';
import type { DossierEvent, Official766Score } from '@cityioc/contracts';
import type { DossierLog, NewDossierEvent, StoredDossierEvent } from '../store.ts';

/** The dossier-event log and the official 766 scores of the SQLite store. */
export function sqliteDossiers(db: Database.Database): DossierLog {
  const insertDossier = db.prepare(`INSERT OR IGNORE INTO dossier_events (event_id, dossier_code, received_at, source, body) VALUES (?, ?, ?, ?, ?)`);
  const appendDossierTx = db.transaction((batch: readonly NewDossierEvent[]) =>
    batch.map((d) => {
      const r = insertDossier.run(d.event.eventId, d.event.dossierCode, d.receivedAt, d.source, JSON.stringify(d.event));
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    }),
  );
  const dossierPage = db.prepare(`SELECT seq, received_at, source, body FROM dossier_events WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true);
  const countDossiers = db.prepare(`SELECT COUNT(*) FROM dossier_events`).pluck();

  const upsertScore = db.prepare(
    `INSERT INTO official_scores (unit_code, period, origin, fetched_at, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (unit_code, period, origin) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body
     WHERE excluded.fetched_at >= official_scores.fetched_at`,
  );
  const putScoresTx = db.transaction((scores: readonly Official766Score[]) => {
    for (const x of scores) upsertScore.run(x.unitCode, x.period, x.origin, Date.parse(x.fetchedAt), JSON.stringify(x));
  });
  const selectScores = db
    .prepare(
      `SELECT body FROM official_scores WHERE (@unit IS NULL OR unit_code = @unit) AND (@period IS NULL OR period = @period) ORDER BY period, unit_code, origin`,
    )
    .pluck();

  return {
    async appendDossierEvents(batch) {
      return appendDossierTx(batch);
    },
    async replayDossierEvents(fromSeq, onBatch, batchSize = 10_000) {
      let last = fromSeq;
      for (;;) {
        const rows = dossierPage.all(last, batchSize) as [number, number, string, string][];
        if (rows.length === 0) return last;
        const batch: StoredDossierEvent[] = rows.map(([seq, receivedAt, source, body]) => ({
          seq,
          receivedAt,
          source,
          event: JSON.parse(body) as DossierEvent,
        }));
        last = rows[rows.length - 1]![0];
        onBatch(batch);
      }
    },
    async countDossierEvents() {
      return countDossiers.get() as number;
    },
    async putOfficialScores(scores) {
      putScoresTx(scores);
    },
    async officialScores(filter) {
      return (selectScores.all({ unit: filter.unitCode ?? null, period: filter.period ?? null }) as string[]).map((b) => JSON.parse(b) as Official766Score);
    },
  };
}
