import { describe, expect, it } from 'vitest';
import { DocumentFollower } from './document-follower.ts';

const stamps = (o: Record<string, number>) => new Map(Object.entries(o));

describe('DocumentFollower', () => {
  it('refreshes a kind when its version moved, and only then; keys without a refresher are ignored', async () => {
    const calls: string[] = [];
    const f = new DocumentFollower(
      {
        'reference:procedure': async () => {
          calls.push('procedure');
          return 1;
        },
        reports: async () => {
          calls.push('reports');
          return 1;
        },
      },
      () => undefined,
    );
    await f.offer(stamps({ 'reference:procedure': 3, reports: 0, 'reference:wall.pin': 5 }));
    expect(calls).toEqual(['procedure', 'reports']); // the first read applies everything once
    await f.offer(stamps({ 'reference:procedure': 3, reports: 0, 'reference:wall.pin': 6 }));
    expect(calls).toEqual(['procedure', 'reports']);
    await f.offer(stamps({ 'reference:procedure': 3, reports: 2 }));
    expect(calls).toEqual(['procedure', 'reports', 'reports']);
  });

  it('keeps the old version of a refresh that failed, so the next wake-up tries again; the error is reported with its kind', async () => {
    let fail = true;
    let done = 0;
    const errors: string[] = [];
    const f = new DocumentFollower(
      {
        'reference:holiday-schedule': async () => {
          if (fail) throw new Error('connection lost');
          return ++done;
        },
      },
      (key, err) => errors.push(`${key}: ${(err as Error).message}`),
    );
    await f.offer(stamps({ 'reference:holiday-schedule': 1 }));
    expect(errors).toEqual(['reference:holiday-schedule: connection lost']);
    fail = false;
    await f.offer(stamps({ 'reference:holiday-schedule': 1 }));
    expect(done).toBe(1);
    expect(f.stats).toEqual({ rounds: 2, refreshed: 1, failed: 1 });
  });

  it('never runs two refreshes at once: stamps offered meanwhile are applied after the current round, the newest only', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const f = new DocumentFollower(
      {
        reports: async () => {
          running++;
          most = Math.max(most, running);
          await new Promise<void>((r) => {
            release = r;
          });
          running--;
          return 1;
        },
      },
      () => undefined,
    );
    const first = f.offer(stamps({ reports: 1 }));
    const second = f.offer(stamps({ reports: 2 }));
    const third = f.offer(stamps({ reports: 3 }));
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 0));
      release();
    }
    await Promise.all([first, second, third]);
    seen.push(f.stats.rounds);
    expect(most).toBe(1);
    expect(seen).toEqual([2]); // the round of 1, then one round for the newest (3); 2 was never applied alone
    expect(f.stats.refreshed).toBe(2);
  });
});
