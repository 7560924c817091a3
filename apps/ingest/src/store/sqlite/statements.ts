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

/** How a row becomes the values of a statement: `width` values, written from `at` in the statement's parameters. */
export interface RowValues<T> {
  width: number;
  put(row: T, params: unknown[], at: number): void;
}

/** The values of a row's `fields`, in their order (a generic loop; a hot path writes its fields out by name). */
export function valuesOf<T>(fields: readonly (keyof T)[]): RowValues<T> {
  return {
    width: fields.length,
    put(row, params, at) {
      for (const f of fields) params[at++] = row[f];
    },
  };
}

/**
 * Writes `rows` through statements of at most `perStatement` rows: `run(n, params)` gets each slice with
 * its values row by row, in one parameter array reused from slice to slice.
 */
export function forEachSlice<T>(rows: readonly T[], perStatement: number, values: RowValues<T>, run: (n: number, params: unknown[]) => void): void {
  const params: unknown[] = [];
  const w = values.width;
  for (let from = 0; from < rows.length; from += perStatement) {
    const n = Math.min(perStatement, rows.length - from);
    params.length = n * w;
    for (let i = 0; i < n; i++) values.put(rows[from + i]!, params, i * w);
    run(n, params);
  }
}
