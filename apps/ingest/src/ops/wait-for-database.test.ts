import { describe, expect, it } from 'vitest';
import { databaseTarget, DatabaseConfigError, retryDelayMs, waitForDatabase, type WaitDeps } from './wait-for-database.ts';

const URL_WITH_SECRET = 'postgres://ioc:s3cr%40t@db.internal:6543/cityioc';

function deps(failures: unknown[]): WaitDeps & { lines: string[]; slept: number[] } {
  const lines: string[] = [];
  const slept: number[] = [];
  return {
    lines,
    slept,
    probe: async () => {
      const next = failures.shift();
      if (next) throw next;
    },
    sleep: async (ms) => void slept.push(ms),
    log: (line) => void lines.push(line),
  };
}

describe('waitForDatabase', () => {
  it('names the target without the password', () => {
    expect(databaseTarget(URL_WITH_SECRET)).toBe('postgres://ioc@db.internal:6543/cityioc');
    expect(databaseTarget('not a url')).toBe('(unparsable URL)');
  });

  it('waits through refusals and a starting server, one line per attempt, then goes on', async () => {
    const d = deps([
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6543'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('starting up'), { code: '57P03' }),
    ]);
    const reasons: string[] = [];
    await waitForDatabase(URL_WITH_SECRET, d, (r) => reasons.push(r));
    expect(d.slept).toEqual([1000, 2000]);
    expect(reasons).toEqual([
      'PostgreSQL postgres://ioc@db.internal:6543/cityioc unreachable: ECONNREFUSED',
      'PostgreSQL postgres://ioc@db.internal:6543/cityioc unreachable: 57P03',
    ]);
    expect(d.lines.at(-1)).toBe('PostgreSQL postgres://ioc@db.internal:6543/cityioc answers: starting');
    expect(d.lines.join('\n')).not.toMatch(/s3cr/);
  });

  it.each([
    ['28P01', 'the password was refused'],
    ['3D000', 'the database does not exist'],
  ])('stops at once on %s: waiting cannot fix the configuration', async (code, why) => {
    const d = deps([Object.assign(new Error('password authentication failed for user "ioc"'), { code })]);
    const err = await waitForDatabase(URL_WITH_SECRET, d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseConfigError);
    expect((err as Error).message).toContain(why);
    expect((err as Error).message).not.toMatch(/s3cr/);
    expect(d.slept).toEqual([]);
  });

  it('backs off from 1 s to at most 15 s', () => {
    expect([0, 1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
  });
});
