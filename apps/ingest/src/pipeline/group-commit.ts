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

/**
 * Group commit: appends that arrive in the same event-loop turn, or in any later turn while the
 * previous commit is being made durable (the store's append resolves after the disk flush, which
 * runs off the event loop: PostgreSQL's round trip, SQLite's WAL flush in store/sqlite/wal-sync.ts),
 * share the next store transaction, up to MAX_ROWS_PER_COMMIT rows per transaction. Committed
 * events are handed to `onCommitted` in log order before any request is answered, so live state
 * only ever reflects durable events.
 */
export class GroupCommitWriter<T extends object> {
  private queue: Pending<T>[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    /** Appends in one transaction; per item its log position, or null for a duplicate. */
    private readonly appendToStore: (batch: readonly T[]) => Promise<(number | null)[]>,
    private readonly onCommitted: (events: (T & { seq: number })[]) => void,
    private readonly observer?: CommitObserver,
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
    const seqs: (number | null)[] = new Array(all.length);
    let answered = 0; // requests of `work` answered so far
    let end = work[0]!.batch.length; // index in `all` just past the first unanswered request
    for (let from = 0; from < all.length; from += MAX_ROWS_PER_COMMIT) {
      if (from > 0) await nextTurn();
      const part = all.length <= MAX_ROWS_PER_COMMIT ? all : all.slice(from, from + MAX_ROWS_PER_COMMIT);
      let partSeqs: (number | null)[];
      const t0 = performance.now();
      try {
        partSeqs = await this.appendToStore(part);
      } catch (e) {
        this.observer?.failed();
        // requests answered before were fully committed; the others are not acknowledged
        for (const w of work.slice(answered)) w.reject(e);
        return;
      }
      this.observer?.committed(part.length, (performance.now() - t0) / 1000);
      const committed: (T & { seq: number })[] = [];
      for (let i = 0; i < part.length; i++) {
        const seq = partSeqs[i] ?? null;
        seqs[from + i] = seq;
        if (seq !== null) {
          // the validated object becomes the stored one: no copy on the hot path
          const o = part[i] as T & { seq: number };
          o.seq = seq;
          committed.push(o);
        }
      }
      if (committed.length > 0) this.onCommitted(committed);
      const done = from + part.length;
      while (answered < work.length && end <= done) {
        const w = work[answered]!;
        w.resolve(seqs.slice(end - w.batch.length, end));
        if (++answered < work.length) end += work[answered]!.batch.length;
      }
    }
  }

  /** Waits for everything queued so far to be durable, then refuses new appends. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.scheduled || this.queue.length > 0) {
      await new Promise((r) => setImmediate(r));
      await this.flushing;
    }
    await this.flushing;
  }
}
