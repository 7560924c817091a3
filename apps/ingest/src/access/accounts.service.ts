import { randomUUID } from 'node:crypto';
import type { AccessScope, AdminUser, AdminUserCreate, AdminUserPatch, Role } from '@cityioc/contracts';
import { httpError, type ErrorDetail } from '../plugins/errors.ts';
import type { AccessStore, StoredUser } from '../store/access-store.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthLimiter, Blocked } from './auth-limiter.ts';
import type { Principal } from './principal.ts';
import { hashPassword, passwordMatches } from './secrets.ts';
import type { SessionService } from './sessions.ts';
import { refuseRetired, retiredDetails, type RetiredLookup } from './units-in-force.ts';

/** Which unit and agency codes exist (the catalogue's areas, the reporting units, the agency catalogue). */
export interface KnownCodes {
  unit(code: string): boolean;
  agency(code: string): boolean;
  /** A unit of the registry that is not in force today (an old district): refused with 422 (access/units-in-force.ts). */
  retired?: RetiredLookup;
}

/** A local account as an administrator or the demo creates it. */
type LocalAccount = { username: string; name: string; role: Role; scopes: AccessScope; password: string };

/** What the account and device services share: the access store, sessions, the sign-in limiter, the audit log, the clock and the known codes. */
export interface SignInDeps {
  store: AccessStore;
  sessions: SessionService;
  limiter: AuthLimiter;
  audit: AuditService;
  clock: () => number;
  known: KnownCodes;
}

export type LoginResult = { ok: true; token: string; principal: Principal } | { ok: false; blocked: Blocked | null };

/** The same message for a wrong username and a wrong password: nothing tells whether an account exists. */
export const INVALID_CREDENTIALS = 'the username or the password is wrong';

export const adminView = (u: StoredUser): AdminUser => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  scopes: u.scopes,
  disabled: u.disabled,
  origin: u.origin,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
  lastLoginAt: u.lastLoginAt,
});

/**
 * Checks a scope's codes; a person other than an administrator needs at least one unit or agency.
 * Unknown codes are 400; a unit that no longer exists (a district before 1 July 2025) is 422
 * unit_not_in_force naming the units that took it over: such a scope would match nothing today.
 */
export function checkScope(scope: AccessScope, role: Role, known: KnownCodes): void {
  const details: ErrorDetail[] = [];
  scope.units.forEach((u, i) => {
    if (!known.unit(u))
      details.push({ field: `/scopes/units/${i}`, reason: 'unknown_unit', message: `unit '${u}' is not an area or reporting unit of the catalogue` });
  });
  scope.agencies.forEach((a, i) => {
    if (!known.agency(a)) details.push({ field: `/scopes/agencies/${i}`, reason: 'unknown_agency', message: `agency '${a}' is not in the agency catalogue` });
  });
  if (details.length > 0) throw httpError(400, 'invalid_scope', details.map((d) => d.message).join('; '), details);
  refuseRetired(retiredDetails(scope.units, '/scopes/units', known.retired), 'invalid_scope');
  if (role !== 'admin' && scope.units.length + scope.agencies.length === 0)
    throw httpError(400, 'invalid_scope', `${role === 'leader' ? 'a' : 'an'} ${role} needs at least one unit or agency`, [
      { field: '/scopes', reason: 'empty_scope', message: 'name at least one unit or agency' },
    ]);
}

/**
 * Local accounts: argon2id passwords, sign-in guarded by the failed-authentication limiter (asked
 * before the password is checked), and the administrators' changes, each audited. Identity-provider
 * accounts are kept here too (origin 'oidc', no password), their role and scope set at each sign-in.
 */
export class AccountsService {
  constructor(private readonly deps: SignInDeps) {}

  async login(usernameRaw: string, password: string, ip: string): Promise<LoginResult> {
    const username = usernameRaw.trim().toLowerCase();
    const blocked = await this.deps.limiter.blocked(ip, `u:${username}`, username);
    if (blocked) {
      await this.deps.audit.record({ actor: username, action: 'auth.login_blocked', ip, details: { retryAfterSec: blocked.retryAfterSec } });
      return { ok: false, blocked };
    }
    const user = await this.deps.store.userByUsername(username);
    // verified against a fixed hash when there is no such account: the same work, the same time
    const matches = await passwordMatches(user && user.origin === 'local' ? user.passwordHash : null, password);
    if (!user || !matches || user.disabled) {
      await this.deps.limiter.failed(ip, `u:${username}`, username);
      await this.deps.audit.record({ actor: username, action: 'auth.login_failed', ip, details: { method: 'password' } });
      return { ok: false, blocked: null };
    }
    await this.deps.limiter.succeeded(username);
    const { token, principal } = await this.deps.sessions.open({ kind: 'user', user }, ip);
    await this.deps.store.updateUser(user.id, { lastLoginAt: this.deps.clock() }, this.deps.clock());
    await this.deps.audit.record({ actor: principal, action: 'auth.login', ip, details: { method: 'password' } });
    return { ok: true, token, principal };
  }

  async list(): Promise<AdminUser[]> {
    return (await this.deps.store.users()).map(adminView);
  }

  async create(input: AdminUserCreate, by: Principal, ip: string): Promise<AdminUser> {
    checkScope(input.scopes, input.role, this.deps.known);
    const user = await this.localUser({ ...input, name: input.name.trim() });
    if (!(await this.deps.store.createUser(user))) throw httpError(409, 'username_taken', `the username '${input.username}' is taken`);
    await this.deps.audit.record({ actor: by, action: 'user.create', target: user.username, ip, details: { role: user.role, scopes: user.scopes } });
    return adminView(user);
  }

  async patch(id: string, patch: AdminUserPatch, by: Principal, ip: string): Promise<AdminUser> {
    const current = await this.deps.store.user(id);
    if (!current) throw httpError(404, 'not_found', `user ${id} does not exist`);
    const role = patch.role ?? current.role;
    if (patch.scopes || patch.role) checkScope(patch.scopes ?? current.scopes, role, this.deps.known);
    if (patch.password !== undefined && current.origin === 'oidc')
      throw httpError(409, 'oidc_account', 'this account signs in at the identity provider: it has no password here');
    if (id === by.id && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin')))
      throw httpError(409, 'own_account', 'an administrator cannot disable or demote their own account');
    const updated = await this.deps.store.updateUser(
      id,
      {
        name: patch.name?.trim(),
        role: patch.role,
        scopes: patch.scopes,
        disabled: patch.disabled,
        passwordHash: patch.password === undefined ? undefined : await hashPassword(patch.password),
      },
      this.deps.clock(),
    );
    if (!updated) throw httpError(404, 'not_found', `user ${id} does not exist`);
    // a new password, a disabled account, a new role or scope: the sessions opened before end
    if (patch.password !== undefined || patch.disabled === true || patch.role !== undefined || patch.scopes !== undefined)
      await this.deps.sessions.endAllOf('user', id);
    const { password: _password, ...shown } = patch;
    await this.deps.audit.record({
      actor: by,
      action: 'user.update',
      target: updated.username,
      ip,
      details: { ...shown, ...(patch.password !== undefined ? { passwordReset: true } : {}) },
    });
    return adminView(updated);
  }

  async remove(id: string, by: Principal, ip: string): Promise<void> {
    if (id === by.id) throw httpError(409, 'own_account', 'an administrator cannot delete their own account');
    const current = await this.deps.store.user(id);
    if (!current || !(await this.deps.store.deleteUser(id))) throw httpError(404, 'not_found', `user ${id} does not exist`);
    await this.deps.sessions.endAllOf('user', id);
    await this.deps.audit.record({ actor: by, action: 'user.delete', target: current.username, ip });
  }

  /**
   * The account of a person signing in at the identity provider: created at the first sign-in,
   * its name, role and scope updated from the provider's claims at each one after.
   */
  async upsertOidcUser(subject: string, username: string, name: string, role: Role, scopes: AccessScope): Promise<StoredUser> {
    const now = this.deps.clock();
    const existing = await this.deps.store.userBySubject(subject);
    if (existing) {
      await this.deps.store.updateUser(existing.id, { name, role, scopes }, now);
      return (await this.deps.store.updateUser(existing.id, { lastLoginAt: now }, now)) ?? existing;
    }
    const base: StoredUser = {
      id: randomUUID(),
      username,
      name,
      role,
      scopes,
      passwordHash: null,
      disabled: false,
      origin: 'oidc',
      subject,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: now,
    };
    // a username already taken by a local account: the provider's account gets a suffix
    for (let i = 0; i < 20; i++) {
      const candidate = i === 0 ? username : `${username.slice(0, 58)}-${i + 1}`;
      if (await this.deps.store.createUser({ ...base, username: candidate })) return { ...base, username: candidate };
    }
    throw httpError(409, 'username_taken', `no free username for '${username}'`);
  }

  /** Creates a local account if its username is free (demo accounts at start); true when created. */
  async ensure(user: LocalAccount): Promise<boolean> {
    if (await this.deps.store.userByUsername(user.username)) return false;
    return this.deps.store.createUser(await this.localUser(user));
  }

  /** A new local account (enabled, password hashed), not stored yet. */
  private async localUser(input: LocalAccount): Promise<StoredUser> {
    const now = this.deps.clock();
    const { username, name, role, scopes } = input;
    const passwordHash = await hashPassword(input.password);
    return {
      id: randomUUID(),
      username,
      name,
      role,
      scopes,
      passwordHash,
      disabled: false,
      origin: 'local',
      subject: null,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    };
  }
}
