import type { AreaRegistry, ScopeFilter } from '@cityioc/domain';

interface FeatureCollection {
  type: 'FeatureCollection';
  features: { properties?: { code?: unknown } | null }[];
}

const cache = new Map<string, { etag: string; body: string }>();

/**
 * The map of a date as one caller may see it: the whole collection for the whole city, else the
 * features whose unit (properties.code) lies in the scope on that date — its code or one of its
 * ancestors then (an old district's communes for an operator of that district) or today. Filtered
 * once per geometry version and scope (the geometry is large and the same for every caller of a scope).
 */
export function geoInScope(whole: { etag: string; body: string }, scope: ScopeFilter, registry: AreaRegistry, at: string): { etag: string; body: string } {
  if (scope.all) return whole;
  const units = new Set(scope.scope.units);
  const key = `${whole.etag}|${[...units].sort().join(',')}|${at}`;
  let out = cache.get(key);
  if (!out) {
    const geo = JSON.parse(whole.body) as FeatureCollection;
    const inScope = (code: string) => scope.area(code) || registry.ancestorsAt(code, at).some((a) => units.has(a));
    const features = geo.features.filter((f) => typeof f.properties?.code === 'string' && inScope(f.properties.code));
    out = { etag: `${whole.etag.replace(/"$/, '')}-${cache.size.toString(36)}"`, body: JSON.stringify({ ...geo, features }) };
    if (cache.size > 256) cache.clear();
    cache.set(key, out);
  }
  return out;
}
