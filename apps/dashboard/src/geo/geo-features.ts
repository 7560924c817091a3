import type { AreasGeoJson } from '../queries/geo.queries.ts';

/**
 * The pieces of GET /api/v1/geo/areas the maps use: the city outline (`kind: 'outline'`), the
 * units' polygons (each with its code), and lines (a river). Pure; no unit code or count assumed.
 */
export type GeoFeatureOf = AreasGeoJson['features'][number];
export type Bounds = [[number, number], [number, number]];

export interface UnitFeature {
  code: string;
  /** The name the file carries (the screens prefer the registry's). */
  name: string;
  level: string | null;
  parent: string | null;
  /** Our own schematic shape, not an official boundary. */
  schematic: boolean;
  /** Where the shape comes from (an import version, "schematic"). */
  source: string | null;
  feature: GeoFeatureOf;
}

export interface SplitGeo {
  outline: GeoFeatureOf | null;
  units: UnitFeature[];
  lines: GeoFeatureOf[];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function isPolygon(f: GeoFeatureOf): boolean {
  return f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon';
}

export function splitGeo(geo: AreasGeoJson | undefined): SplitGeo {
  const out: SplitGeo = { outline: null, units: [], lines: [] };
  for (const f of geo?.features ?? []) {
    const p = f.properties ?? {};
    if (p.kind === 'outline' && isPolygon(f)) out.outline ??= f;
    else if (isPolygon(f) && text(p.code)) {
      out.units.push({
        code: text(p.code)!,
        name: text(p.name) ?? text(p.code)!,
        level: text(p.level),
        parent: text(p.parent),
        schematic: p.schematic !== false,
        source: text(p.source),
        feature: f,
      });
    } else if (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString') out.lines.push(f);
  }
  return out;
}

/** Whether the units' shapes are our schematic ones, imported boundaries, or a mix (null: none). */
export function boundaryKind(units: readonly UnitFeature[]): 'schematic' | 'imported' | 'mixed' | null {
  if (units.length === 0) return null;
  const schematic = units.filter((u) => u.schematic).length;
  return schematic === units.length ? 'schematic' : schematic === 0 ? 'imported' : 'mixed';
}

/** [[west, south], [east, north]] of some geometries' coordinates, or null when there are none. */
export function boundsOf(features: readonly Pick<GeoFeatureOf, 'geometry'>[]): Bounds | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const f of features) visit(f.geometry.coordinates);
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/** What frames the whole city: the outline when the server sends one, else every unit. */
export function cityBounds(split: SplitGeo): Bounds | null {
  return split.outline ? boundsOf([split.outline]) : boundsOf(split.units.map((u) => u.feature));
}

/** Planar area of a polygon geometry in degrees² with longitude scaled by cos(latitude): for ordering only. */
export function relativeArea(geometry: GeoFeatureOf['geometry']): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      let a = 0;
      let lat = 0;
      for (let k = 0; k < ring.length - 1; k++) {
        a += ring[k]![0]! * ring[k + 1]![1]! - ring[k + 1]![0]! * ring[k]![1]!;
        lat += ring[k]![1]!;
      }
      const k = Math.cos(((lat / Math.max(1, ring.length - 1)) * Math.PI) / 180);
      total += (i === 0 ? 1 : -1) * Math.abs(a / 2) * k;
    });
  }
  return total;
}
