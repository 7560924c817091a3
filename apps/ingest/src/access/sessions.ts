import { cityScope, sessionVerdict, shouldTouch, type ScopeTree } from '@cityioc/domain';
import type { AccessStore, StoredDevice, StoredSession, StoredUser } from '../store/access-store.ts';
import { makePrincipal, type Principal } from './principal.ts';
import { newToken, tokenHash } from './secrets.ts';

export interface SessionOptions {
  /** A person's session ends after this long without a request (IOC_SESSION_IDLE_MINUTES)… */
  idleMs: number;
  /** …and in any case this long after signing in (IOC_SESSION_MAX_HOURS). */
  absoluteMs: number;
  /** A wall device's session ends after this long without a request (IOC_DEVICE_IDLE_DAYS); it has no absolute end. */
  deviceIdleMs: number;
}

/** How long a resolved session is trusted from memory before the store is asked again (revocations on other nodes). */
const CACHE_MS = 10_000;
/** lastSeenAt is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;
/** A sign-in through the identity provider must come back within this time. */
const OIDC_TRANSACTION_MS = 10 * 60_000;

interface Cached {
  principal: Principal;
  session: StoredSession;
  at: number;
}

export type Resolved = { principal: Principal } | { ended: 'expired' | 'unknown' };

/**
 * Cookie sessions kept in the store: the cookie holds a random token, the store its SHA-256, so a
 * copy of the database opens no session. Each has its synchronizer CSRF token (sent back as
 * x-csrf-token). A session ends when it idles, reaches its absolute end, is logged out, or when its
 * user is disabled, deleted or given a new password, or its device revoked; listeners (the
 * Socket.IO gateway) hear of every end made on this node and close the sockets opened with it.
 */
export class SessionService {
  private readonly cache = new Map<string, Cached>();
  private readonly endListeners: ((ids: string[]) => void)[] = [];
  private readonly recheckListeners: (() => void)[] = [];

  constructor(
    private readonly store: AccessStore,
    private readonly tree: ScopeTree,
    private readonly clock: () => number,
    private readonly opts: SessionOptions,
  ) {}

  onEnd(listener: (ids: string[]) => void): void {
    this.endListeners.push(listener);
  }

  /** Listeners (the Socket.IO gateway) that check their sessions again when another node ended some (recheckAll). */
  onRecheck(listener: () => void): void {
    this.recheckListeners.push(listener);
  }

  /**
   * Sessions or accounts changed on another node (a logout, a user disabled, deleted or given a new
   * password or new scopes, a device revoked: live/cluster.ts): the cached ones are read from the store
   * again on their next use, and the listeners check the sessions behind their open sockets now,
   * instead of at the cache's 10 s and the gateway's one-minute check.
   */
  recheckAll(): void {
    this.cache.clear();
    for (const l of this.recheckListeners) l();
  }

  private ended(ids: string[]): void {
    for (const id of ids) this.cache.delete(id);
    if (ids.length > 0) for (const l of this.endListeners) l(ids);
  }

  principalOfUser(u: StoredUser, session: StoredSession | null): Principal {
    return makePrincipal(this.tree, {
      kind: 'user',
      id: u.id,
      name: u.name,
      role: u.role,
      // an administrator sees everything, whatever scope the account holds
      scopes: u.role === 'admin' ? cityScope(this.tree.city) : u.scopes,
      actor: u.username,
      trailName: `${u.name} (${u.username})`,
      session: session ? { id: session.id, csrfToken: session.csrfToken } : null,
    });
  }

  principalOfDevice(d: StoredDevice, session: StoredSession | null): Principal {
    return makePrincipal(this.tree, {
      kind: 'device',
      id: d.id,
      name: d.name,
      role: 'leader',
      scopes: d.scopes,
      actor: `device:${d.id}`,
      session: session ? { id: session.id, csrfToken: session.csrfToken } : null,
    });
  }

  /** Opens a session for a user or a device; resolves to the cookie's token and the caller. */
  async open(
    subject: { kind: 'user'; user: StoredUser } | { kind: 'device'; device: StoredDevice },
    ip: string | null,
  ): Promise<{ token: string; principal: Principal }> {
    const now = this.clock();
    const token = newToken();
    const s: StoredSession = {
      id: tokenHash(token),
      kind: subject.kind,
      subjectId: subject.kind === 'user' ? subject.user.id : subject.device.id,
      csrfToken: newToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: subject.kind === 'user' ? now + this.opts.absoluteMs : null,
      ip,
      data: null,
    };
    await this.store.createSession(s);
    const principal = subject.kind === 'user' ? this.principalOfUser(subject.user, s) : this.principalOfDevice(subject.device, s);
    this.cache.set(s.id, { principal, session: s, at: now });
    return { token, principal };
  }

  /** The caller of a session cookie; `ended` when it is unknown (never issued, or removed) or has expired. */
  resolve(token: string): Promise<Resolved> {
    return this.resolveId(tokenHash(token));
  }

  /** Whether a session (by its store id) still opens (sockets opened with it are closed when not). */
  async stillValid(id: string): Promise<boolean> {
    return 'principal' in (await this.resolveId(id));
  }

  private async resolveId(id: string): Promise<Resolved> {
    const now = this.clock();
    const hit = this.cache.get(id);
    if (hit && now - hit.at < CACHE_MS) {
      if (this.verdict(hit.session, now) !== 'valid') return this.expire(hit.session);
      this.touch(hit.session, now);
      return { principal: hit.principal };
    }
    const s = await this.store.session(id);
    if (!s || s.kind === 'oidc') return { ended: 'unknown' };
    if (this.verdict(s, now) !== 'valid') return this.expire(s);
    let principal: Principal | null = null;
    if (s.kind === 'user') {
      const u = s.subjectId ? await this.store.user(s.subjectId) : null;
      if (u && !u.disabled) principal = this.principalOfUser(u, s);
    } else {
      const d = s.subjectId ? await this.store.device(s.subjectId) : null;
      if (d && d.revokedAt === null) principal = this.principalOfDevice(d, s);
    }
    if (!principal) {
      await this.end(s.id);
      return { ended: 'unknown' };
    }
    this.cache.set(id, { principal, session: s, at: now });
    this.touch(s, now);
    return { principal };
  }

  private verdict(s: StoredSession, now: number) {
    return sessionVerdict(s, now, s.kind === 'device' ? this.opts.deviceIdleMs : this.opts.idleMs);
  }

  private async expire(s: StoredSession): Promise<Resolved> {
    await this.end(s.id);
    return { ended: 'expired' };
  }

  private touch(s: StoredSession, now: number): void {
    if (!shouldTouch(s, now, TOUCH_EVERY_MS)) return;
    s.lastSeenAt = now;
    void this.store.touchSession(s.id, now).catch(() => undefined);
    if (s.kind === 'device' && s.subjectId) void this.store.touchDevice(s.subjectId, now).catch(() => undefined);
  }

  /** Logs one session out. */
  async end(sessionId: string): Promise<void> {
    await this.store.deleteSession(sessionId);
    this.ended([sessionId]);
  }

  /** Ends every session of a user (disabled, deleted, new password) or a device (revoked). */
  async endAllOf(kind: 'user' | 'device', subjectId: string): Promise<void> {
    const ids = await this.store.deleteSessionsOf(kind, subjectId);
    // the store may have removed them already (deleting a user or revoking a device does): drop cached ones too
    const cached = [...this.cache.entries()].filter(([, c]) => c.session.kind === kind && c.session.subjectId === subjectId).map(([id]) => id);
    this.ended([...new Set([...ids, ...cached])]);
  }

  /** Removes expired sessions and unfinished identity-provider sign-ins from the store. */
  async sweep(): Promise<number> {
    const now = this.clock();
    return this.store.deleteExpiredSessions(now, now - Math.max(this.opts.idleMs, this.opts.deviceIdleMs, OIDC_TRANSACTION_MS));
  }

  /** Keeps a sign-in through the identity provider (state, nonce, PKCE verifier, returnTo) until it comes back; resolves to the cookie's token. */
  async beginOidc(data: unknown, ip: string | null): Promise<string> {
    const now = this.clock();
    const token = newToken();
    await this.store.createSession({
      id: tokenHash(token),
      kind: 'oidc',
      subjectId: null,
      csrfToken: '',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + OIDC_TRANSACTION_MS,
      ip,
      data,
    });
    return token;
  }

  /** The kept sign-in, once (it is removed): null when unknown or too old. */
  async takeOidc(token: string): Promise<unknown> {
    const id = tokenHash(token);
    const s = await this.store.session(id);
    if (!s || s.kind !== 'oidc') return null;
    await this.store.deleteSession(id);
    return s.expiresAt !== null && this.clock() < s.expiresAt ? s.data : null;
  }
}
