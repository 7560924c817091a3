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

/**
 * A store that commits at the call, as SQLite does (numbering new ids), and makes each transaction durable only when the
 * test says so: `durable(k)` resolves the k-th transaction's flush (1-based), `lost(k)` fails it.
 */
function flushedLater(log: string[]) {
  const seen = new Set<number>();
  let seq = 0;
  const flushes: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const append = (batch: readonly Row[]) => {
    const seqs = batch.map((r) => (seen.has(r.id) ? null : (seen.add(r.id), ++seq)));
    log.push(`commit ${batch.length}`);
    return new Promise<(number | null)[]>((resolve, reject) => flushes.push({ resolve: () => resolve(seqs), reject }));
  };
  const turns = async (n = 10) => {
    for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    append,
    turns,
    durable: async (k: number) => (flushes[k - 1]!.resolve(), turns()),
    lost: async (k: number) => (flushes[k - 1]!.reject(new Error('fdatasync failed')), turns()),
  };
}

/** A pipelined writer on a `flushedLater` store: the transactions it commits (`log`) and the seqs it hands to live state (`committed`). */
function pipelinedWriter() {
  const log: string[] = [];
  const committed: number[][] = [];
  const store = flushedLater(log);
  const writer = new GroupCommitWriter<Row>(store.append, (events) => committed.push(events.map((e) => e.seq)), undefined, { commitsOnCall: true });
  return { log, committed, store, writer };
}

describe('GroupCommitWriter with commitsOnCall (SQLite: the next transaction commits while the disk flushes the previous one)', () => {
  it('commits every transaction of a flush without waiting for the disk; rows reach live state and requests are answered only once durable, in log order', async () => {
    const { log, committed, store, writer } = pipelinedWriter();
    const answered: string[] = [];
    const large = writer.append(rows(0, 2 * MAX_ROWS_PER_COMMIT + 500)).then((s) => (answered.push('large'), s));
    const small = writer.append(rows(100_000, 10)).then((s) => (answered.push('small'), s));
    await store.turns();
    // three transactions committed, none durable yet: nothing applied, nothing answered
    expect(log).toEqual([`commit ${MAX_ROWS_PER_COMMIT}`, `commit ${MAX_ROWS_PER_COMMIT}`, 'commit 510']);
    expect(committed).toEqual([]);
    // a later request commits while the earlier ones are still being flushed
    const later = writer.append(rows(200_000, 3)).then((s) => (answered.push('later'), s));
    await store.turns();
    expect(log.at(-1)).toBe('commit 3');
    // the second flush ends first: it waits for the first, so live state stays in log order
    await store.durable(2);
    expect(committed).toEqual([]);
    await store.durable(1);
    expect(committed.map((c) => c.length)).toEqual([MAX_ROWS_PER_COMMIT, MAX_ROWS_PER_COMMIT]);
    expect(answered).toEqual([]);
    await store.durable(4);
    expect(answered).toEqual([]);
    await store.durable(3);
    expect(answered).toEqual(['large', 'small', 'later']);
    expect(await large).toEqual(rows(1, 2 * MAX_ROWS_PER_COMMIT + 500).map((r) => r.id));
    expect(await small).toEqual(rows(2 * MAX_ROWS_PER_COMMIT + 501, 10).map((r) => r.id));
    expect(await later).toEqual([4511, 4512, 4513]);
    expect(committed.flat()).toEqual(rows(1, 4513).map((r) => r.id));
    await writer.close();
  });

  it('a transaction whose flush fails refuses the requests not yet answered; a later durable one still reaches live state', async () => {
    const { log, committed, store, writer } = pipelinedWriter();
    const outcome: string[] = [];
    const note = (name: string, p: Promise<unknown>) =>
      p.then(
        () => outcome.push(`${name} answered`),
        (e: Error) => outcome.push(`${name} refused: ${e.message}`),
      );
    const first = note('first', writer.append(rows(0, MAX_ROWS_PER_COMMIT)));
    const second = note('second', writer.append(rows(MAX_ROWS_PER_COMMIT, MAX_ROWS_PER_COMMIT + 5)));
    await store.turns();
    expect(log).toEqual([`commit ${MAX_ROWS_PER_COMMIT}`, `commit ${MAX_ROWS_PER_COMMIT}`, 'commit 5']);
    await store.durable(1);
    await store.lost(2);
    await store.durable(3);
    await Promise.all([first, second]);
    expect(outcome).toEqual(['first answered', 'second refused: fdatasync failed']);
    // the third transaction is in the log and durable: live state has it (a replay would), though its request was refused
    expect(committed.map((c) => c.length)).toEqual([MAX_ROWS_PER_COMMIT, 5]);
    await writer.close();
  });
});
