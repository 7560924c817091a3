import type { Area, Band, Catalogue, Indicator, Station } from '@cityioc/contracts';

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
}

export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
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
  return {
    catalogue,
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
