import type { WallPin, WallPinTarget } from '@cityioc/contracts';
import { toLocalRfc3339 } from '../calendar/local-time.ts';

/**
 * Briefing pins (issue 13 #4), pure: how long a pin may stay, when it ends, what is left of it.
 * The clock is passed in; the server's timer and the wall's banner both read `until`.
 */
export const WALL_PIN_DEFAULT_SECONDS = 600;
export const WALL_PIN_MIN_SECONDS = 60;
export const WALL_PIN_MAX_SECONDS = 3600;

export interface PinTtlBounds {
  minSeconds: number;
  maxSeconds: number;
}
export const WALL_PIN_TTL: PinTtlBounds = { minSeconds: WALL_PIN_MIN_SECONDS, maxSeconds: WALL_PIN_MAX_SECONDS };

/** Why a requested time-to-live cannot be used, or null (undefined: the default, 10 minutes). */
export function pinTtlProblem(ttlSeconds: number | undefined, bounds: PinTtlBounds = WALL_PIN_TTL): string | null {
  if (ttlSeconds === undefined) return null;
  if (!Number.isInteger(ttlSeconds)) return `ttlSeconds must be a whole number of seconds`;
  if (ttlSeconds < bounds.minSeconds || ttlSeconds > bounds.maxSeconds)
    return `ttlSeconds must be between ${bounds.minSeconds} and ${bounds.maxSeconds} (${Math.round(bounds.minSeconds / 60) || '<1'}–${bounds.maxSeconds / 60} min); got ${ttlSeconds}`;
  return null;
}

/** A new pin from `now` (epoch ms) for `ttlSeconds` (the default when undefined). */
export function makePin(input: { id: string; wall: string; target: WallPinTarget; by: string; ttlSeconds?: number | undefined }, now: number): WallPin {
  const ttl = input.ttlSeconds ?? WALL_PIN_DEFAULT_SECONDS;
  return { id: input.id, wall: input.wall, target: input.target, at: toLocalRfc3339(now), until: toLocalRfc3339(now + ttl * 1000), by: input.by };
}

/** The instant (epoch ms) a pin ends by itself. */
export const pinEndsAt = (pin: WallPin): number => Date.parse(pin.until);

/** Milliseconds left before the pin ends by itself (0 once it has). */
export const pinRemainingMs = (pin: WallPin, now: number): number => Math.max(0, pinEndsAt(pin) - now);

/** The pin if it is still in force at `now`, else null. */
export const activePin = (pin: WallPin | null | undefined, now: number): WallPin | null => (pin && pinEndsAt(pin) > now ? pin : null);

/** "mm:ss" of what is left (hours fold into minutes: a pin lasts at most an hour). */
export function pinCountdown(pin: WallPin, now: number): string {
  const s = Math.ceil(pinRemainingMs(pin, now) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
