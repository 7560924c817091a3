import type { Role } from '@cityioc/contracts';

/**
 * What each role may do, by the kind of access a route declares (apps/ingest plugins/access.ts):
 *   read      leader, operator, analyst, admin — within their scope
 *   export    operator, analyst, admin — files of their scope (CSV/XLSX)
 *   operator  operator, admin — act on alerts, thresholds of their scope
 *   leader    leader, admin — issue, accept and return directives
 *   admin     admin — users, devices, feed sources, the audit log
 * Feed sources are not a role: they write with a key and its grant.
 */
export type RoleAccessKind = 'read' | 'export' | 'operator' | 'leader' | 'admin';

const ALLOWED: Readonly<Record<RoleAccessKind, readonly Role[]>> = {
  read: ['leader', 'operator', 'analyst', 'admin'],
  export: ['operator', 'analyst', 'admin'],
  operator: ['operator', 'admin'],
  leader: ['leader', 'admin'],
  admin: ['admin'],
};

export function roleAllows(role: Role, kind: RoleAccessKind): boolean {
  return ALLOWED[kind].includes(role);
}

/** The roles a kind of access admits, for the message of a 403. */
export function rolesFor(kind: RoleAccessKind): readonly Role[] {
  return ALLOWED[kind];
}

/** Higher wins when several identity-provider groups map to different roles. */
export const ROLE_RANK: Readonly<Record<Role, number>> = { leader: 1, analyst: 2, operator: 3, admin: 4 };

export const isRole = (v: unknown): v is Role => v === 'leader' || v === 'operator' || v === 'analyst' || v === 'admin';
