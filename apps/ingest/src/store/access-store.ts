import type { AccessScope, FeedGrant, Role } from '@cityioc/contracts';
import { epoch, epochOrNull, flag, json, jsonOrNull, rowMapper, type Row, type SqlRunner } from './sql-runner.ts';

/**
 * Accounts and credentials, in both stores (conformance: conformance/access.contract.ts [ST-AC…]):
 * users (argon2id password hashes, or an identity-provider subject), sessions (kept by the SHA-256
 * of the cookie's token, never the token), wall devices (the hash of their kiosk token), feed
 * sources with their grant and their keys' hashes. Small tables, written on sign-in and by
 * administrators: one implementation over a SqlRunner serves both engines.
 */
export interface StoredUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  scopes: AccessScope;
  /** argon2id PHC string; null for identity-provider accounts. */
  passwordHash: string | null;
  disabled: boolean;
  origin: 'local' | 'oidc';
  /** issuer + ' ' + sub for identity-provider accounts. */
  subject: string | null;
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
}
export type UserPatch = Partial<Pick<StoredUser, 'name' | 'role' | 'scopes' | 'passwordHash' | 'disabled' | 'lastLoginAt'>>;

export interface StoredSession {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  /** 'oidc': a sign-in on its way through the identity provider (state, nonce, PKCE verifier in `data`). */
  kind: 'user' | 'device' | 'oidc';
  /** The user's or device's id; null for 'oidc'. */
  subjectId: string | null;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end; null for devices (they last until revoked). */
  expiresAt: number | null;
  ip: string | null;
  data: unknown;
}

export interface StoredDevice {
  id: string;
  name: string;
  scopes: AccessScope;
  /** SHA-256 (hex) of the kiosk token. */
  tokenHash: string;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

export interface StoredFeedSource {
  id: string;
  name: string;
  grant: FeedGrant;
  createdAt: number;
  updatedAt: number;
}

export interface StoredFeedKey {
  id: string;
  sourceId: string;
  /** SHA-256 (hex) of the key. */
  keyHash: string;
  prefix: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface AccessStore {
  /** false (nothing stored) when the username or the subject is taken. */
  createUser(u: StoredUser): Promise<boolean>;
  updateUser(id: string, patch: UserPatch, at: number): Promise<StoredUser | null>;
  /** Removes the user and every session of theirs, in one transaction. */
  deleteUser(id: string): Promise<boolean>;
  user(id: string): Promise<StoredUser | null>;
  userByUsername(username: string): Promise<StoredUser | null>;
  userBySubject(subject: string): Promise<StoredUser | null>;
  /** Ordered by username. */
  users(): Promise<StoredUser[]>;

  createSession(s: StoredSession): Promise<void>;
  session(id: string): Promise<StoredSession | null>;
  touchSession(id: string, at: number): Promise<void>;
  deleteSession(id: string): Promise<boolean>;
  /** Ends every session of a user or device; resolves to their ids. */
  deleteSessionsOf(kind: 'user' | 'device', subjectId: string): Promise<string[]>;
  /** Sessions past their absolute end, or idle since before `idleBefore` (devices included). */
  deleteExpiredSessions(now: number, idleBefore: number): Promise<number>;

  createDevice(d: StoredDevice): Promise<void>;
  device(id: string): Promise<StoredDevice | null>;
  deviceByTokenHash(hash: string): Promise<StoredDevice | null>;
  /** Ordered by creation. */
  devices(): Promise<StoredDevice[]>;
  touchDevice(id: string, at: number): Promise<void>;
  /** false when it does not exist or was already revoked. */
  revokeDevice(id: string, at: number): Promise<boolean>;

  /** false when the id is taken. */
  createFeedSource(s: StoredFeedSource): Promise<boolean>;
  updateFeedSource(id: string, patch: { name?: string | undefined; grant?: FeedGrant | undefined }, at: number): Promise<StoredFeedSource | null>;
  /** Ordered by id. */
  feedSources(): Promise<StoredFeedSource[]>;
  /**
   * Adds a key and, in the same transaction, sets the end of every other key of the source that is
   * still open (no end, not revoked) to `othersEndAt`: the rotation's overlap window.
   */
  addFeedKey(k: StoredFeedKey, othersEndAt: number): Promise<void>;
  /** false when no such key of that source, or already revoked. */
  revokeFeedKey(sourceId: string, keyId: string, at: number): Promise<boolean>;
  /** Every key, ordered by source, then creation. */
  feedKeys(): Promise<StoredFeedKey[]>;
}

/** The tables, in SQL both engines accept (SQLite: IF NOT EXISTS at each open; PostgreSQL: a migration). */
export function accessDdl(ifNotExists: boolean): string {
  const t = ifNotExists ? 'TABLE IF NOT EXISTS' : 'TABLE';
  const i = ifNotExists ? 'INDEX IF NOT EXISTS' : 'INDEX';
  return `
    CREATE ${t} users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      scopes TEXT NOT NULL,
      password_hash TEXT,
      disabled INTEGER NOT NULL,
      origin TEXT NOT NULL,
      subject TEXT UNIQUE,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      last_login_at BIGINT
    );
    CREATE ${t} sessions (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      subject_id TEXT,
      csrf_token TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      last_seen_at BIGINT NOT NULL,
      expires_at BIGINT,
      ip TEXT,
      data TEXT
    );
    CREATE ${i} sessions_subject ON sessions (kind, subject_id);
    CREATE ${t} devices (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      scopes TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at BIGINT NOT NULL,
      revoked_at BIGINT,
      last_seen_at BIGINT
    );
    CREATE ${t} feed_sources (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      grant_json TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE ${t} feed_keys (
      id TEXT PRIMARY KEY,
      source_id TEXT NOT NULL REFERENCES feed_sources (id),
      key_hash TEXT NOT NULL UNIQUE,
      prefix TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      expires_at BIGINT,
      revoked_at BIGINT
    );`;
}

const USER_COLUMNS = `id, username, name, role, scopes, password_hash AS "passwordHash", disabled, origin, subject,
  created_at AS "createdAt", updated_at AS "updatedAt", last_login_at AS "lastLoginAt"`;
const SESSION_COLUMNS = `id, kind, subject_id AS "subjectId", csrf_token AS "csrfToken", created_at AS "createdAt",
  last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip, data`;
const DEVICE_COLUMNS = `id, name, scopes, token_hash AS "tokenHash", created_at AS "createdAt", revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt"`;
const SOURCE_COLUMNS = `id, name, grant_json AS "grant", created_at AS "createdAt", updated_at AS "updatedAt"`;
const KEY_COLUMNS = `id, source_id AS "sourceId", key_hash AS "keyHash", prefix, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"`;

/** Code-point order, the same in both engines (their collations differ). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const userOf = rowMapper<StoredUser>({ scopes: json, disabled: flag, createdAt: epoch, updatedAt: epoch, lastLoginAt: epochOrNull });
const sessionOf = rowMapper<StoredSession>({ createdAt: epoch, lastSeenAt: epoch, expiresAt: epochOrNull, data: jsonOrNull });
const deviceOf = rowMapper<StoredDevice>({ scopes: json, createdAt: epoch, revokedAt: epochOrNull, lastSeenAt: epochOrNull });
const sourceOf = rowMapper<StoredFeedSource>({ grant: json, createdAt: epoch, updatedAt: epoch });
const keyOf = rowMapper<StoredFeedKey>({ createdAt: epoch, expiresAt: epochOrNull, revokedAt: epochOrNull });

/** The access store on one engine's runner. */
export function accessStoreOn(db: SqlRunner): AccessStore {
  const one = async <T>(sql: string, args: unknown[], map: (r: Row) => T): Promise<T | null> => {
    const [r] = await db.all<Row>(sql, args);
    return r ? map(r) : null;
  };
  return {
    async createUser(u) {
      const n = await db.run(
        `INSERT INTO users (id, username, name, role, scopes, password_hash, disabled, origin, subject, created_at, updated_at, last_login_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          u.id,
          u.username,
          u.name,
          u.role,
          JSON.stringify(u.scopes),
          u.passwordHash,
          u.disabled ? 1 : 0,
          u.origin,
          u.subject,
          u.createdAt,
          u.updatedAt,
          u.lastLoginAt,
        ],
      );
      return n === 1;
    },
    async updateUser(id, patch, at) {
      const sets: string[] = ['updated_at = ?'];
      const args: unknown[] = [at];
      const set = (col: string, v: unknown) => {
        sets.push(`${col} = ?`);
        args.push(v);
      };
      if (patch.name !== undefined) set('name', patch.name);
      if (patch.role !== undefined) set('role', patch.role);
      if (patch.scopes !== undefined) set('scopes', JSON.stringify(patch.scopes));
      if (patch.passwordHash !== undefined) set('password_hash', patch.passwordHash);
      if (patch.disabled !== undefined) set('disabled', patch.disabled ? 1 : 0);
      if (patch.lastLoginAt !== undefined) {
        // signing in is not an edit of the account
        sets.shift();
        args.shift();
        set('last_login_at', patch.lastLoginAt);
      }
      const n = await db.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`, [...args, id]);
      return n === 1 ? this.user(id) : null;
    },
    async deleteUser(id) {
      const [, n] = await db.batch([
        [`DELETE FROM sessions WHERE kind = 'user' AND subject_id = ?`, [id]],
        [`DELETE FROM users WHERE id = ?`, [id]],
      ]);
      return n === 1;
    },
    user: (id) => one(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id], userOf),
    userByUsername: (username) => one(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`, [username], userOf),
    userBySubject: (subject) => one(`SELECT ${USER_COLUMNS} FROM users WHERE subject = ?`, [subject], userOf),
    async users() {
      return (await db.all<Row>(`SELECT ${USER_COLUMNS} FROM users`)).map(userOf).sort((a, b) => cmp(a.username, b.username));
    },

    async createSession(s) {
      await db.run(
        `INSERT INTO sessions (id, kind, subject_id, csrf_token, created_at, last_seen_at, expires_at, ip, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [s.id, s.kind, s.subjectId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt, s.ip, s.data === null ? null : JSON.stringify(s.data)],
      );
    },
    session: (id) => one(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`, [id], sessionOf),
    async touchSession(id, at) {
      await db.run(`UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?`, [at, id, at]);
    },
    async deleteSession(id) {
      return (await db.run(`DELETE FROM sessions WHERE id = ?`, [id])) === 1;
    },
    async deleteSessionsOf(kind, subjectId) {
      const ids = await db.all<{ id: string }>(`SELECT id FROM sessions WHERE kind = ? AND subject_id = ?`, [kind, subjectId]);
      await db.run(`DELETE FROM sessions WHERE kind = ? AND subject_id = ?`, [kind, subjectId]);
      return ids.map((r) => r.id);
    },
    deleteExpiredSessions: (now, idleBefore) => db.run(`DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?`, [now, idleBefore]),

    async createDevice(d) {
      await db.run(`INSERT INTO devices (id, name, scopes, token_hash, created_at, revoked_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        d.id,
        d.name,
        JSON.stringify(d.scopes),
        d.tokenHash,
        d.createdAt,
        d.revokedAt,
        d.lastSeenAt,
      ]);
    },
    device: (id) => one(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ?`, [id], deviceOf),
    deviceByTokenHash: (hash) => one(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = ?`, [hash], deviceOf),
    async devices() {
      return (await db.all<Row>(`SELECT ${DEVICE_COLUMNS} FROM devices`)).map(deviceOf).sort((a, b) => a.createdAt - b.createdAt || cmp(a.id, b.id));
    },
    async touchDevice(id, at) {
      await db.run(`UPDATE devices SET last_seen_at = ? WHERE id = ?`, [at, id]);
    },
    async revokeDevice(id, at) {
      const [n] = await db.batch([
        [`UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, [at, id]],
        [`DELETE FROM sessions WHERE kind = 'device' AND subject_id = ?`, [id]],
      ]);
      return n === 1;
    },

    async createFeedSource(s) {
      const n = await db.run(`INSERT INTO feed_sources (id, name, grant_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, [
        s.id,
        s.name,
        JSON.stringify(s.grant),
        s.createdAt,
        s.updatedAt,
      ]);
      return n === 1;
    },
    async updateFeedSource(id, patch, at) {
      const sets = ['updated_at = ?'];
      const args: unknown[] = [at];
      if (patch.name !== undefined) {
        sets.push('name = ?');
        args.push(patch.name);
      }
      if (patch.grant !== undefined) {
        sets.push('grant_json = ?');
        args.push(JSON.stringify(patch.grant));
      }
      const n = await db.run(`UPDATE feed_sources SET ${sets.join(', ')} WHERE id = ?`, [...args, id]);
      return n === 1 ? one(`SELECT ${SOURCE_COLUMNS} FROM feed_sources WHERE id = ?`, [id], sourceOf) : null;
    },
    async feedSources() {
      return (await db.all<Row>(`SELECT ${SOURCE_COLUMNS} FROM feed_sources`)).map(sourceOf).sort((a, b) => cmp(a.id, b.id));
    },
    async addFeedKey(k, othersEndAt) {
      await db.batch([
        [`UPDATE feed_keys SET expires_at = ? WHERE source_id = ? AND expires_at IS NULL AND revoked_at IS NULL`, [othersEndAt, k.sourceId]],
        [
          `INSERT INTO feed_keys (id, source_id, key_hash, prefix, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [k.id, k.sourceId, k.keyHash, k.prefix, k.createdAt, k.expiresAt, k.revokedAt],
        ],
      ]);
    },
    async revokeFeedKey(sourceId, keyId, at) {
      return (await db.run(`UPDATE feed_keys SET revoked_at = ? WHERE id = ? AND source_id = ? AND revoked_at IS NULL`, [at, keyId, sourceId])) === 1;
    },
    async feedKeys() {
      return (await db.all<Row>(`SELECT ${KEY_COLUMNS} FROM feed_keys`))
        .map(keyOf)
        .sort((a, b) => cmp(a.sourceId, b.sourceId) || a.createdAt - b.createdAt || cmp(a.id, b.id));
    },
  };
}
