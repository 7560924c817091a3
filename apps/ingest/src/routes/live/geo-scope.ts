import type { ScopeFilter } from '@cityioc/domain';

interface FeatureCollection {
  type: 'FeatureCollection';
  features: { properties?: { code?: unknown } | null }[];
}

const isCollection = (g: unknown): g is FeatureCollection =>
  typeof g === 'object' && g !== null && (g as { type?: unknown }).type === 'FeatureCollection' && Array.isArray((g as { features?: unknown }).features);

const cache = new WeakMap<object, Map<string, unknown>>();

/**
 * The map features a caller may see: every one for the whole city, else those whose area code
 * (properties.code) is inside the scope. Filtered once per scope and geometry (the geometry is
 * large and the same for every caller of a scope).
 */
export function geoInScope(geo: unknown, scope: ScopeFilter): unknown {
  if (scope.all || !isCollection(geo)) return geo;
  const key = [...scope.scope.units].sort().join(',');
  let byScope = cache.get(geo);
  if (!byScope) cache.set(geo, (byScope = new Map()));
  let out = byScope.get(key);
  if (!out) {
    out = { ...geo, features: geo.features.filter((f) => typeof f.properties?.code === 'string' && scope.area(f.properties.code)) };
    byScope.set(key, out);
  }
  return out;
}
