/**
 * Who is signed in, as the ingest's access API answers it (issue 11):
 *   GET  /api/v1/auth/config  (public) → { local, oidc: { enabled, label } | null, demo }
 *   POST /api/v1/auth/login   { username, password } → { user, csrfToken } + an HttpOnly cookie
 *   GET  /api/v1/auth/me      → { user, csrfToken } or 401
 *   POST /api/v1/auth/logout  → 204
 * The decoders below are pure and never throw: a malformed answer is treated as no session.
 */
import type { AccessScope, Role, SessionUser } from '@cityioc/contracts';
import { ROLE_IDS } from '@cityioc/contracts';

export type { Role, SessionUser };
export const ROLES: readonly Role[] = ROLE_IDS;

/** What a session stands for: a person's account, a wall device (kiosk link), or a configured bearer token. */
export type SessionKind = SessionUser['kind'];

/** Area codes (a commune, the city '92', a unit of history) and agency codes (e.g. '000.135.00.H13'). */
export type Scopes = AccessScope;

export interface Me {
  user: SessionUser;
  csrfToken: string;
}

export interface AuthConfig {
  local: boolean;
  oidc: { enabled: boolean; label: string } | null;
  demo: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : []);

export function decodeUser(v: unknown): SessionUser | null {
  if (!isObj(v)) return null;
  const role = ROLES.find((r) => r === v.role);
  const kind = (['user', 'device', 'token'] as const).find((k) => k === v.kind) ?? 'user';
  if (!role || typeof v.id !== 'string' || typeof v.name !== 'string') return null;
  const scopes = isObj(v.scopes) ? v.scopes : {};
  return { id: v.id, name: v.name, role, kind, scopes: { units: strings(scopes.units), agencies: strings(scopes.agencies) } };
}

/** The body of /auth/me or /auth/login; null when it is not a session. */
export function decodeMe(v: unknown): Me | null {
  if (!isObj(v)) return null;
  const user = decodeUser(v.user);
  return user ? { user, csrfToken: typeof v.csrfToken === 'string' ? v.csrfToken : '' } : null;
}

export function decodeAuthConfig(v: unknown): AuthConfig {
  const j = isObj(v) ? v : {};
  const oidc =
    isObj(j.oidc) && j.oidc.enabled === true
      ? { enabled: true, label: typeof j.oidc.label === 'string' && j.oidc.label ? j.oidc.label : 'OpenID Connect' }
      : null;
  return { local: j.local !== false, oidc, demo: j.demo === true };
}
