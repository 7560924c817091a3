/**
 * When a session ends: after `idleMs` without a request, and in any case `absoluteMs` after it
 * began (devices, whose wall runs for months, have no absolute end: they last until revoked).
 */
export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
  /** null: no absolute end (devices). */
  expiresAt: number | null;
}

export type SessionVerdict = 'valid' | 'idle' | 'expired';

export function sessionVerdict(s: SessionTimes, now: number, idleMs: number): SessionVerdict {
  if (s.expiresAt !== null && now >= s.expiresAt) return 'expired';
  if (now - s.lastSeenAt >= idleMs) return 'idle';
  return 'valid';
}

/** Whether to write a new lastSeenAt now (at most once per `everyMs`, so reads are not writes). */
export const shouldTouch = (s: SessionTimes, now: number, everyMs: number): boolean => now - s.lastSeenAt >= everyMs;
