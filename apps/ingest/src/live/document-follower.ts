import type { DocumentStamps } from '../store/postgres/log-tail.ts';

/** Re-reads one kind of upload from the store and applies what this node does not hold yet (idempotent); returns how many it applied. */
export type DocumentRefresh = () => Promise<number>;

/**
 * Changes followed across nodes (issue 16): a report import or review, a procedure catalogue, a
 * holiday schedule, a boundary import or a feed key stored through one node is applied by every
 * other node, as the shared logs are. The database wakes the nodes on every committed change
 * (NOTIFY, and the periodic catch-up poll as the safety net: store/postgres/log-tail.ts) with a
 * version per kind that every INSERT, UPDATE and DELETE moves (not a row count, which an UPDATE
 * leaves as it was); a kind whose version moved since the last applied read is refreshed — its service reads
 * the store and applies the versions it lacks, through the same code as its own uploads (the
 * dossiers refold, the calendar swaps, the map's cache drops, the reports republish into the live
 * state), so the node's API and its clients' live values follow. A node's own uploads come back
 * this way too and change nothing (the refreshes skip what is held).
 *
 * Reads never overlap: stamps that arrive meanwhile are applied after the current round, the
 * newest only. A failed refresh keeps its kind's old version, so the next wake-up tries again.
 */
export class DocumentFollower {
  private readonly applied = new Map<string, number>();
  private next: DocumentStamps | null = null;
  private running: Promise<void> | null = null;
  /** Refresh rounds and kinds refreshed since start (tests, metrics). */
  readonly stats = { rounds: 0, refreshed: 0, failed: 0 };

  constructor(
    /** Per stamp key ('reference:<kind>', 'reports'): how to apply it. Keys without an entry are not followed (read per request already). */
    private readonly refreshers: Readonly<Record<string, DocumentRefresh>>,
    private readonly onError: (key: string, err: unknown) => void,
  ) {}

  /** The store's current stamps: refreshes what changed; resolves when they are applied. */
  offer(stamps: DocumentStamps): Promise<void> {
    this.next = stamps;
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.next) {
      const stamps = this.next;
      this.next = null;
      this.stats.rounds++;
      for (const [key, n] of stamps) {
        const refresh = this.refreshers[key];
        if (!refresh || this.applied.get(key) === n) continue;
        try {
          await refresh();
          this.applied.set(key, n);
          this.stats.refreshed++;
        } catch (err) {
          this.stats.failed++;
          this.onError(key, err);
        }
      }
    }
  }
}
