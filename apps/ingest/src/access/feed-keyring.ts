import type { FeedGrant } from '@cityioc/contracts';
import { FULL_GRANT } from '@cityioc/domain';
import type { AccessStore } from '../store/access-store.ts';
import type { FeedCaller } from './principal.ts';
import { tokenHash } from './secrets.ts';

interface KeyEntry extends FeedCaller {
  expiresAt: number | null;
  revokedAt: number | null;
}

/**
 * Every valid feed key by its hash, in memory (a feed POST never waits on the store): the keys of
 * IOC_API_KEYS with the full grant, and the keys administrators created, each with its source's
 * grant. Reloaded after each change made here and every `refreshMs` (changes made on another node).
 */
export class FeedKeyring {
  private entries = new Map<string, KeyEntry>();
  private grants = new Map<string, FeedGrant>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly envKeys: ReadonlyMap<string, string>,
    private readonly store: AccessStore,
  ) {
    this.entries = this.withEnv(new Map());
  }

  private withEnv(m: Map<string, KeyEntry>): Map<string, KeyEntry> {
    for (const [source, key] of this.envKeys) m.set(tokenHash(key), { source, grant: FULL_GRANT, keyId: null, expiresAt: null, revokedAt: null });
    return m;
  }

  /** The sources of IOC_API_KEYS (read-only in the admin API). */
  envSources(): string[] {
    return [...this.envKeys.keys()];
  }

  async reload(): Promise<void> {
    const [sources, keys] = await Promise.all([this.store.feedSources(), this.store.feedKeys()]);
    const grants = new Map(sources.map((s) => [s.id, s.grant]));
    const m = new Map<string, KeyEntry>();
    for (const k of keys) {
      const grant = grants.get(k.sourceId);
      if (grant && k.revokedAt === null) m.set(k.keyHash, { source: k.sourceId, grant, keyId: k.id, expiresAt: k.expiresAt, revokedAt: k.revokedAt });
    }
    this.grants = grants;
    this.entries = this.withEnv(m);
  }

  startRefreshing(refreshMs: number, onError: (e: unknown) => void): void {
    this.timer = setInterval(() => void this.reload().catch(onError), refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The caller of a presented key, or null (unknown, revoked, or past the end of its overlap window). */
  resolve(presented: string, now: number): FeedCaller | null {
    const e = this.entries.get(tokenHash(presented));
    if (!e || e.revokedAt !== null || (e.expiresAt !== null && now >= e.expiresAt)) return null;
    return { source: e.source, grant: e.grant, keyId: e.keyId };
  }

  grantOf(source: string): FeedGrant | undefined {
    return this.envKeys.has(source) ? FULL_GRANT : this.grants.get(source);
  }
}
