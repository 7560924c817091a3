import { setImmediate as nextTurn } from 'node:timers/promises';

/** Rows per store transaction: a larger flush is split, so no commit holds the event loop for long. */
export const MAX_ROWS_PER_COMMIT = 2_000;

/** What the metrics learn from a writer: one call per transaction and per flush, never per item. */
export interface CommitObserver {
  committed(rows: number, seconds: number): void;
  failed(): void;
  flushed(requests: number): void;
}

interface Pending<T> {
  batch: readonly T[];
  resolve: (seqs: (number | null)[]) => void;
  reject: (e: unknown) => void;
}

/** One flush: its requests, their rows end to end, and how far they are answered. */
interface Flush<T> {
  work: Pending<T>[];
  seqs: (number | null)[];
  /** Requests of `work` answered (or refused) so far. */
  answered: number;
  /** Index in the flush's rows just past the first request not yet answered. */
  end: number;
  /** Set by the first transaction of the flush that failed: the requests not yet answered were refused. */
  failed: boolean;
}

export interface GroupCommitOptions {
  /**
   * The store commits each append in call order before the call returns and only its durability
   * is awaited (SQLite: a synchronous driver, then the WAL flush off the event loop). The writer then
   * commits the next transaction while the previous one is being flushed to disk, instead of waiting
   * for every flush in turn; answers and `onCommitted` still wait for each transaction's durability,
   * in log order. Off for a store whose transactions may commit out of call order (a connection pool).
   */
  commitsOnCall?: boolean;
}

/**
 * Group commit: appends that arrive in the same event-loop turn, or in any later turn while the
 * previous commit is being made durable (the store's append resolves after the disk flush, which
 * runs off the event loop: PostgreSQL's round trip, SQLite's WAL flush in store/sqlite/wal-sync.ts),
 * share the next store transaction, up to MAX_ROWS_PER_COMMIT rows per transaction. Committed
 * events are handed to `onCommitted` in log order before any request is answered, so live state
 * only ever reflects durable events. With `commitsOnCall`, transactions are pipelined: the next one
 * commits while the disk flushes the previous ones (one WAL flush then covers several of them).
 */
export class GroupCommitWriter<T extends object> {
  private queue: Pending<T>[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  /** Pipelined mode: the transactions committed and not yet settled, settled one after the other in log order. */
  private settling: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    /** Appends in one transaction; per item its log position, or null for a duplicate. */
    private readonly appendToStore: (batch: readonly T[]) => Promise<(number | null)[]>,
    private readonly onCommitted: (events: (T & { seq: number })[]) => void,
    private readonly observer?: CommitObserver,
    private readonly opts: GroupCommitOptions = {},
  ) {}

  append(batch: readonly T[]): Promise<(number | null)[]> {
    if (this.closed) return Promise.reject(new Error('writer is closed'));
    if (batch.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.flushing = this.flushing.then(() => this.flush());
        });
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const work = this.queue;
    this.queue = [];
    if (work.length === 0) return;
    this.observer?.flushed(work.length);
    const all: T[] = work.length === 1 ? (work[0]!.batch as T[]) : work.flatMap((w) => w.batch);
    // Issue 12 #11: a large flush (a 60 MB NDJSON body, many concurrent batches) is committed in
    // transactions of at most MAX_ROWS_PER_COMMIT rows with the event loop served between two of
    // them; each request is answered once the last transaction holding one of its items is durable.
    const f: Flush<T> = { work, seqs: new Array(all.length), answered: 0, end: work[0]!.batch.length, failed: false };
    for (let from = 0; from < all.length; from += MAX_ROWS_PER_COMMIT) {
      if (from > 0) await nextTurn();
      const part = all.length <= MAX_ROWS_PER_COMMIT ? all : all.slice(from, from + MAX_ROWS_PER_COMMIT);
      const t0 = performance.now();
      const res = this.appendToStore(part);
      if (this.opts.commitsOnCall) {
        // committed now; its durability is settled after the transactions before it, while the next one commits
        res.catch(() => undefined);
        const at = from;
        this.settling = this.settling.then(async () => void (await this.settle(f, at, part, res, t0)));
      } else if (!(await this.settle(f, from, part, res, t0))) return;
    }
  }

  /**
   * Waits for one transaction to be durable, hands its new rows to `onCommitted` and answers the
   * requests whose last row it holds. On failure, the requests of the flush not yet answered are
   * refused (nothing of theirs is acknowledged; a retry finds what was stored as duplicates) and
   * false is returned. A later transaction of a pipelined flush that is durable still reaches
   * `onCommitted` (its rows are in the log), but answers no request.
   */
  private async settle(f: Flush<T>, from: number, part: readonly T[], res: Promise<(number | null)[]>, t0: number): Promise<boolean> {
    let partSeqs: (number | null)[];
    try {
      partSeqs = await res;
    } catch (e) {
      this.observer?.failed();
      if (!f.failed) for (const w of f.work.slice(f.answered)) w.reject(e);
      f.failed = true;
      return false;
    }
    this.observer?.committed(part.length, (performance.now() - t0) / 1000);
    const committed: (T & { seq: number })[] = [];
    for (let i = 0; i < part.length; i++) {
      const seq = partSeqs[i] ?? null;
      f.seqs[from + i] = seq;
      if (seq !== null) {
        // the validated object becomes the stored one: no copy on the hot path
        const o = part[i] as T & { seq: number };
        o.seq = seq;
        committed.push(o);
      }
    }
    if (committed.length > 0) this.onCommitted(committed);
    if (f.failed) return true;
    const done = from + part.length;
    while (f.answered < f.work.length && f.end <= done) {
      const w = f.work[f.answered]!;
      w.resolve(f.seqs.slice(f.end - w.batch.length, f.end));
      if (++f.answered < f.work.length) f.end += f.work[f.answered]!.batch.length;
    }
    return true;
  }

  /** Waits for everything queued so far to be durable, then refuses new appends. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.scheduled || this.queue.length > 0) {
      await new Promise((r) => setImmediate(r));
      await this.flushing;
    }
    await this.flushing;
    await this.settling;
  }
}
