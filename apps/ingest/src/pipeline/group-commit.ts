interface Pending<T> {
  batch: readonly T[];
  resolve: (seqs: (number | null)[]) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: appends that arrive in the same event-loop turn share one store transaction
 * (and one fsync). Committed events are handed to `onCommitted` in log order before any
 * request is answered, so live state only ever reflects durable events.
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
    const all: T[] = work.length === 1 ? (work[0]!.batch as T[]) : work.flatMap((w) => w.batch);
    let seqs: (number | null)[];
    try {
      seqs = await this.appendToStore(all);
    } catch (e) {
      for (const w of work) w.reject(e);
      return;
    }
    const committed: (T & { seq: number })[] = [];
    for (let i = 0; i < all.length; i++) {
      const seq = seqs[i];
      if (seq !== null && seq !== undefined) {
        // the validated object becomes the stored one: no copy on the hot path
        const o = all[i] as T & { seq: number };
        o.seq = seq;
        committed.push(o);
      }
    }
    if (committed.length > 0) this.onCommitted(committed);
    let offset = 0;
    for (const w of work) {
      w.resolve(seqs.slice(offset, offset + w.batch.length));
      offset += w.batch.length;
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
