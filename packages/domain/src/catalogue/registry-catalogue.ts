import type { Area, Catalogue, Indicator, Station } from '@cityioc/contracts';
import type { AreaRegistry } from '../geo/registry/area-registry.ts';
import { registryAreasAt } from '../geo/registry/registry-areas.ts';

export interface CatalogueBase {
  indicators: Indicator[];
  stations: Station[];
}

/** The first day of the registry's newest layer: the latest validFrom among the units still in force. */
export function latestLayerDate(registry: AreaRegistry): string {
  let latest = '';
  for (const u of registry.file.units) if (u.validTo === null && u.validFrom > latest) latest = u.validFrom;
  return latest || registry.file.historyFrom;
}

/** The first day of the layer in force on `date`: the latest validFrom ≤ date among the units in force that day. */
export function layerStartAt(registry: AreaRegistry, date: string): string {
  let start = registry.file.historyFrom;
  for (const u of registry.unitsValidAt(date)) if (u.validFrom > start) start = u.validFrom;
  return start;
}

/** Zoom that frames a unit of `areaKm2` on a wall-sized map (the old city, 1,440 km², at 9.6). */
function zoomFor(areaKm2: number | undefined): number {
  if (!areaKm2 || areaKm2 <= 0) return 9.6;
  return Math.round((9.6 - Math.log2(Math.sqrt(areaKm2 / 1440.4))) * 10) / 10;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);

/**
 * The running catalogue of a city: its registry root and every unit below it in force on `date`
 * (default: the registry's newest layer), with the indicators and stations. This is the area tree
 * of the live state; history on other dates is read through the registry (CatalogueIndex.registry).
 */
export function registryCatalogue(registry: AreaRegistry, base: CatalogueBase, date: string = latestLayerDate(registry)): Catalogue {
  const rootCode = registry.file.root;
  const root = registry.areaAt(rootCode, date);
  if (!root) throw new Error(`the registry's root ${rootCode} is not in force on ${date}`);
  const inTree = (a: Area) => registry.ancestorsAt(a.code, date).includes(rootCode);
  const cityName = `${capitalise(root.type)} ${root.name}`;
  // the city shows with its type ("Thành phố Cần Thơ"), as the screens and exports name it
  const areas = registryAreasAt(registry, date)
    .filter(inTree)
    .map((a) => (a.code === rootCode ? { ...a, name: cityName } : a));
  const city = areas.find((a) => a.code === rootCode)!;
  // stations stand in a unit of the tree; those of another city's data (the demo's, with another registry) are left out
  const codes = new Set(areas.map((a) => a.code));
  const stations = base.stations.filter((s) => codes.has(s.area));
  return {
    city: {
      code: rootCode,
      name: cityName,
      timeZone: 'Asia/Ho_Chi_Minh',
      center: city.centroid,
      zoom: zoomFor(root.areaKm2 ?? undefined),
    },
    indicators: base.indicators,
    areas,
    stations,
  };
}
