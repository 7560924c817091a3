import { RateLimiterMemory } from 'rate-limiter-flexible';
import { tokenHash } from './secrets.ts';

export interface AuthLimiterOptions {
  /** Failed attempts per minute per client address, and per presented key or username (IOC_AUTH_FAILURES_PER_MINUTE). */
  failuresPerMinute: number;
  /** Consecutive failed sign-ins of one username before it is locked (IOC_LOGIN_LOCK_FAILURES)… */
  lockAfter: number;
  /** …for this long (IOC_LOGIN_LOCK_MINUTES). */
  lockMinutes: number;
}

export interface Blocked {
  retryAfterSec: number;
}

/**
 * Failed authentication, counted per client address and per key (a presented token's hash, or a
 * username), and asked BEFORE any credential is checked: once a budget is spent, even a right
 * credential is refused until the window ends, so guessing stops paying and argon2 is not run for
 * a flood. A username also gets a lock after `lockAfter` consecutive failures (reset by a success);
 * it is kept whether or not the account exists, so a 429 reveals nothing about accounts.
 * Memory only: each node counts its own (with several nodes, the proxy's limit adds up).
 */
export class AuthLimiter {
  private readonly byAddress: RateLimiterMemory;
  private readonly byKey: RateLimiterMemory;
  private readonly byUsername: RateLimiterMemory;

  constructor(private readonly opts: AuthLimiterOptions) {
    this.byAddress = new RateLimiterMemory({ points: opts.failuresPerMinute, duration: 60 });
    this.byKey = new RateLimiterMemory({ points: opts.failuresPerMinute, duration: 60 });
    this.byUsername = new RateLimiterMemory({ points: opts.lockAfter, duration: opts.lockMinutes * 60, blockDuration: opts.lockMinutes * 60 });
  }

  /** The key a presented secret is counted under (never the secret itself). */
  static keyOf(secret: string): string {
    return `k:${tokenHash(secret).slice(0, 32)}`;
  }

  /** null when the address and the key (and the username) may still try; else how long to wait. */
  async blocked(address: string, key: string | null, username: string | null = null): Promise<Blocked | null> {
    const [a, k, u] = await Promise.all([
      this.byAddress.get(address),
      key ? this.byKey.get(key) : null,
      username ? this.byUsername.get(username.toLowerCase()) : null,
    ]);
    let wait = 0;
    if (a && a.consumedPoints >= this.opts.failuresPerMinute) wait = Math.max(wait, a.msBeforeNext);
    if (k && k.consumedPoints >= this.opts.failuresPerMinute) wait = Math.max(wait, k.msBeforeNext);
    if (u && u.consumedPoints >= this.opts.lockAfter) wait = Math.max(wait, u.msBeforeNext);
    return wait > 0 ? { retryAfterSec: Math.max(1, Math.ceil(wait / 1000)) } : null;
  }

  /** Counts one failed attempt. */
  async failed(address: string, key: string | null, username: string | null = null): Promise<void> {
    const take = (l: RateLimiterMemory, k: string) =>
      l.consume(k).then(
        () => undefined,
        () => undefined,
      );
    await Promise.all([take(this.byAddress, address), key ? take(this.byKey, key) : null, username ? take(this.byUsername, username.toLowerCase()) : null]);
  }

  /** A successful sign-in ends the username's run of failures (the address's budget stays spent). */
  async succeeded(username: string): Promise<void> {
    await this.byUsername.delete(username.toLowerCase());
  }
}
