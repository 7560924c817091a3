import type { AccessScope } from '@cityioc/contracts';

/** The area tree a scope is judged on (the catalogue's: CatalogueIndex.ancestorsAndSelf). */
export interface ScopeTree {
  /** The city's code: a scope holding it covers everything. */
  city: string;
  /** The area itself and its ancestors up to the city; [] for an unknown code. */
  ancestorsAndSelf(code: string): readonly string[];
}

/** What one caller may see, asked per item by routes, exports, sockets and map features. */
export interface ScopeFilter {
  /** The whole city (every unit and agency). */
  readonly all: boolean;
  readonly scope: AccessScope;
  /** An area (alerts, stations, snapshots, map features): its code or one of its ancestors is a unit of the scope. */
  area(code: string): boolean;
  /** A reporting unit: a department code in the scope, or an area covered as above. */
  unit(code: string): boolean;
  /** A dossier: its area is covered, or its agency is one of the scope's agencies. */
  dossier(areaCode: string, agencyCode: string): boolean;
  /** An agency's own figures: one of the scope's agencies (or the whole city). */
  agency(code: string): boolean;
}

/** The scope that covers everything (administrators, IOC_VIEWER_TOKEN, environment feed keys). */
export const cityScope = (city: string): AccessScope => ({ units: [city], agencies: [] });

/**
 * The filter of a scope. A unit covers itself and every area below it (an operator of a district
 * sees its communes), never the areas above or beside it; the city's code covers everything.
 */
export function scopeFilter(scope: AccessScope, tree: ScopeTree): ScopeFilter {
  const units = new Set(scope.units);
  const agencies = new Set(scope.agencies);
  const all = units.has(tree.city);
  const memo = new Map<string, boolean>();
  const area = (code: string): boolean => {
    if (all) return true;
    let hit = memo.get(code);
    if (hit === undefined) {
      hit = tree.ancestorsAndSelf(code).some((a) => units.has(a));
      memo.set(code, hit);
    }
    return hit;
  };
  return {
    all,
    scope,
    area,
    unit: (code) => all || units.has(code) || area(code),
    dossier: (areaCode, agencyCode) => all || area(areaCode) || agencies.has(agencyCode),
    agency: (code) => all || agencies.has(code),
  };
}

/** The scope's units that are areas of the tree (what a scoped map or socket may show), or null for the whole city. */
export function scopeAreas(scope: AccessScope, tree: ScopeTree): string[] | null {
  if (scope.units.includes(tree.city)) return null;
  return scope.units.filter((u) => tree.ancestorsAndSelf(u).length > 0);
}
