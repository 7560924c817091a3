import type { Observation, Snapshot } from '@cityioc/contracts';
import { LiveState, type CatalogueIndex } from '@cityioc/domain';
import type { Store } from '../store/store.ts';

/** Owns the in-memory live state: rebuilt from the log at start, then fed by committed events. */
export class LiveService {
  readonly state: LiveState;
  ready = false;

  constructor(
    index: CatalogueIndex,
    private readonly store: Store,
    private readonly tickMs: number,
  ) {
    this.state = new LiveState(index);
  }

  get epoch(): string {
    return this.store.epoch;
  }

  /** Replays the whole log; afterwards the state equals the state before the last stop. */
  async rebuild(): Promise<number> {
    let n = 0;
    await this.store.replay(0, (batch) => {
      for (const e of batch) this.state.apply(e);
      n += batch.length;
    });
    this.state.markAllEmitted();
    this.ready = true;
    return n;
  }

  applyCommitted(events: readonly Observation[]): void {
    for (const e of events) this.state.apply(e);
  }

  snapshot(scope: string, now: number): Snapshot {
    const { version, cells } = this.state.snapshot(scope);
    return { scope, version, epoch: this.store.epoch, serverTime: now, tickMs: this.tickMs, cells };
  }
}
