import { randomUUID } from 'node:crypto';
import type { HistoryPoint, Observation, Snapshot } from '@cityioc/contracts';
import { LiveState, type CatalogueIndex, type LiveStateData } from '@cityioc/domain';
import type { HistoryRequest, Store } from '../store/store.ts';

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
  /** The log position of the last observation applied: every one up to it is in the state. */
  observationsSeq = 0;
  /** Coverage for checkpoints: every observation up to `coveredSeq` (the end of the start-up replay), then those this process applied. */
  coveredSeq = 0;
  appliedSinceStart = 0;
  /** Called after every change applied once live (the ticker decides when to push it). */
  onChange: (() => void) | null = null;

  constructor(
    index: CatalogueIndex,
    private readonly store: Store,
    private readonly tickMs: number,
  ) {
    this.state = new LiveState(index);
    this.epoch = `${store.epoch}.${randomUUID().slice(0, 8)}`;
  }

  /** Replays the observation log after `fromSeq` (each batch also goes to `onBatch`, for services derived from it); afterwards every observation cell equals the state before the stop. */
  async rebuild(fromSeq = 0, onBatch?: (batch: Observation[]) => void): Promise<number> {
    let n = 0;
    await this.store.replay(fromSeq, (batch) => {
      for (const e of batch) this.state.apply(e, ++this.version);
      onBatch?.(batch);
      n += batch.length;
      this.observationsSeq = batch[batch.length - 1]!.seq;
    });
    return n;
  }

  /** The state for a checkpoint: observations only (derived values are republished after a restart). */
  exportState(include: (indicator: string) => boolean): { observationsSeq: number; version: number; state: LiveStateData } {
    return { observationsSeq: this.observationsSeq, version: this.version, state: this.state.exportState(include) };
  }

  /** Loads a checkpoint into the fresh state; `rebuild(observationsSeq)` then replays the tail. */
  importState(data: { observationsSeq: number; version: number; state: LiveStateData }): void {
    this.state.importState(data.state);
    this.version = data.version;
    this.observationsSeq = data.observationsSeq;
  }

  /** After every log is replayed: nobody has seen a delta of this boot yet. */
  markReady(): void {
    this.coveredSeq = this.observationsSeq;
    this.appliedSinceStart = 0;
    this.state.markAllEmitted();
    this.ready = true;
  }

  applyCommitted(events: readonly Observation[]): void {
    for (const e of events) this.state.apply(e, ++this.version);
    if (events.length > 0) this.observationsSeq = Math.max(this.observationsSeq, events[events.length - 1]!.seq);
    this.appliedSinceStart += events.length;
    if (events.length > 0) this.onChange?.();
  }

  /** Values computed from another feed, as observations of derived indicators. */
  applyDerived(values: readonly Observation[]): void {
    for (const v of values) this.state.apply(v, ++this.version);
    if (values.length > 0) this.onChange?.();
  }

  /** The version counter (metrics): it advances with every observation or derived value applied. */
  get currentVersion(): number {
    return this.version;
  }

  /** The log behind the state: its kind ('sqlite', 'postgres') and epoch, for /readyz. */
  get log(): { kind: string; epoch: string } {
    return { kind: this.store.kind, epoch: this.store.epoch };
  }

  /** One station's raw readings (the routes read the log through the service, never the store). */
  history(req: HistoryRequest): Promise<{ points: HistoryPoint[]; truncated: boolean }> {
    return this.store.history(req);
  }

  snapshot(scope: string, now: number): Snapshot {
    const { version, cells } = this.state.snapshot(scope);
    return { scope, version, epoch: this.epoch, serverTime: now, tickMs: this.tickMs, cells };
  }
}
