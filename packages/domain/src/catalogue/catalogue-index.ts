import type { Area, AreaAt, AreaLevel, Band, Catalogue, Indicator, Station } from '@cityioc/contracts';
import { localDateOf, localTimeMs } from '../calendar/local-time.ts';
import { registryUnitRow, type AreaRegistry, type CodeCheck } from '../geo/registry/area-registry.ts';
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
  /** The code names a unit on some date (the registry's, else the catalogue's). */
  knowsArea(code: string): boolean;
  /**
   * The unit and its ancestors on the local date of `atMs` (epoch ms): the tree a figure of that
   * date rolls up (a 2024 reading of an old commune → its old district → the city). Cached per
   * code and validity interval, so it costs a map lookup on the ingest path.
   */
  areaChainAt(code: string, atMs: number): readonly string[];
  /** The area a station counted under on `date` (its areaHistory before today's home). */
  stationAreaAt(stationId: string, date: string): string | undefined;
  /**
   * A figure of `code` dated `atMs` belongs to the running tree's cell of `code`: the code is in the
   * tree and the date is not before that unit's validFrom (the root, the city, always continues).
   * Old-coded data of before a reform is stored and rolled up but does not drive today's cells.
   */
  inLiveTree(code: string, atMs: number): boolean;
}

/** A catalogue area as the areas-at-a-date answer lists it: as a registry unit is, its `kind` being the unit's type. */
export function areaAtRow(a: Area): AreaAt {
  return registryUnitRow({ ...a, type: a.kind });
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
  const row = areaAtRow;
  const catalogueAt = (code: string, date: string) => {
    const a = areas.get(code);
    return a && validOn(a, date) ? a : undefined;
  };
  const ancestorsAt = (code: string, date: string): readonly string[] => {
    if (registry) return registry.ancestorsAt(code, date);
    return catalogueAt(code, date) ? (ancestors.get(code) ?? []).filter((c) => catalogueAt(c, date)) : [];
  };
  const validityOf = (code: string, date: string): { validFrom: string; validTo: string | null } | undefined =>
    registry ? registry.areaAt(code, date) : catalogueAt(code, date);
  const chains = new Map<string, { from: number; to: number; chain: readonly string[] }[]>();
  const areaChainAt = (code: string, atMs: number): readonly string[] => {
    let list = chains.get(code);
    if (list) for (const e of list) if (atMs >= e.from && atMs < e.to) return e.chain;
    const date = localDateOf(atMs);
    const chain = ancestorsAt(code, date);
    // the chain holds while every unit in it is in force: the intersection of their validities
    let from = localTimeMs(date, 0);
    let to = from + 86_400_000;
    if (chain.length > 0) {
      from = -Infinity;
      to = Infinity;
      for (const c of chain) {
        const v = validityOf(c, date)!;
        from = Math.max(from, localTimeMs(v.validFrom, 0));
        if (v.validTo !== null) to = Math.min(to, localTimeMs(v.validTo, 0));
      }
    }
    if (!list) chains.set(code, (list = []));
    list.push({ from, to, chain });
    return chain;
  };
  const liveFrom = new Map<string, number>();
  for (const a of catalogue.areas) liveFrom.set(a.code, a.parent === null ? -Infinity : localTimeMs(a.validFrom, 0));
  const stationHome = (s: Station, date: string): string => {
    for (const h of s.areaHistory ?? []) if (date < h.until) return h.area;
    return s.area;
  };
  return {
    catalogue,
    registry,
    areaAt(code, date) {
      if (!registry) return mapOpt(catalogueAt(code, date), row);
      return mapOpt(registry.areaAt(code, date), registryUnitRow);
    },
    unitsValidAt(date, filter) {
      if (registry) return registry.unitsValidAt(date, filter);
      return catalogue.areas
        .filter((a) => validOn(a, date) && (!filter?.level || a.level === filter.level) && (filter?.parent === undefined || a.parent === filter.parent))
        .map(row);
    },
    successorsOf: (code) => registry?.successorsOf(code) ?? [],
    ancestorsAt,
    areaChainAt,
    knowsArea: (code) => (registry ? registry.versions(code).length > 0 : areas.has(code)),
    stationAreaAt(stationId, date) {
      const s = stations.get(stationId);
      return s ? stationHome(s, date) : undefined;
    },
    inLiveTree(code, atMs) {
      const from = liveFrom.get(code);
      return from !== undefined && atMs >= from;
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
