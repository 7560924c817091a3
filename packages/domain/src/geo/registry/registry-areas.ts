import type { Area, RegistryUnit } from '@cityioc/contracts';
import type { AreaRegistry } from './area-registry.ts';

/**
 * The registry's units in force on `date` as catalogue areas (the shape the map, the tree and the
 * feeds already use), for the integration that makes today's units the running catalogue. Units
 * without a centre take their parent's (then the root's), marked by `centroidKind: 'parent'`.
 */
export function registryAreasAt(registry: AreaRegistry, date: string): Area[] {
  const units = registry.unitsValidAt(date).map((row) => registry.areaAt(row.code, date)!);
  const centreOf = (u: RegistryUnit | undefined): { lonLat: [number, number]; kind: string } | null => {
    for (let cur = u, own = true; cur; cur = cur.parent === null ? undefined : registry.areaAt(cur.parent, date), own = false) {
      if (cur.centre) return { lonLat: cur.centre.lonLat, kind: own ? cur.centre.kind : 'parent' };
    }
    return null;
  };
  return units.map((u) => {
    const centre = centreOf(u);
    const area: Area = {
      code: u.code,
      name: u.name,
      kind: u.type,
      level: u.level,
      parent: u.parent,
      validFrom: u.validFrom,
      validTo: u.validTo,
      centroid: centre?.lonLat ?? [0, 0],
    };
    if (typeof u.areaKm2 === 'number') area.areaKm2 = u.areaKm2;
    if (u.nameEn) area.nameEn = u.nameEn;
    if (typeof u.population === 'number') area.population = u.population;
    if (centre) area.centroidKind = centre.kind;
    if (u.sources?.length) area.source = u.sources.join(', ');
    return area;
  });
}
