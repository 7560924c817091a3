import type { Area } from '@cityioc/contracts';
import { Delaunay } from 'd3-delaunay';
import {
  circle,
  convexHull,
  cross,
  localPlane,
  lonLatRingAreaKm2,
  round5,
  signedArea,
  type LonLat,
  type SchematicFeatureOf,
  type SchematicPolygonOf,
  type XY,
} from './schematic/plane.ts';

export type { LonLat };

/** [longitude, latitude] */

export type SchematicDistrictFeature = SchematicPolygonOf<{ code: string; name: string; kind: string }>;
export type SchematicRiverFeature = SchematicFeatureOf<{ kind: 'river'; name: string }, { type: 'LineString'; coordinates: LonLat[] }>;

export type SchematicFeature = SchematicDistrictFeature | SchematicRiverFeature;

export interface SchematicGeo {
  type: 'FeatureCollection';
  features: SchematicFeature[];
}

export interface SchematicGeoOptions {
  /** The river drawn along the city's edge; the districts stop at it. */
  river?: { name: string; line: readonly LonLat[] };
  /** Target total area in km²; defaults to the root area's areaKm2, else the sum of the districts'. */
  totalAreaKm2?: number;
}

/**
 * The Hậu river along Cần Thơ's north-east edge, drawn schematically. The bend at 105.735 keeps
 * the Trà Nóc industrial park (and its air station) on the land side, as on the real bank.
 */
export const SONG_HAU_SCHEMATIC: readonly LonLat[] = [
  [105.5, 10.32],
  [105.64, 10.13],
  [105.735, 10.098],
  [105.78, 10.04],
  [105.86, 9.96],
];

/** Points sampled on each district's circle; enough for a smooth outline, few enough for a small file. */
const CIRCLE_STEPS = 40;

/**
 * Schematic district polygons for a city whose real boundaries may not be shipped.
 *
 * Each district gets the Voronoi cell of its published centroid. The cells are clipped to a
 * schematic outline: the convex hull of one circle per district (radius ∝ √area, so large rural
 * districts reach further out than small urban ones), cut along the river. The circles' common
 * scale is solved so the outline's area matches the city's area. Deterministic: same areas in,
 * same coordinates out (rounded to 5 decimals, about 1 m).
 */
export function generateSchematicGeo(areas: readonly Area[], options: SchematicGeoOptions = {}): SchematicGeo {
  const districts = areas
    .filter((a) => a.level === 'district')
    .slice()
    .sort((a, b) => a.code.localeCompare(b.code));
  if (districts.length < 3) throw new Error('generateSchematicGeo needs at least 3 districts');
  const river = options.river ?? { name: 'Sông Hậu', line: SONG_HAU_SCHEMATIC };
  const root = areas.find((a) => a.parent === null);
  const districtSum = districts.reduce((s, a) => s + (a.areaKm2 ?? 0), 0);
  const target = options.totalAreaKm2 ?? root?.areaKm2 ?? districtSum;

  const { toXY, toLonLat } = localPlane(districts.map((a) => a.centroid));

  const sites = districts.map((a) => toXY(a.centroid));
  const weights = districts.map((a) => Math.sqrt((a.areaKm2 && a.areaKm2 > 0 ? a.areaKm2 : districtSum / districts.length) / Math.PI));
  const riverRegion = riverSide(river.line.map(toXY));

  const outlineFor = (k: number): XY[] => {
    const hull = convexHull(sites.flatMap((s, i) => circle(s, k * weights[i]!, CIRCLE_STEPS)));
    return clipByConvex(riverRegion, hull);
  };
  // The outline's area grows monotonically with k: bisect for the target area.
  let lo = 0.2;
  let hi = 3;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (Math.abs(signedArea(outlineFor(mid))) < target) lo = mid;
    else hi = mid;
  }
  const outline = outlineFor((lo + hi) / 2);

  const extent = 500;
  const voronoi = Delaunay.from(sites).voronoi([-extent, -extent, extent, extent]);
  const features: SchematicFeature[] = districts.map((a, i) => {
    const cell = ccw(openRing(voronoi.cellPolygon(i) as XY[]));
    const ring = dedupe(ccw(clipByConvex(outline, cell)).map(toLonLat));
    return {
      type: 'Feature',
      properties: { code: a.code, name: a.name, kind: a.kind, schematic: true },
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
    };
  });
  features.push({
    type: 'Feature',
    properties: { kind: 'river', name: river.name, schematic: true },
    geometry: { type: 'LineString', coordinates: river.line.map(([lon, lat]) => [round5(lon), round5(lat)]) },
  });
  return { type: 'FeatureCollection', features };
}

/** Ray casting; the ring may be closed or open. Points on an edge count as either side. */
export function pointInRing(point: readonly [number, number], ring: readonly (readonly [number, number])[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Area of a [lon, lat] ring in km² (local equirectangular approximation, fine at city scale). */
export function ringAreaKm2(ring: readonly (readonly [number, number])[]): number {
  return lonLatRingAreaKm2(ring);
}

function ccw(ring: XY[]): XY[] {
  return signedArea(ring) < 0 ? ring.slice().reverse() : ring;
}

function openRing(ring: XY[]): XY[] {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  return first[0] === last[0] && first[1] === last[1] ? ring.slice(0, -1) : ring;
}

/** Drops consecutive duplicates that rounding can create. */
function dedupe(ring: LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  for (const p of ring) {
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/**
 * The land side of the river: the polygon to the right of the river line as drawn (south-west for
 * a river running north-west → south-east), extended far beyond both ends.
 */
function riverSide(line: XY[]): XY[] {
  if (line.length < 2) throw new Error('river line needs at least 2 points');
  const far = 1000;
  const away = (a: XY, b: XY): XY => {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    return [b[0] + (dx / len) * far, b[1] + (dy / len) * far];
  };
  const start = away(line[1]!, line[0]!);
  const end = away(line[line.length - 2]!, line[line.length - 1]!);
  // Right-hand normal of the overall direction: where the land is.
  const dx = end[0] - start[0];
  const dy = end[1] - start[1];
  const len = Math.hypot(dx, dy);
  const nx = (dy / len) * far;
  const ny = (-dx / len) * far;
  return ccw([start, ...line, end, [end[0] + nx, end[1] + ny], [start[0] + nx, start[1] + ny]]);
}

/** Sutherland–Hodgman: clips any simple polygon by a convex counter-clockwise polygon. */
function clipByConvex(subject: XY[], clipper: XY[]): XY[] {
  let out = subject;
  for (let i = 0; i < clipper.length && out.length > 0; i++) {
    const a = clipper[i]!;
    const b = clipper[(i + 1) % clipper.length]!;
    const inside = (p: XY) => cross(a, b, p) >= 0;
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const cur = input[j]!;
      const prev = input[(j + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(intersect(prev, cur, a, b));
        out.push(cur);
      } else if (inside(prev)) out.push(intersect(prev, cur, a, b));
    }
  }
  return out;
}

function intersect(p: XY, q: XY, a: XY, b: XY): XY {
  const d1x = q[0] - p[0];
  const d1y = q[1] - p[1];
  const d2x = b[0] - a[0];
  const d2y = b[1] - a[1];
  const t = ((a[0] - p[0]) * d2y - (a[1] - p[1]) * d2x) / (d1x * d2y - d1y * d2x);
  return [p[0] + t * d1x, p[1] + t * d1y];
}
