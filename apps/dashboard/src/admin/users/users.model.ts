import { CITY_CODE } from '../../auth/access.model.ts';
import type { ErrorText } from '../../auth/error-text.ts';
import type { Role, Scopes } from '../../auth/session.ts';
import { PASSWORD_MIN_LENGTH, type AdminUser, type AdminUserCreate, type AdminUserPatch } from '@cityioc/contracts';
import { USERNAME_RE } from '../admin-rules.ts';

/** The user form's fields as typed; checked here with the server's rules before anything is sent. Pure. */
export interface UserForm {
  username: string;
  name: string;
  role: Role;
  scopes: Scopes;
  /** New user: the password; an existing one: a new password, or '' to keep it. */
  password: string;
}

export type UserField = 'username' | 'name' | 'password' | 'scopes';
export type FieldErrors<F extends string> = Partial<Record<F, ErrorText>>;

export const EMPTY_USER: UserForm = { username: '', name: '', role: 'operator', scopes: { units: [], agencies: [] }, password: '' };

/** An administrator sees the whole city whatever is chosen: the form keeps the city as the scope. */
export function scopesFor(role: Role, scopes: Scopes): Scopes {
  return role === 'admin' ? { units: [CITY_CODE], agencies: [] } : scopes;
}

const nameError = (name: string): ErrorText | undefined =>
  name.trim() === '' || name.trim().length > 200 || /[\u0000-\u001f\u007f]/.test(name) ? { key: 'access.validation.name' } : undefined;

const scopeError = (role: Role, scopes: Scopes): ErrorText | undefined =>
  role !== 'admin' && scopes.units.length === 0 && scopes.agencies.length === 0 ? { key: 'access.validation.scope' } : undefined;

const passwordError = (password: string): ErrorText | undefined =>
  [...password].length < PASSWORD_MIN_LENGTH ? { key: 'access.validation.password', params: { min: PASSWORD_MIN_LENGTH } } : undefined;

function clean<F extends string>(errors: Record<F, ErrorText | undefined>): FieldErrors<F> {
  const out: FieldErrors<F> = {};
  for (const [k, v] of Object.entries(errors) as [F, ErrorText | undefined][]) if (v) out[k] = v;
  return out;
}

/** A new account: the body of POST /api/v1/admin/users, or the fields to correct. */
export function newUserBody(f: UserForm): { body: AdminUserCreate | null; errors: FieldErrors<UserField> } {
  const username = f.username.trim().toLowerCase();
  const errors = clean<UserField>({
    username: USERNAME_RE.test(username) ? undefined : { key: 'access.validation.username' },
    name: nameError(f.name),
    password: passwordError(f.password),
    scopes: scopeError(f.role, f.scopes),
  });
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return { body: { username, name: f.name.trim(), role: f.role, scopes: scopesFor(f.role, f.scopes), password: f.password }, errors };
}

const sameScopes = (a: Scopes, b: Scopes) =>
  a.units.length === b.units.length &&
  a.agencies.length === b.agencies.length &&
  a.units.every((u, i) => u === b.units[i]) &&
  a.agencies.every((g, i) => g === b.agencies[i]);

/** The edit form of an existing account, filled from it. */
export function formOf(u: AdminUser): UserForm {
  return { username: u.username, name: u.name, role: u.role, scopes: { units: [...u.scopes.units], agencies: [...u.scopes.agencies] }, password: '' };
}

/** What changed: the body of PATCH /api/v1/admin/users/:id (null when nothing did), or the fields to correct. */
export function userPatch(before: AdminUser, f: UserForm): { patch: AdminUserPatch | null; errors: FieldErrors<UserField> } {
  const errors = clean<UserField>({
    username: undefined,
    name: nameError(f.name),
    password: f.password === '' ? undefined : passwordError(f.password),
    scopes: scopeError(f.role, f.scopes),
  });
  if (Object.keys(errors).length > 0) return { patch: null, errors };
  const patch: AdminUserPatch = {};
  if (f.name.trim() !== before.name) patch.name = f.name.trim();
  if (f.role !== before.role) patch.role = f.role;
  const scopes = scopesFor(f.role, f.scopes);
  if (!sameScopes(scopes, before.scopes)) patch.scopes = scopes;
  if (f.password !== '') patch.password = f.password;
  return { patch: Object.keys(patch).length > 0 ? patch : null, errors };
}
