/**
 * A two-level switch with a minimum hold time, driven by sample times (observation times, never
 * the wall clock), so that a replay of the same samples gives the same transitions.
 *
 * - `on` samples (value past the raise level) must last `holdMs` before the switch turns on;
 *   the episode starts at the first of them.
 * - `off` samples (value back past the clear level, i.e. beyond the deadband) must last `holdMs`
 *   before it turns off. Samples between the two levels keep the current state and reset neither
 *   timer's start — they only stop a pending change in the other direction.
 */
export type Hysteresis =
  { state: 'idle' } | { state: 'pending'; since: number } | { state: 'active'; startedAt: number } | { state: 'clearing'; startedAt: number; since: number };

export type SwitchSignal = { type: 'on'; startedAt: number; at: number } | { type: 'off'; startedAt: number; at: number } | null;

export const IDLE: Hysteresis = { state: 'idle' };

/** `on`: past the raise level; `off`: past the clear level; neither: in the deadband. */
export function stepHysteresis(h: Hysteresis, t: number, on: boolean, off: boolean, holdMs: number): { next: Hysteresis; signal: SwitchSignal } {
  switch (h.state) {
    case 'idle':
      if (!on) return { next: h, signal: null };
      if (holdMs <= 0) return { next: { state: 'active', startedAt: t }, signal: { type: 'on', startedAt: t, at: t } };
      return { next: { state: 'pending', since: t }, signal: null };
    case 'pending':
      if (!on) return { next: IDLE, signal: null };
      if (t - h.since >= holdMs) return { next: { state: 'active', startedAt: h.since }, signal: { type: 'on', startedAt: h.since, at: t } };
      return { next: h, signal: null };
    case 'active':
      if (!off) return { next: h, signal: null };
      if (holdMs <= 0) return { next: IDLE, signal: { type: 'off', startedAt: h.startedAt, at: t } };
      return { next: { state: 'clearing', startedAt: h.startedAt, since: t }, signal: null };
    case 'clearing':
      if (!off) return { next: { state: 'active', startedAt: h.startedAt }, signal: null };
      if (t - h.since >= holdMs) return { next: IDLE, signal: { type: 'off', startedAt: h.startedAt, at: t } };
      return { next: h, signal: null };
  }
}
