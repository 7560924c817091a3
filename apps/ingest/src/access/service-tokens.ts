import type { AccessScope, Role } from '@cityioc/contracts';
import type { ScopeTree } from '@cityioc/domain';
import { makePrincipal, type Principal } from './principal.ts';
import { tokenHash } from './secrets.ts';

/**
 * A bearer token from the environment (IOC_OPERATOR_TOKENS; IOC_VIEWER_TOKEN as a leader of the
 * whole city): automation and deployment scripts keep working beside accounts.
 */
export interface ServiceToken {
  token: string;
  name: string;
  /** The unit's display name ("UBND quận Ninh Kiều"), shown in alert trails. */
  unit: string;
  role: Role;
  scopes: AccessScope;
}

/** Tokens by their hash, resolved to principals once at start. */
export class ServiceTokens {
  private readonly byHash = new Map<string, Principal>();

  constructor(tokens: readonly ServiceToken[], tree: ScopeTree) {
    for (const t of tokens)
      this.byHash.set(
        tokenHash(t.token),
        makePrincipal(tree, {
          kind: 'token',
          id: `token:${t.name}`,
          name: t.name,
          role: t.role,
          scopes: t.scopes,
          actor: `token:${t.name}`,
          trailName: `${t.name} (${t.unit})`,
          unit: t.unit,
        }),
      );
  }

  resolve(presented: string): Principal | null {
    return this.byHash.get(tokenHash(presented)) ?? null;
  }

  get size(): number {
    return this.byHash.size;
  }
}

/**
 * One entry of IOC_OPERATOR_TOKENS (a JSON array). The first format, `{token, name, unit, scopes:
 * [area codes]}`, is an operator of those areas and stays valid; the extended one adds a role and
 * agencies: `{token, name, unit, role: "analyst", scopes: {units: [...], agencies: [...]}}`.
 */
export interface OperatorEntry {
  token: string;
  name: string;
  unit: string;
  role?: Role;
  scopes: string[] | AccessScope;
}

export class OperatorConfigError extends Error {}

export const DEMO_OPERATOR_NAME = 'Trực ban IOC (demo)';

export const toServiceToken = (e: OperatorEntry): ServiceToken => ({
  token: e.token,
  name: e.name,
  unit: e.unit,
  role: e.role ?? 'operator',
  scopes: Array.isArray(e.scopes) ? { units: e.scopes, agencies: [] } : e.scopes,
});

const ROLES = ['leader', 'operator', 'analyst', 'admin'];

/** Reads IOC_OPERATOR_TOKENS; `known(code)` says whether a unit or agency code exists. Each problem names the entry. */
export function parseOperators(raw: string | undefined, known: (code: string) => boolean): OperatorEntry[] {
  if (!raw) return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch (e) {
    throw new OperatorConfigError(`IOC_OPERATOR_TOKENS: not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(list)) throw new OperatorConfigError('IOC_OPERATOR_TOKENS: expected a JSON array of {token, name, unit, role?, scopes}');
  const codes = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string' && known(s));
  return list.map((o: Partial<OperatorEntry> & { scopes?: unknown }, i) => {
    const at = `IOC_OPERATOR_TOKENS[${i}]`;
    if (typeof o?.token !== 'string' || o.token.length < 16) throw new OperatorConfigError(`${at}: token must have at least 16 characters`);
    if (typeof o.name !== 'string' || !o.name.trim()) throw new OperatorConfigError(`${at}: name is required`);
    if (typeof o.unit !== 'string' || !o.unit.trim()) throw new OperatorConfigError(`${at}: unit is required`);
    if (o.role !== undefined && !ROLES.includes(o.role)) throw new OperatorConfigError(`${at}: role must be leader, operator, analyst or admin`);
    const s = o.scopes;
    let scopes: string[] | AccessScope;
    if (Array.isArray(s)) {
      if (s.length === 0 || !codes(s)) throw new OperatorConfigError(`${at}: scopes must be a non-empty array of known area codes`);
      scopes = s as string[];
    } else if (typeof s === 'object' && s !== null && codes((s as AccessScope).units) && codes((s as AccessScope).agencies ?? [])) {
      const sc = s as AccessScope;
      if (sc.units.length + (sc.agencies ?? []).length === 0) throw new OperatorConfigError(`${at}: scopes names no unit and no agency`);
      scopes = { units: sc.units, agencies: sc.agencies ?? [] };
    } else throw new OperatorConfigError(`${at}: scopes must be an array of area codes or {units, agencies} of known codes`);
    return { token: o.token, name: o.name.trim(), unit: o.unit.trim(), ...(o.role ? { role: o.role } : {}), scopes };
  });
}
