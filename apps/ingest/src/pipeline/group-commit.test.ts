import { describe, expect, it } from 'vitest';
import { GroupCommitWriter, MAX_ROWS_PER_COMMIT } from './group-commit.ts';

interface Row {
  id: number;
}
const rows = (from: number, n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: from + i }));

/** A store that numbers new ids (a seen id is a duplicate) and logs each transaction. */
function fakeStore(log: string[], failOn?: number) {
  const seen = new Set<number>();
  let seq = 0;
  let tx = 0;
  return async (batch: readonly Row[]) => {
    tx++;
    log.push(`commit ${batch.length}`);
    if (tx === failOn) throw new Error('disk full');
    return batch.map((r) => (seen.has(r.id) ? null : (seen.add(r.id), ++seq)));
  };
}

describe('GroupCommitWriter', () => {
  it('commits a large append in bounded transactions, serving the event loop between them', async () => {
    const log: string[] = [];
    const committed: number[][] = [];
    const store = fakeStore(log);
    const writer = new GroupCommitWriter<Row>(
      async (b) => {
        const seqs = await store(b);
        setImmediate(() => log.push('other client'));
        return seqs;
      },
      (events) => committed.push(events.map((e) => e.seq)),
    );
    const n = 2 * MAX_ROWS_PER_COMMIT + 500;
    const seqs = await writer.append(rows(0, n));
    expect(log).toEqual([`commit ${MAX_ROWS_PER_COMMIT}`, 'other client', `commit ${MAX_ROWS_PER_COMMIT}`, 'other client', 'commit 500']);
    expect(seqs).toEqual(rows(1, n).map((r) => r.id));
    // live state sees every committed row once, in log order, one transaction at a time
    expect(committed.map((c) => c.length)).toEqual([MAX_ROWS_PER_COMMIT, MAX_ROWS_PER_COMMIT, 500]);
    expect(committed.flat()).toEqual(seqs);
    await writer.close();
  });

  it('answers each request once its last row is durable; a failed transaction fails only the requests not yet answered', async () => {
    const log: string[] = [];
    const writer = new GroupCommitWriter<Row>(fakeStore(log, 2), () => {});
    const small = writer.append(rows(0, 10)).then((s) => (log.push('small answered'), s));
    const large = writer.append(rows(10, MAX_ROWS_PER_COMMIT + 10)).then(
      () => log.push('large answered'),
      (e: Error) => log.push(`large failed: ${e.message}`),
    );
    const dup = writer.append([{ id: 3 }]);
    expect(await small).toEqual(rows(1, 10).map((r) => r.id));
    await large;
    await expect(dup).rejects.toThrow('disk full');
    expect(log).toEqual([`commit ${MAX_ROWS_PER_COMMIT}`, 'small answered', 'commit 21', 'large failed: disk full']);
  });

  it('gives duplicates no position and keeps one transaction for a small flush', async () => {
    const log: string[] = [];
    const writer = new GroupCommitWriter<Row>(fakeStore(log), () => {});
    const [a, b] = await Promise.all([writer.append(rows(0, 3)), writer.append([{ id: 1 }, { id: 7 }])]);
    expect([a, b]).toEqual([
      [1, 2, 3],
      [null, 4],
    ]);
    expect(log).toEqual(['commit 5']);
  });
});
