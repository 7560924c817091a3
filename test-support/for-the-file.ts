/**
 * A helper process that a whole test file shares (a mosquitto broker, a PostgreSQL server):
 * started before the file's first test, stopped after its last. Call it at the top of the file and
 * call what it returns inside a test (or a hook that runs after it) to get the process.
 */
import { afterAll, beforeAll } from 'vitest';

export function forTheFile<T extends { stop(): Promise<unknown> }>(start: () => Promise<T>): () => T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.stop();
  });
  return () => {
    if (!started) throw new Error('the process of this file is not started (called outside a test?)');
    return started;
  };
}
