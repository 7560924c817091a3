import type { Sender } from './sender.ts';

export interface Counts {
  batches: number;
  items: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  retries: number;
  failures: number;
  dropped: number;
}

export const zeroCounts = (): Counts => ({
  batches: 0,
  items: 0,
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  retries: 0,
  failures: 0,
  dropped: 0,
});

export type LaneName = 'observations' | 'dossierEvents';

/** One delivery path: an endpoint, its outbox and its counts. */
export interface Lane<T extends object> {
  name: LaneName;
  sender: Sender<T>;
  batchSize: number;
  /** Items waiting; the oldest are dropped beyond `maxOutbox`. */
  outbox: T[];
  maxOutbox: number;
  /** The first item of each run that must reach the IOC in one request, with the run's length (see batchLength). */
  groups: WeakMap<T, number>;
  /** Tops up an empty outbox: the dossier stream keeps its own backlog, as plans. */
  refill?: () => T[];
  flushing: Promise<void> | null;
  window: Counts;
  totals: Counts;
}

/**
 * How many of the outbox's oldest items the next request carries: at most `batchSize` single items, or one group
 * alone (up to `maxItems`, the endpoint's limit, past which it is cut). A group is a run that must reach the IOC in
 * a request of its own: one air station's history. The IOC judges a request as a whole (one receipt time) however
 * many transactions it takes; a station whose history were split over two requests would look silent at the second
 * (its newest reading hours old when received) and get a `pm25-silent` alert.
 */
export function batchLength<T extends object>(outbox: readonly T[], batchSize: number, maxItems: number, groups: WeakMap<T, number>): number {
  const first = groups.get(outbox[0]!);
  if (first !== undefined) return Math.min(first, maxItems, outbox.length);
  let n = 0;
  while (n < outbox.length && n < batchSize && !groups.has(outbox[n]!)) n++;
  return n;
}
