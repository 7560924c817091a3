import type { Area, AreaAt, AreaLevel, Band, Catalogue, Indicator, Station } from '@cityioc/contracts';
import type { AreaRegistry, CodeCheck } from '../geo/registry/area-registry.ts';
import { validOn } from '../geo/registry/dates.ts';

/** Fast lookups over a catalogue, and the area tree with ancestors precomputed. */
export interface CatalogueIndex {
  readonly catalogue: Catalogue;
  indicator(id: string): Indicator | undefined;
  area(code: string): Area | undefined;
  station(id: string): Station | undefined;
  /** The area itself first, then its parent, up to the root. */
  ancestorsAndSelf(code: string): readonly string[];
  children(code: string): readonly string[];
  /** Bands for an indicator at a station (station override first), or the indicator's own. */
  bandsFor(indicatorId: string, stationId?: string | null): Band[] | undefined;
  /** The versioned registry when one is loaded (IOC_AREAS_FILE or the default); else the date-aware lookups read the catalogue's areas. */
  readonly registry: AreaRegistry | null;
  /** The unit in force on `date` (ISO yyyy-mm-dd). */
  areaAt(code: string, date: string): AreaAt | undefined;
  /** Units in force on `date`, for `GET /api/v1/areas?at=`. */
  unitsValidAt(date: string, filter?: { level?: AreaLevel; parent?: string }): AreaAt[];
  /** Direct successors of a unit that ended (for 422 unit_not_valid_at). */
  successorsOf(code: string): string[];
  /** The unit first, then its parent on `date`, up to the root. */
  ancestorsAt(code: string, date: string): readonly string[];
  /** A code checked against the data's own date. */
  checkCodeAt(code: string, date: string): CodeCheck;
}

export function indexCatalogue(catalogue: Catalogue, registry: AreaRegistry | null = null): CatalogueIndex {
  const indicators = new Map(catalogue.indicators.map((i) => [i.id, i]));
  const areas = new Map(catalogue.areas.map((a) => [a.code, a]));
  const stations = new Map(catalogue.stations.map((s) => [s.id, s]));
  const children = new Map<string, string[]>();
  for (const a of catalogue.areas) {
    if (a.parent === null) continue;
    if (!areas.has(a.parent)) throw new Error(`area ${a.code}: parent ${a.parent} is not in the catalogue`);
    const list = children.get(a.parent) ?? [];
    list.push(a.code);
    children.set(a.parent, list);
  }
  const ancestors = new Map<string, string[]>();
  for (const a of catalogue.areas) {
    const chain: string[] = [];
    let cur: Area | undefined = a;
    while (cur) {
      if (chain.includes(cur.code)) throw new Error(`area ${a.code}: cycle in the area tree`);
      chain.push(cur.code);
      cur = cur.parent === null ? undefined : areas.get(cur.parent);
    }
    ancestors.set(a.code, chain);
  }
  for (const s of catalogue.stations) {
    if (!areas.has(s.area)) throw new Error(`station ${s.id}: area ${s.area} is not in the catalogue`);
  }
  const row = (a: Area): AreaAt => ({
    code: a.code,
    name: a.name,
    nameEn: a.nameEn ?? null,
    type: a.kind,
    level: a.level,
    parent: a.parent,
    validFrom: a.validFrom,
    validTo: a.validTo,
  });
  const catalogueAt = (code: string, date: string) => {
    const a = areas.get(code);
    return a && validOn(a, date) ? a : undefined;
  };
  return {
    catalogue,
    registry,
    areaAt(code, date) {
      if (!registry) return mapOpt(catalogueAt(code, date), row);
      return mapOpt(registry.areaAt(code, date), (u) => ({
        code: u.code,
        name: u.name,
        nameEn: u.nameEn ?? null,
        type: u.type,
        level: u.level,
        parent: u.parent,
        validFrom: u.validFrom,
        validTo: u.validTo,
      }));
    },
    unitsValidAt(date, filter) {
      if (registry) return registry.unitsValidAt(date, filter);
      return catalogue.areas
        .filter((a) => validOn(a, date) && (!filter?.level || a.level === filter.level) && (filter?.parent === undefined || a.parent === filter.parent))
        .map(row);
    },
    successorsOf: (code) => registry?.successorsOf(code) ?? [],
    ancestorsAt(code, date) {
      if (registry) return registry.ancestorsAt(code, date);
      return catalogueAt(code, date) ? (ancestors.get(code) ?? []).filter((c) => catalogueAt(c, date)) : [];
    },
    checkCodeAt(code, date) {
      if (registry) return registry.checkCodeAt(code, date);
      const a = areas.get(code);
      if (!a) return { ok: false, reason: 'unknown_area' };
      if (validOn(a, date))
        return { ok: true, unit: { code: a.code, name: a.name, type: a.kind, level: a.level, parent: a.parent, validFrom: a.validFrom, validTo: a.validTo } };
      return { ok: false, reason: 'unit_not_valid_at', validFrom: a.validFrom, validTo: a.validTo, successors: [] };
    },
    indicator: (id) => indicators.get(id),
    area: (code) => areas.get(code),
    station: (id) => stations.get(id),
    ancestorsAndSelf: (code) => ancestors.get(code) ?? [],
    children: (code) => children.get(code) ?? [],
    bandsFor(indicatorId, stationId) {
      const st = stationId ? stations.get(stationId) : undefined;
      return st?.bands?.[indicatorId] ?? indicators.get(indicatorId)?.bands;
    },
  };
}

function mapOpt<T, U>(x: T | undefined, f: (x: T) => U): U | undefined {
  return x === undefined ? undefined : f(x);
}
