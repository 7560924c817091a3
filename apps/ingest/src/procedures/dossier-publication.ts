import { periodBounds, periodKey } from '@cityioc/domain';

/** The timer functions the publication uses (injected: tests pass fake timers). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const NODE_TIMERS: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface PublicationOptions {
  /** How soon after a commit the changed units are published (default 100 ms: within the next tick). */
  soonMs?: number;
  /** Everything is republished this often, since overdue counts change with the clock alone (default 1 min). */
  fullEveryMs?: number;
  timers?: Timers;
}

/**
 * The dossier service's own clock: it publishes the units a commit changed soon after the commit,
 * and every unit once a minute and right at the change of month (the live values are the current
 * month's, and overdue counts move with the clock). The realtime ticker only carries what the live
 * state holds; it no longer drives this service.
 */
export class DossierPublication {
  private soon: unknown = null;
  private full: unknown = null;
  private running = false;
  private readonly timers: Timers;
  private readonly soonMs: number;
  private readonly fullEveryMs: number;

  constructor(
    private readonly publish: (now: number, all: boolean) => void,
    private readonly clock: () => number,
    opts: PublicationOptions = {},
  ) {
    this.timers = opts.timers ?? NODE_TIMERS;
    this.soonMs = opts.soonMs ?? 100;
    this.fullEveryMs = opts.fullEveryMs ?? 60_000;
  }

  /** Publishes everything now and keeps doing it on the clock. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.runFull();
  }

  /** A commit changed some units: publish them soon (one publication for a burst of commits). */
  changed(): void {
    if (!this.running || this.soon !== null) return;
    this.soon = this.timers.setTimeout(() => {
      this.soon = null;
      this.publish(this.clock(), false);
    }, this.soonMs);
  }

  stop(): void {
    this.running = false;
    if (this.soon !== null) this.timers.clearTimeout(this.soon);
    if (this.full !== null) this.timers.clearTimeout(this.full);
    this.soon = this.full = null;
  }

  private runFull(): void {
    this.full = null;
    if (!this.running) return;
    const now = this.clock();
    this.publish(now, true);
    // the next full publication: in a minute, or at the first instant of next month if sooner
    const monthEnd = periodBounds(periodKey('month', now))!.end;
    const delay = Math.max(1, Math.min(this.fullEveryMs, monthEnd - now + 1));
    this.full = this.timers.setTimeout(() => this.runFull(), delay);
  }
}
