import { describe, expect, it } from 'vitest';
import { activePin, makePin, pinCountdown, pinEndsAt, pinRemainingMs, pinTtlProblem, WALL_PIN_DEFAULT_SECONDS } from './wall-pin.ts';

const NOW = Date.parse('2026-12-05T09:30:00+07:00');
const pin = (ttlSeconds?: number) => makePin({ id: 'p1', wall: 'main', target: { kind: 'unit', unitCode: '31135' }, by: 'Trần Văn Hùng', ttlSeconds }, NOW);

describe('wall pins', () => {
  it('lasts 10 minutes by default, dated in Asia/Ho_Chi_Minh', () => {
    expect(WALL_PIN_DEFAULT_SECONDS).toBe(600);
    expect(pin()).toEqual({
      id: 'p1',
      wall: 'main',
      target: { kind: 'unit', unitCode: '31135' },
      at: '2026-12-05T09:30:00+07:00',
      until: '2026-12-05T09:40:00+07:00',
      by: 'Trần Văn Hùng',
    });
  });

  it('ends by itself at `until`: in force one millisecond before, gone at it', () => {
    const p = pin(90);
    expect(pinEndsAt(p)).toBe(NOW + 90_000);
    expect(activePin(p, NOW + 89_999)).toBe(p);
    expect(activePin(p, NOW + 90_000)).toBeNull();
    expect(activePin(null, NOW)).toBeNull();
    expect(pinRemainingMs(p, NOW + 30_000)).toBe(60_000);
    expect(pinRemainingMs(p, NOW + 100_000)).toBe(0);
  });

  it('counts down as mm:ss, rounding the seconds up', () => {
    const p = pin(3600);
    expect(pinCountdown(p, NOW)).toBe('60:00');
    expect(pinCountdown(p, NOW + 1)).toBe('60:00');
    expect(pinCountdown(p, NOW + 3_540_500)).toBe('01:00');
    expect(pinCountdown(p, NOW + 3_599_001)).toBe('00:01');
    expect(pinCountdown(p, NOW + 4_000_000)).toBe('00:00');
  });

  it('takes 1–60 minutes, or the bounds a deployment sets', () => {
    expect(pinTtlProblem(undefined)).toBeNull();
    expect(pinTtlProblem(60)).toBeNull();
    expect(pinTtlProblem(3600)).toBeNull();
    expect(pinTtlProblem(59)).toBe('ttlSeconds must be between 60 and 3600 (1–60 min); got 59');
    expect(pinTtlProblem(3601)).toBe('ttlSeconds must be between 60 and 3600 (1–60 min); got 3601');
    expect(pinTtlProblem(120.5)).toBe('ttlSeconds must be a whole number of seconds');
    expect(pinTtlProblem(2, { minSeconds: 2, maxSeconds: 3600 })).toBeNull();
    expect(pinTtlProblem(1, { minSeconds: 2, maxSeconds: 3600 })).toBe('ttlSeconds must be between 2 and 3600 (<1–60 min); got 1');
  });
});
