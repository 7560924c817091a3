import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAreaRegistry, type AreaRegistry } from '@cityioc/domain';

/**
 * The demo city's units, from the IOC's default area registry (the same file the IOC loads): today's
 * communes (wards and communes since 1 July 2025) where dossiers arrive, and the units of an earlier
 * date (the old districts and communes of Cần Thơ, Hậu Giang and Sóc Trăng) the history back-fill
 * is dated on. Nothing here writes a code: the registry does.
 */
export interface DemoUnit {
  code: string;
  /** Without the type ("Ninh Kiều"). */
  name: string;
  /** phường, xã, thị trấn, quận, huyện, thị xã, thành phố… */
  type: string;
  level: 'province' | 'district' | 'commune';
  parent: string | null;
  /** Published population; where the registry carries none, the city's density times the unit's area. */
  population: number;
  areaKm2: number | null;
}

/** Reads the registry the IOC ships by default (a data file of @cityioc/domain). */
export function loadDemoRegistry(): AreaRegistry {
  const file = fileURLToPath(import.meta.resolve('@cityioc/domain/geo/registry/can-tho.registry.json'));
  const loaded = loadAreaRegistry(JSON.parse(readFileSync(file, 'utf8')));
  if (!loaded.ok) throw new Error(`the default area registry does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.registry;
}

export const DEMO_REGISTRY: AreaRegistry = loadDemoRegistry();

/** The root unit (the city) as of `date`. */
export function rootAt(registry: AreaRegistry, date: string) {
  return registry.areaAt(registry.file.root, date) ?? null;
}

/** The units of a level in force on `date`, each with a population to weigh arrivals by. */
export function unitsAt(registry: AreaRegistry, date: string, level: DemoUnit['level'] = 'commune'): DemoUnit[] {
  const rows = registry.unitsValidAt(date, { level });
  const full = rows.map((r) => registry.areaAt(r.code, date)!);
  const root = rootAt(registry, date);
  // Density for units the registry gives no population: the city's (or the known units' average).
  const known = full.filter((u) => typeof u.population === 'number' && typeof u.areaKm2 === 'number');
  const density =
    root && typeof root.population === 'number' && typeof root.areaKm2 === 'number' && root.areaKm2 > 0
      ? root.population / root.areaKm2
      : known.reduce((s, u) => s + u.population!, 0) /
        Math.max(
          1,
          known.reduce((s, u) => s + u.areaKm2!, 0),
        );
  return full.map((u) => ({
    code: u.code,
    name: u.name,
    type: u.type,
    level: u.level,
    parent: u.parent,
    population: typeof u.population === 'number' ? u.population : Math.round(density * (u.areaKm2 ?? 1)),
    areaKm2: typeof u.areaKm2 === 'number' ? u.areaKm2 : null,
  }));
}

/** The first day of today's layer: the latest validFrom of the units below the root in force on `date`. */
export function layerStart(registry: AreaRegistry, date: string): string {
  let latest = registry.file.historyFrom;
  for (const u of registry.unitsValidAt(date)) if (u.parent !== null && u.validFrom > latest) latest = u.validFrom;
  return latest;
}

/**
 * How today's unit `code` is made of the units of the day before its layer began: each predecessor
 * with its share of the successor (whole predecessors share equally; a part counts by its population
 * weight). The history back-fill spreads a commune's volume over these, so that history
 * re-aggregated onto today's units through the crosswalk comes out about as large as today's.
 */
export function predecessorShares(registry: AreaRegistry, code: string, date: string): { code: string; share: number }[] {
  const unit = registry.areaAt(code, date);
  const preds = unit?.predecessors ?? [];
  if (preds.length === 0) return [{ code, share: 1 }];
  const w = preds.map((p) => (p.whole ? 1 : (p.weights?.population ?? 0.5)));
  const sum = w.reduce((s, x) => s + x, 0);
  return preds.map((p, i) => ({ code: p.code, share: w[i]! / sum }));
}
