/**
 * The tests' one way to wait for something to happen, instead of a fixed sleep: polls `probe`
 * (sync or async) until it returns a truthy value and resolves to that value. After `timeoutMs`
 * it fails naming `what`; an exception from `probe` fails at once. (vi.waitUntil underneath;
 * use vi.waitFor where the probe is itself an assertion that should be retried.)
 */
import { vi } from 'vitest';

export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitUntil<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 20): Promise<Truthy<T>> {
  try {
    return (await vi.waitUntil(probe, { timeout: timeoutMs, interval: intervalMs })) as Truthy<T>;
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('Timed out in waitUntil')) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    throw e;
  }
}
