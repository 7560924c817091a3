/** The shared logs a node follows (their table names: the NOTIFY payload). */
export const FOLLOWED_LOGS = ['observations', 'dossier_events', 'pakn_events', 'dossier_ratings'] as const;
export type FollowedLog = (typeof FOLLOWED_LOGS)[number];

/** Reads one log after the position its service holds and applies every entry; returns how many. */
export type LogReader = () => Promise<number>;

/**
 * Applies the shared logs to this node's state in log order, whichever node wrote them
 * (several nodes on one PostgreSQL database, issue 16). With a follower, a node's own commits
 * are not applied by its writers: the writer asks the follower to catch up before it answers, so
 * own and foreign entries take the same path (the replay code), in seq order, and the live
 * state, the dossier indicators, the derived values, the alert engine, PAKN and ratings of every
 * node are those of a full replay of the logs. The database wakes the follower on every committed batch
 * (LISTEN/NOTIFY, store/postgres/log-tail.ts) and on every poll.
 *
 * Reads never overlap: a request that arrives during a read is served by the next one, which
 * starts from the position the previous one reached.
 */
export class LogFollower {
  private active = false;
  private loop: Promise<void> | null = null;
  private wanted = new Set<FollowedLog>();
  private waiters: (() => void)[] = [];
  /** Reads done and entries applied since start (metrics, tests). */
  readonly stats = { reads: 0, entries: 0, failed: 0 };

  constructor(
    /** Per log, the replay code from the service's position (observations: live state, derived values, alert rules). */
    private readonly readers: Readonly<Record<FollowedLog, LogReader>>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** After the start-up restore: from now on catch-ups read the logs. */
  start(): void {
    this.active = true;
  }

  stop(): void {
    this.active = false;
  }

  /** Reads the log(s) from this node's position; resolves once everything committed before the call is applied (or the read failed). */
  catchUp(log: FollowedLog | 'all'): Promise<void> {
    if (!this.active) return Promise.resolve();
    for (const l of log === 'all' ? FOLLOWED_LOGS : [log]) this.wanted.add(l);
    const done = new Promise<void>((r) => this.waiters.push(r));
    this.loop ??= this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    while (this.wanted.size > 0) {
      const logs = this.wanted;
      const waiters = this.waiters;
      this.wanted = new Set();
      this.waiters = [];
      try {
        await this.read(logs);
      } catch (err) {
        // the next poll reads again from the same position: nothing is skipped
        this.stats.failed++;
        this.onError(err);
      }
      for (const w of waiters) w();
    }
    this.loop = null;
  }

  private async read(logs: ReadonlySet<FollowedLog>): Promise<void> {
    this.stats.reads++;
    // in a fixed order: an event's dossier (or its PAKN) is applied before what refers to it
    for (const l of FOLLOWED_LOGS) if (logs.has(l)) this.stats.entries += await this.readers[l]();
  }
}
