import type pg from 'pg';
import type { Official766Score } from '@cityioc/contracts';
import { DOSSIER_EVENT_LOG } from '../rows.ts';
import type { DossierLog } from '../store.ts';
import { postgresJsonLog } from './json-log.ts';
import type { Transaction } from './pool.ts';

/** The dossier-event log and the official 766 scores of the PostgreSQL store. */
export function postgresDossiers(pool: pg.Pool, tx: Transaction): DossierLog {
  const events = postgresJsonLog(pool, DOSSIER_EVENT_LOG);
  return {
    appendDossierEvents: events.append,
    replayDossierEvents: events.replay,
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
