import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DossierPublication } from './dossier-publication.ts';

describe('dossier publication on the service’s own clock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (startIso: string) => {
    vi.setSystemTime(Date.parse(startIso));
    const calls: { at: string; all: boolean }[] = [];
    const p = new DossierPublication((now, all) => calls.push({ at: new Date(now).toISOString(), all }), Date.now, {
      soonMs: 100,
      fullEveryMs: 60_000,
      timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    });
    return { p, calls };
  };

  it('publishes everything at start, then changed units soon after commits, coalescing a burst', () => {
    const { p, calls } = setup('2026-11-22T03:00:00Z');
    p.changed(); // before start: nothing (the start-up replay)
    p.start();
    expect(calls).toEqual([{ at: '2026-11-22T03:00:00.000Z', all: true }]);
    p.changed();
    p.changed();
    vi.advanceTimersByTime(99);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls[1]).toEqual({ at: '2026-11-22T03:00:00.100Z', all: false });
    vi.advanceTimersByTime(59_900);
    expect(calls[2]).toEqual({ at: '2026-11-22T03:01:00.000Z', all: true });
    p.stop();
    p.changed();
    vi.advanceTimersByTime(600_000);
    expect(calls).toHaveLength(3);
  });

  it('republishes at the first instant of a new month (local midnight, 17:00 UTC)', () => {
    const { p, calls } = setup('2026-11-30T16:59:30Z'); // 23:59:30 on 30 Nov in Cần Thơ
    p.start();
    vi.advanceTimersByTime(30_001);
    expect(calls.map((c) => c.at)).toEqual(['2026-11-30T16:59:30.000Z', '2026-11-30T17:00:00.001Z']);
    p.stop();
  });
});
