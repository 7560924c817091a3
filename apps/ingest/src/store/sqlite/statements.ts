import type Database from 'better-sqlite3';

/**
 * Multi-row statements prepared on first use, one per number of rows (the last chunk of a batch is
 * shorter): the observation insert and the rollup upsert. `raw`: rows as arrays (for RETURNING).
 */
export function statementsBySize(db: Database.Database, raw: boolean, sql: (rows: number) => string): (rows: number) => Database.Statement {
  const cache = new Map<number, Database.Statement>();
  return (rows) => {
    let s = cache.get(rows);
    if (!s) {
      s = db.prepare(sql(rows));
      if (raw) s.raw(true);
      cache.set(rows, s);
    }
    return s;
  };
}
