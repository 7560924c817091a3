import type { Observation } from '@cityioc/contracts';
import type { DossierService } from '../procedures/dossier.service.ts';
import type { Store } from '../store/store.ts';
import type { LiveService } from './live.service.ts';

export type FollowedLog = 'observations' | 'dossier_events';

/**
 * Applies the shared logs to this node's state in log order, whichever node wrote them
 * (several nodes on one PostgreSQL database, issue 16). With a follower, a node's own commits
 * are not applied by its writers: the writer asks the follower to catch up before it answers, so
 * own and foreign entries take the same path (the replay code), in seq order, and the live
 * state, the dossier indicators, the derived values and the alert engine of every node are
 * those of a full replay of the log. The database wakes the follower on every committed batch
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
  readonly stats = { reads: 0, observations: 0, dossierEvents: 0, failed: 0 };

  constructor(
    private readonly store: Store,
    private readonly live: LiveService,
    private readonly dossiers: DossierService,
    /** The write path after the commit: live state, derived values, alert rules. */
    private readonly applyObservations: (batch: Observation[]) => void,
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
    if (log === 'all' || log === 'observations') this.wanted.add('observations');
    if (log === 'all' || log === 'dossier_events') this.wanted.add('dossier_events');
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
    if (logs.has('observations'))
      await this.store.replay(this.live.observationsSeq, (batch) => {
        this.applyObservations(batch);
        this.stats.observations += batch.length;
      });
    if (logs.has('dossier_events'))
      await this.store.replayDossierEvents(this.dossiers.eventsSeq, (batch) => {
        this.dossiers.applyCommitted(batch);
        this.stats.dossierEvents += batch.length;
      });
  }
}
