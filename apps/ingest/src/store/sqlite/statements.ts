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

/** The VALUES list of an n-row statement: `(?, ?), (?, ?)` for 2 rows of 2 columns. */
export function placeholderRows(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/**
 * Writes `rows` through statements of at most `perStatement` rows: `run(n, params)` gets each slice with
 * its values row by row, in `fields` order, in one parameter array reused from slice to slice.
 */
export function forEachSlice<T>(rows: readonly T[], perStatement: number, fields: readonly (keyof T)[], run: (n: number, params: unknown[]) => void): void {
  const params: unknown[] = [];
  for (let from = 0; from < rows.length; from += perStatement) {
    const n = Math.min(perStatement, rows.length - from);
    params.length = n * fields.length;
    let q = 0;
    for (let i = from; i < from + n; i++) {
      const row = rows[i]!;
      for (const f of fields) params[q++] = row[f];
    }
    run(n, params);
  }
}
