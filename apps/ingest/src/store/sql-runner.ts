import type Database from 'better-sqlite3';
import type pg from 'pg';
import { transactions } from './postgres/pool.ts';

/**
 * The few operations the small, rarely written tables (accounts, sessions, devices, feed sources,
 * the audit log) need, in SQL both engines accept (`?` placeholders, `AS "camelCase"` aliases,
 * `ON CONFLICT DO NOTHING`, `RETURNING`). Each store part over these tables is written once on a
 * runner; the engine files only make the runner. The hot logs keep their own per-engine code.
 */
export interface SqlRunner {
  /** Rows as objects (column aliases as keys). */
  all<T>(sql: string, args?: readonly unknown[]): Promise<T[]>;
  /** The number of rows changed. */
  run(sql: string, args?: readonly unknown[]): Promise<number>;
  /** Statements in one transaction, in order; the rows changed by each. */
  batch(statements: readonly (readonly [string, readonly unknown[]])[]): Promise<number[]>;
}

/** better-sqlite3: statements prepared once per text; a batch is one synchronous transaction. */
export function sqliteRunner(db: Database.Database): SqlRunner {
  const prepared = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) {
      s = db.prepare(sql);
      prepared.set(sql, s);
    }
    return s;
  };
  const tx = db.transaction((statements: readonly (readonly [string, readonly unknown[]])[]) =>
    statements.map(([sql, args]) => stmt(sql).run(...args).changes),
  );
  return {
    async all<T>(sql: string, args: readonly unknown[] = []) {
      return stmt(sql).all(...args) as T[];
    },
    async run(sql, args = []) {
      return stmt(sql).run(...args).changes;
    },
    async batch(statements) {
      return tx(statements);
    },
  };
}

/** `?` → `$1, $2, …` (the statements hold no `?` inside string literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** node-postgres: a batch runs on one pooled connection between BEGIN and COMMIT. */
export function postgresRunner(pool: pg.Pool): SqlRunner {
  const tx = transactions(pool);
  const texts = new Map<string, string>();
  const text = (sql: string) => {
    let t = texts.get(sql);
    if (t === undefined) {
      t = numbered(sql);
      texts.set(sql, t);
    }
    return t;
  };
  return {
    async all<T>(sql: string, args: readonly unknown[] = []) {
      return (await pool.query({ text: text(sql), values: [...args] })).rows as T[];
    },
    async run(sql, args = []) {
      return (await pool.query({ text: text(sql), values: [...args] })).rowCount ?? 0;
    },
    async batch(statements) {
      return tx(async (c) => {
        const out: number[] = [];
        for (const [sql, args] of statements) out.push((await c.query({ text: text(sql), values: [...args] })).rowCount ?? 0);
        return out;
      });
    },
  };
}

/** A row as a runner returns it (column aliases as keys). */
export type Row = Record<string, unknown>;

// Column conversions: the engines return BIGINT epochs as numbers or strings, flags as 0/1, JSON columns as text.
export const epoch = (v: unknown): number => Number(v);
export const epochOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const flag = (v: unknown): boolean => Number(v) === 1;
export const json = <T>(v: unknown): T => JSON.parse(v as string) as T;
export const jsonOrNull = <T>(v: unknown): T | null => (v === null || v === undefined ? null : json<T>(v));

/** One row mapping: the row as the runner returns it, with the columns named in `convert` converted. */
export function rowMapper<T>(convert: { [K in keyof T]?: (v: unknown) => T[K] }): (r: Row) => T {
  const conversions = Object.entries(convert) as [string, (v: unknown) => unknown][];
  return (r) => {
    const out: Row = { ...r };
    for (const [column, to] of conversions) out[column] = to(r[column]);
    return out as T;
  };
}
