import type { AccessScope, FeedGrant, Role, SessionUser } from '@cityioc/contracts';
import { scopeFilter, type ScopeFilter, type ScopeTree } from '@cityioc/domain';

/**
 * Who is calling, once the access hook has checked the credential: a person (cookie session), a
 * wall device (cookie session from a kiosk link), or a service token from the environment
 * (IOC_OPERATOR_TOKENS, IOC_VIEWER_TOKEN). Routes read it as `req.principal` and filter by
 * `principal.scope`; feed routes get `req.source` and `req.grant` instead.
 */
export interface Principal {
  kind: 'user' | 'device' | 'token';
  id: string;
  name: string;
  role: Role;
  scopes: AccessScope;
  scope: ScopeFilter;
  /** The audit log's actor: the username, device:<id> or token:<name>. */
  actor: string;
  /** How an alert's trail names them: "Name (unit)" for operator tokens, "Name (username)" for people. */
  trailName: string;
  /** The unit's display name of a service token (IOC_OPERATOR_TOKENS `unit`); null for people and devices. */
  unit: string | null;
  /** The cookie session behind the request (null for bearer tokens): its store id and CSRF token. */
  session: { id: string; csrfToken: string } | null;
}

/** A feed source's key, once checked: its source, its grant, and which key it was (null: IOC_API_KEYS). */
export interface FeedCaller {
  source: string;
  grant: FeedGrant;
  keyId: string | null;
}

export function makePrincipal(
  tree: ScopeTree,
  p: Omit<Principal, 'scope' | 'session' | 'trailName' | 'unit'> & { trailName?: string; session?: Principal['session']; unit?: string },
): Principal {
  return { ...p, trailName: p.trailName ?? p.name, unit: p.unit ?? null, session: p.session ?? null, scope: scopeFilter(p.scopes, tree) };
}

/** What /auth/me and the login answer say of the caller. */
export const sessionUser = (p: Principal): SessionUser => ({ id: p.id, name: p.name, role: p.role, scopes: p.scopes, kind: p.kind });
