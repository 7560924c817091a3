import type { Cell, Delta, Snapshot } from '@cityioc/contracts';

export type DeltaOutcome =
  /** The delta was applied; `state` is a new snapshot object at `toVersion`. */
  | 'applied'
  /** Already included in what we hold (toVersion ≤ version), or for another scope. */
  | 'ignored'
  /** Nothing to apply it to yet. */
  | 'no-base'
  /** fromVersion > version: deltas were missed. */
  | 'gap'
  /** The server rebuilt its live state: versions from different epochs do not compare. */
  | 'epoch';

export interface DeltaResult {
  state: Snapshot | undefined;
  needsResync: boolean;
  outcome: DeltaOutcome;
}

/**
 * Applies one delta to the snapshot we hold for its scope. Pure: returns a new snapshot when the
 * delta applies and the same object otherwise. Changed cells are absolute values, so they replace
 * by key; new keys are appended in arrival order.
 */
export function applyDelta(state: Snapshot | undefined, delta: Delta): DeltaResult {
  if (!state) return { state, needsResync: true, outcome: 'no-base' };
  if (delta.scope !== state.scope) return { state, needsResync: false, outcome: 'ignored' };
  if (delta.epoch !== state.epoch) return { state, needsResync: true, outcome: 'epoch' };
  if (delta.toVersion <= state.version) return { state, needsResync: false, outcome: 'ignored' };
  if (delta.fromVersion > state.version) return { state, needsResync: true, outcome: 'gap' };

  const changes = new Map<string, Cell>();
  for (const c of delta.changes) changes.set(c.key, c);
  const cells: Cell[] = [];
  for (const c of state.cells) {
    const next = changes.get(c.key);
    if (next) {
      cells.push(next);
      changes.delete(c.key);
    } else cells.push(c);
  }
  for (const c of changes.values()) cells.push(c);
  return {
    state: { ...state, version: delta.toVersion, serverTime: delta.serverTime, cells },
    needsResync: false,
    outcome: 'applied',
  };
}
