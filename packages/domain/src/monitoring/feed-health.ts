import type { FeedError, FeedHealth } from '@cityioc/contracts';

const WINDOW_S = 60;
const KEEP_ERRORS = 10;

export interface FeedCounts {
  accepted?: number;
  duplicates?: number;
  rejected?: number;
  /** malformed messages (not JSON, wrong shape, unknown station …) */
  errors?: number;
}

/**
 * The health of one feed: last seen, messages per minute over a sliding minute, counters and the
 * latest error reasons. Pure: every call passes the clock.
 */
export class FeedHealthBook {
  private readonly buckets = new Int32Array(WINDOW_S);
  private readonly bucketSecond = new Float64Array(WINDOW_S).fill(-1);
  private lastSeen: number | null = null;
  private accepted = 0;
  private duplicates = 0;
  private rejected = 0;
  private errors = 0;
  private lastErrors: FeedError[] = [];
  /** Items refused and errors, counted by reason since start (for the metrics). */
  private readonly reasons = new Map<string, number>();
  connected: boolean | null = null;

  constructor(
    readonly id: string,
    readonly kind: string,
    readonly source: string,
    readonly cadenceSec: number,
  ) {}

  /** A message or notification arrived (whatever its content). */
  seen(now: number, messages = 1): void {
    this.lastSeen = now;
    const s = Math.floor(now / 1000);
    const i = s % WINDOW_S;
    if (this.bucketSecond[i] !== s) {
      this.bucketSecond[i] = s;
      this.buckets[i] = 0;
    }
    this.buckets[i]! += messages;
  }

  count(c: FeedCounts): void {
    this.accepted += c.accepted ?? 0;
    this.duplicates += c.duplicates ?? 0;
    this.rejected += c.rejected ?? 0;
    this.errors += c.errors ?? 0;
  }

  /** An item refused (or an error) for `reason`: remembered with its message, and counted by reason. */
  reason(now: number, reason: string, message: string): void {
    this.remember(now, reason, message);
    this.refused(reason);
  }

  /** Keeps one of the latest reasons and its message, without counting it (see `refused`). */
  remember(now: number, reason: string, message: string): void {
    this.lastErrors.unshift({ at: now, reason, message: message.slice(0, 300) });
    if (this.lastErrors.length > KEEP_ERRORS) this.lastErrors.length = KEEP_ERRORS;
  }

  /** Counts `n` items refused for `reason` (a sender that batches reports them all at once). */
  refused(reason: string, n = 1): void {
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + n);
  }

  /** Refusals and errors by reason since start. */
  reasonCounts(): ReadonlyMap<string, number> {
    return this.reasons;
  }

  /** An error of the transport or a malformed message: counted and remembered. */
  error(now: number, reason: string, message: string): void {
    this.errors++;
    this.reason(now, reason, message);
  }

  snapshot(now: number): FeedHealth {
    const s = Math.floor(now / 1000);
    let n = 0;
    for (let i = 0; i < WINDOW_S; i++) if (this.bucketSecond[i]! > s - WINDOW_S && this.bucketSecond[i]! <= s) n += this.buckets[i]!;
    return {
      id: this.id,
      kind: this.kind,
      source: this.source,
      connected: this.connected,
      lastSeen: this.lastSeen,
      ratePerMin: n,
      accepted: this.accepted,
      duplicates: this.duplicates,
      rejected: this.rejected,
      errors: this.errors,
      lastErrors: [...this.lastErrors],
      cadenceSec: this.cadenceSec,
      status: feedStatus(this.lastSeen, now, this.cadenceSec),
    };
  }
}

/** A feed is stale once it has been silent for more than twice its cadence. */
export function feedStatus(lastSeen: number | null, now: number, cadenceSec: number): FeedHealth['status'] {
  if (lastSeen === null) return 'never';
  return now - lastSeen > 2 * cadenceSec * 1000 ? 'stale' : 'live';
}
