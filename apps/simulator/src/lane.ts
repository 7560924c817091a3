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
 * How many of the outbox's oldest items the next request carries: at most `batchSize`, never cutting a group
 * (a run that must arrive in one request: one air station's history, which split over two requests would
 * leave the station looking silent in between: its newest reading hours old, received later than the
 * one before). A group longer than `batchSize` goes alone, up to `maxItems` (the endpoint's limit), past
 * which it is cut.
 */
export function batchLength<T extends object>(outbox: readonly T[], batchSize: number, maxItems: number, groups: WeakMap<T, number>): number {
  let n = 0;
  while (n < outbox.length) {
    const g = Math.max(1, groups.get(outbox[n]!) ?? 1);
    if (n + g > batchSize) return n > 0 ? n : Math.min(g, maxItems, outbox.length);
    n += g;
  }
  return n;
}
