import type { AccessScope, Role } from '@cityioc/contracts';
import { isRole, ROLE_RANK } from './roles.ts';

/** What one group (or other claim value) of the identity provider grants (IOC_OIDC_GROUP_MAP). */
export interface GroupGrant {
  role: Role;
  units: string[];
  agencies: string[];
}

export type GroupMap = ReadonlyMap<string, GroupGrant>;

/**
 * Reads IOC_OIDC_GROUP_MAP: a JSON object `{"<group>": {"role": "operator", "units": ["31117"],
 * "agencies": []}, …}`; `known(code)` says whether a unit or agency code exists. Returns the map or
 * the problems, each naming the group.
 */
export function parseGroupMap(raw: string, known: (code: string) => boolean): { ok: true; map: GroupMap } | { ok: false; problems: string[] } {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (e) {
    return { ok: false, problems: [`not JSON (${(e as Error).message})`] };
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    return { ok: false, problems: ['expected a JSON object {group: {role, units, agencies}}'] };
  const map = new Map<string, GroupGrant>();
  const problems: string[] = [];
  for (const [group, v] of Object.entries(obj as Record<string, unknown>)) {
    const g = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    const list = (x: unknown) => (x === undefined ? [] : Array.isArray(x) && x.every((c) => typeof c === 'string') ? (x as string[]) : null);
    const units = list(g.units);
    const agencies = list(g.agencies);
    if (!isRole(g.role)) problems.push(`${group}: role must be leader, operator, analyst or admin`);
    else if (!units || !agencies) problems.push(`${group}: units and agencies must be arrays of codes`);
    else if (g.role !== 'admin' && units.length === 0 && agencies.length === 0) problems.push(`${group}: a ${g.role} needs units or agencies`);
    else {
      const unknown = [...units, ...agencies].filter((c) => !known(c));
      if (unknown.length > 0) problems.push(`${group}: unknown codes ${unknown.join(', ')}`);
      else map.set(group, { role: g.role, units, agencies });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, map };
}

/** The values of a claim: a string, an array of strings, or a space/comma separated string (Keycloak roles, Azure groups). */
export function claimValues(claims: Record<string, unknown>, claim: string): string[] {
  // nested claims as Keycloak emits them: realm_access.roles
  let v: unknown = claims;
  for (const part of claim.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[part] : undefined;
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * The role and scope of a person signing in through the identity provider: the highest role of
 * the groups they are in, and the union of those groups' scopes. null when no group maps (the
 * sign-in is refused: nobody gets in by default).
 */
export function mapClaims(claims: Record<string, unknown>, claim: string, groups: GroupMap, city: string): { role: Role; scopes: AccessScope } | null {
  let role: Role | null = null;
  const units = new Set<string>();
  const agencies = new Set<string>();
  for (const value of claimValues(claims, claim)) {
    const g = groups.get(value);
    if (!g) continue;
    if (role === null || ROLE_RANK[g.role] > ROLE_RANK[role]) role = g.role;
    for (const u of g.units) units.add(u);
    for (const a of g.agencies) agencies.add(a);
  }
  if (role === null) return null;
  if (role === 'admin') units.add(city);
  return { role, scopes: { units: [...units].sort(), agencies: [...agencies].sort() } };
}
