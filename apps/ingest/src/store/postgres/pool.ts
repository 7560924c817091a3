import pg from 'pg';

// BIGINT columns hold epoch ms and log positions, both far below 2^53: parse them as numbers.
export const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Runs `fn` in one transaction on one pooled connection. */
export type Transaction = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;

export function transactions(pool: pg.Pool): Transaction {
  return async (fn) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };
}

/** Keeps the first occurrence of each key; the others map to -1. */
export function firstOccurrences(keys: readonly string[]): { unique: number[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const unique: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (index.has(keys[i]!)) continue;
    index.set(keys[i]!, i);
    unique.push(i);
  }
  return { unique, index };
}

/** The log position of each key in batch order (null where RETURNING gave none: a duplicate). */
export function seqsInOrder(keys: readonly string[], index: Map<string, number>, rows: readonly (readonly [string, number])[]): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(keys.length).fill(null);
  for (const [k, seq] of rows) out[index.get(k)!] = seq;
  return out;
}

/** The arrays `unnest($1::…[], $2::…[], …)` takes: per field, its values over the rows, in row order. */
export function columnsOf<T, K extends keyof T>(rows: readonly T[], fields: readonly K[]): T[K][][] {
  return fields.map((f) => rows.map((r) => r[f]));
}
