import type Database from 'better-sqlite3';
import type { Official766Score } from '@cityioc/contracts';
import { DOSSIER_EVENT_LOG } from '../rows.ts';
import type { DossierLog } from '../store.ts';
import { sqliteJsonLog } from './json-log.ts';

/** The dossier-event log and the official 766 scores of the SQLite store. */
export function sqliteDossiers(db: Database.Database): DossierLog {
  const events = sqliteJsonLog(db, DOSSIER_EVENT_LOG);
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
    appendDossierEvents: events.append,
    replayDossierEvents: events.replay,
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
