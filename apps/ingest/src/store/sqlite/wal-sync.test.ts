import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalSync } from './wal-sync.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A WalSync on a real file whose flushes the test completes by hand, in order. */
function controlled() {
  dir = mkdtempSync(join(tmpdir(), 'ioc-wal-'));
  const file = join(dir, 'ioc.db-wal');
  writeFileSync(file, 'frames');
  const pending: ((err: Error | null) => void)[] = [];
  const log: string[] = [];
  let started = 0;
  const wal = new WalSync(file, (_fd, done) => {
    log.push(`flush ${++started} started`);
    pending.push(done);
  });
  const finish = async (err: Error | null = null) => {
    pending.shift()!(err);
    await new Promise((r) => setImmediate(r));
  };
  return { wal, log, finish };
}

describe('WalSync', () => {
  it('never answers a caller with a flush that started before its call, and shares the next flush among the callers that wait for it', async () => {
    const { wal, log, finish } = controlled();
    const done: string[] = [];
    void wal.sync().then(() => done.push('a'));
    // b, c and d commit while the first flush runs: it may not cover them, the next one covers all three
    void wal.sync().then(() => done.push('b'));
    await new Promise((r) => setImmediate(r));
    void wal.sync().then(() => done.push('c'));
    void wal.sync().then(() => done.push('d'));
    expect(log).toEqual(['flush 1 started']);
    await finish();
    expect(done).toEqual(['a']);
    expect(log).toEqual(['flush 1 started', 'flush 2 started']);
    void wal.sync().then(() => done.push('e'));
    await finish();
    expect(done).toEqual(['a', 'b', 'c', 'd']);
    expect(log).toEqual(['flush 1 started', 'flush 2 started', 'flush 3 started']);
    await finish();
    expect(done).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(wal.flushes).toBe(3);
  });

  it('fails the callers of a flush that fails (their writes are not acknowledged), and flushes again for the next ones', async () => {
    const { wal, finish } = controlled();
    const first = wal.sync();
    const second = wal.sync();
    await finish(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    await finish();
    await expect(second).resolves.toBeUndefined();
  });

  it('has nothing to flush before the WAL file exists', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-wal-'));
    const wal = new WalSync(join(dir, 'none-wal'), () => {
      throw new Error('no flush without a file');
    });
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
  });
});
