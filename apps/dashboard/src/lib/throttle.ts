/** The clock and timers a throttle uses; injected so tests drive time. */
export interface ThrottleTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Runs `fn` at most once per `intervalMs`: the first trigger runs at once, triggers inside the
 * interval collapse into one trailing run at its end. A burst of dossier deltas (one per tick)
 * thus costs one refetch now and one five seconds later, and the last change is never missed.
 */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private pending: unknown = null;

  constructor(
    private readonly fn: () => void,
    private readonly intervalMs: number,
    private readonly timers: ThrottleTimers = realTimers,
  ) {}

  trigger(): void {
    if (this.pending !== null) return;
    const now = this.timers.now();
    const wait = this.last + this.intervalMs - now;
    if (wait <= 0) {
      this.run();
      return;
    }
    this.pending = this.timers.setTimeout(() => {
      this.pending = null;
      this.run();
    }, wait);
  }

  /** Drops a pending trailing run (on unmount). */
  cancel(): void {
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
  }

  get hasPending(): boolean {
    return this.pending !== null;
  }

  private run(): void {
    this.last = this.timers.now();
    this.fn();
  }
}
