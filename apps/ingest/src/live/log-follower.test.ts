import { describe, expect, it } from 'vitest';
import { FOLLOWED_LOGS, LogFollower, type FollowedLog, type LogReader } from './log-follower.ts';

/** A reader that completes when the test says so, recording when each read started and ended. */
function gatedReaders() {
  const events: string[] = [];
  const gates: (() => void)[] = [];
  let failNext = false;
  const reader =
    (log: FollowedLog): LogReader =>
    () => {
      events.push(`start ${log}`);
      return new Promise<number>((resolve, reject) =>
        gates.push(() => {
          events.push(`end ${log}`);
          if (failNext) {
            failNext = false;
            reject(new Error('connection lost'));
          } else resolve(1);
        }),
      );
    };
  const readers = Object.fromEntries(FOLLOWED_LOGS.map((l) => [l, reader(l)])) as Record<FollowedLog, LogReader>;
  const open = async () => {
    // let the follower reach its next read, then finish it
    for (let i = 0; i < 5 && gates.length === 0; i++) await Promise.resolve();
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { readers, events, open, failNext: () => (failNext = true), pending: () => gates.length };
}

describe('LogFollower', () => {
  it('reads nothing before start (the start-up replay covers that time)', async () => {
    const g = gatedReaders();
    const f = new LogFollower(g.readers, () => undefined);
    await f.catchUp('all');
    expect(g.events).toEqual([]);
  });

  it('never overlaps two reads; a request made during a read is served by one more read after it', async () => {
    const g = gatedReaders();
    const f = new LogFollower(g.readers, () => undefined);
    f.start();
    let first = false;
    let second = false;
    let third = false;
    void f.catchUp('observations').then(() => (first = true));
    await Promise.resolve();
    // during the first read: both wait for the next read, which starts only after the first ends
    void f.catchUp('observations').then(() => (second = true));
    void f.catchUp('dossier_events').then(() => (third = true));
    await g.open();
    expect(first).toBe(true);
    expect(second).toBe(false);
    await g.open(); // observations
    expect(second).toBe(false);
    await g.open(); // dossier events
    expect([second, third]).toEqual([true, true]);
    expect(g.events).toEqual([
      'start observations',
      'end observations',
      'start observations',
      'end observations',
      'start dossier_events',
      'end dossier_events',
    ]);
    expect(f.stats).toEqual({ reads: 2, entries: 3, failed: 0 });
  });

  it('reads every log in order on a poll; a failed read is reported and the next request reads again', async () => {
    const g = gatedReaders();
    const errors: string[] = [];
    const f = new LogFollower(g.readers, (e) => errors.push((e as Error).message));
    f.start();
    g.failNext();
    const done = f.catchUp('all');
    await g.open();
    await done;
    expect(errors).toEqual(['connection lost']);
    const again = f.catchUp('all');
    for (let i = 0; i < FOLLOWED_LOGS.length; i++) await g.open();
    await again;
    expect(g.events.filter((e) => e.startsWith('start'))).toEqual(['start observations', ...FOLLOWED_LOGS.map((l) => `start ${l}`)]);
    expect(f.stats.failed).toBe(1);
  });
});
