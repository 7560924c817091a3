import { describe, expect, it } from 'vitest';
import { Throttle, type ThrottleTimers } from './throttle.ts';

/** A manual clock: timers fire only when the test advances time. */
function manualTimers() {
  let now = 1_000_000;
  let nextId = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: ThrottleTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void due.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      now = next[1].at;
      due.delete(next[0]);
      next[1].fn();
    }
    now = end;
  };
  return { timers, advance, pending: () => due.size };
}

describe('Throttle', () => {
  it('runs the first trigger at once', () => {
    const t = manualTimers();
    let runs = 0;
    new Throttle(() => runs++, 5000, t.timers).trigger();
    expect(runs).toBe(1);
  });

  it('collapses a burst into one trailing run at the end of the interval', () => {
    const t = manualTimers();
    const at: number[] = [];
    const th = new Throttle(() => at.push(t.timers.now()), 5000, t.timers);
    th.trigger(); // runs at 1_000_000
    for (let i = 0; i < 20; i++) {
      t.advance(200);
      th.trigger();
    }
    expect(at).toEqual([1_000_000]);
    expect(t.pending()).toBe(1);
    t.advance(5000);
    expect(at).toEqual([1_000_000, 1_005_000]);
  });

  it('never runs more than once per interval under a steady stream', () => {
    const t = manualTimers();
    const at: number[] = [];
    const th = new Throttle(() => at.push(t.timers.now()), 5000, t.timers);
    for (let i = 0; i < 120; i++) {
      th.trigger();
      t.advance(250);
    }
    expect(at.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(5000);
  });

  it('runs at once again after a quiet interval', () => {
    const t = manualTimers();
    let runs = 0;
    const th = new Throttle(() => runs++, 5000, t.timers);
    th.trigger();
    t.advance(6000);
    th.trigger();
    expect(runs).toBe(2);
    expect(th.hasPending).toBe(false);
  });

  it('drops the trailing run when cancelled', () => {
    const t = manualTimers();
    let runs = 0;
    const th = new Throttle(() => runs++, 5000, t.timers);
    th.trigger();
    th.trigger();
    th.cancel();
    t.advance(10_000);
    expect(runs).toBe(1);
  });
});
