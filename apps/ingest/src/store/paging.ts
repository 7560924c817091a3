/**
 * Reading a log in seq order, one page at a time: the one loop behind every `replay…` and the
 * rollup rebuild of both engines. A page's rows carry their seq in the first column; reading stops
 * at the first empty page and returns the last seq read (or `fromSeq` when there was nothing).
 */
type SeqRow = readonly [number, ...unknown[]];

/** better-sqlite3 reads synchronously, so the loop can run inside a `db.transaction`. */
export function readPagesSync<R extends SeqRow, T>(
  fromSeq: number,
  batchSize: number,
  page: (afterSeq: number, limit: number) => R[],
  map: (row: R) => T,
  onBatch: (batch: T[]) => void,
): number {
  for (let last = fromSeq; ;) {
    const rows = page(last, batchSize);
    if (rows.length === 0) return last;
    last = rows[rows.length - 1]![0];
    onBatch(rows.map(map));
  }
}

/** node-postgres: each page is one query; `onBatch` may write (the rebuild writes rollups per page). */
export async function readPages<R extends SeqRow, T>(
  fromSeq: number,
  batchSize: number,
  page: (afterSeq: number, limit: number) => Promise<R[]>,
  map: (row: R) => T,
  onBatch: (batch: T[]) => void | Promise<void>,
): Promise<number> {
  for (let last = fromSeq; ;) {
    const rows = await page(last, batchSize);
    if (rows.length === 0) return last;
    last = rows[rows.length - 1]![0];
    await onBatch(rows.map(map));
  }
}
