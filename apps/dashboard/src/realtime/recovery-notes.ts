import { useSyncExternalStore } from 'react';

/** What recovered by itself: the live link (watchdog) or the wall map (WebGL context). */
export type RecoveryKind = 'link' | 'map';

/** When each kind last recovered by itself (local clock, ms). */
export type RecoveryNotes = Readonly<Partial<Record<RecoveryKind, number>>>;

/** How long the wall shows that it recovered. */
export const RECOVERY_NOTE_MS = 10 * 60_000;

let notes: RecoveryNotes = {};
const listeners = new Set<() => void>();

/** Records a recovery (the watchdog's runner, the map); the wall's note shows it for a while. */
export function noteRecovery(kind: RecoveryKind, at: number): void {
  notes = { ...notes, [kind]: at };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useRecoveryNotes(): RecoveryNotes {
  return useSyncExternalStore(subscribe, () => notes);
}

/** The notes still to show at `now`, newest first. */
export function visibleNotes(all: RecoveryNotes, now: number, forMs = RECOVERY_NOTE_MS): { kind: RecoveryKind; at: number }[] {
  return (Object.entries(all) as [RecoveryKind, number][])
    .filter(([, at]) => now - at < forMs && now >= at - 60_000)
    .map(([kind, at]) => ({ kind, at }))
    .sort((a, b) => b.at - a.at);
}
