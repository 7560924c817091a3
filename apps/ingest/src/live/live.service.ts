import { randomUUID } from 'node:crypto';
import type { Observation, Snapshot } from '@cityioc/contracts';
import { LiveState, type CatalogueIndex } from '@cityioc/domain';
import type { Store } from '../store/store.ts';

/**
 * Owns the in-memory live state: rebuilt from the logs at start, then fed by committed
 * observations and by values derived from other feeds (dossiers).
 *
 * Scope versions come from one counter per process: observations and derived values interleave
 * differently on a replay, so versions are only comparable within one boot. The epoch therefore
 * names the log and the boot, and a client that sees it change refetches its snapshots.
 */
export class LiveService {
  readonly state: LiveState;
  readonly epoch: string;
  ready = false;
  private version = 0;

  constructor(
    index: CatalogueIndex,
    private readonly store: Store,
    private readonly tickMs: number,
  ) {
    this.state = new LiveState(index);
    this.epoch = `${store.epoch}.${randomUUID().slice(0, 8)}`;
  }

  /** Replays the observation log (each batch also goes to `onBatch`, for services derived from it); afterwards every observation cell equals the state before the stop. */
  async rebuild(onBatch?: (batch: Observation[]) => void): Promise<number> {
    let n = 0;
    await this.store.replay(0, (batch) => {
      for (const e of batch) this.state.apply(e, ++this.version);
      onBatch?.(batch);
      n += batch.length;
    });
    return n;
  }

  /** After every log is replayed: nobody has seen a delta of this boot yet. */
  markReady(): void {
    this.state.markAllEmitted();
    this.ready = true;
  }

  applyCommitted(events: readonly Observation[]): void {
    for (const e of events) this.state.apply(e, ++this.version);
  }

  /** Values computed from another feed, as observations of derived indicators. */
  applyDerived(values: readonly Observation[]): void {
    for (const v of values) this.state.apply(v, ++this.version);
  }

  snapshot(scope: string, now: number): Snapshot {
    const { version, cells } = this.state.snapshot(scope);
    return { scope, version, epoch: this.epoch, serverTime: now, tickMs: this.tickMs, cells };
  }
}
