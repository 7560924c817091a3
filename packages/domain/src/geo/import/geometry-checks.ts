// Imported by the ingest as '@cityioc/domain/geo-checks', not through the package index: turf's and
// sweepline-intersections' typings pull the global GeoJSON namespace (@types/geojson) into every program
// that loads them, which changes MapLibre's source types in the dashboard.
import turfArea from '@turf/area';
import booleanClockwise from '@turf/boolean-clockwise';
import rewind from '@turf/rewind';
import polygonClipping, { type Geom } from 'polygon-clipping';
import sweepline from 'sweepline-intersections';

/**
 * The package is UMD (CommonJS to Node): its module object is the function itself, while its
 * typings declare an ES default export, which NodeNext reads as `module.exports.default`.
 */
/** What turf's area takes (GeoJSON typings), for our own plain coordinate arrays. */
type TurfInput = Parameters<typeof turfArea>[0];

const findIntersections = sweepline as unknown as typeof sweepline.default;

/** [longitude, latitude] */
type Position = [number, number];
type Ring = Position[];
export type PolygonCoords = Ring[];
export interface BoundaryGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: PolygonCoords | PolygonCoords[];
}
export interface BoundaryFeature {
  type?: 'Feature';
  id?: string | number | null;
  properties?: Record<string, unknown> | null;
  geometry: { type: string; coordinates?: unknown } | null;
}

export type GeometryRule =
  | 'not_polygon'
  | 'invalid_coordinates'
  | 'projected_coordinates'
  | 'ring_too_short'
  | 'unclosed_ring'
  | 'duplicate_vertex'
  | 'winding'
  | 'self_intersection'
  | 'ring_touch'
  | 'overlap'
  | 'sliver'
  | 'area_mismatch';

export interface GeometryIssue {
  /** Index of the feature in the file. */
  index: number;
  /** 'error' refuses the import; 'warning' is reported; 'repaired' was fixed in the returned geometry. */
  severity: 'error' | 'warning' | 'repaired';
  rule: GeometryRule;
  message: string;
  /** Where, as [lon, lat], when the issue has a place. */
  location?: Position;
  /** The other feature, for overlaps. */
  other?: number;
}

export interface GeometryCheckOptions {
  /** Overlaps up to this area (km²) between two features are reported as warnings; larger ones refuse the file. Default 0.01 km² (1 ha). */
  overlapToleranceKm2?: number;
  /** Parts and holes smaller than this (km²) are reported as slivers or pin-holes. Default 0.001 km² (1,000 m²). */
  sliverKm2?: number;
  /** Relative difference from the registry area above which a feature is reported. Default 0.1 (10 %). */
  areaTolerance?: number;
}

export interface CheckedFeature {
  index: number;
  /** The geometry after repairs (closed rings, RFC 7946 winding), or null when it cannot be used. */
  geometry: BoundaryGeometry | null;
  /** Geodesic area in km² (turf, on the WGS 84 mean radius), null for unusable geometry. */
  areaKm2: number | null;
}

export interface GeometryCheckReport {
  features: CheckedFeature[];
  issues: GeometryIssue[];
  /** True when no issue is an error. */
  ok: boolean;
}

const DEFAULTS: Required<GeometryCheckOptions> = { overlapToleranceKm2: 0.01, sliverKm2: 0.001, areaTolerance: 0.1 };

/**
 * Checks the geometry of boundary features before an import: per feature, coordinates that look
 * projected (VN-2000 / UTM metres instead of degrees) are refused with a message that says so;
 * unclosed rings and wrong winding (RFC 7946: outer rings counter-clockwise, holes clockwise) are
 * repaired and reported; self-intersections are refused with their location; tiny parts and
 * pin-holes are reported as slivers; the area is compared with the registry's. Between features,
 * overlaps up to the tolerance are reported, larger ones refused. Pure: returns repaired copies.
 */
export function checkBoundaryGeometries(
  input: readonly BoundaryFeature[],
  expectedAreaKm2: (index: number) => number | null | undefined = () => null,
  options: GeometryCheckOptions = {},
): GeometryCheckReport {
  const opts = { ...DEFAULTS, ...options };
  const issues: GeometryIssue[] = [];
  const features = input.map((f, index) => checkOne(f, index, issues, opts));
  for (const f of features) {
    const expected = expectedAreaKm2(f.index);
    if (f.areaKm2 === null || typeof expected !== 'number' || expected <= 0) continue;
    const ratio = f.areaKm2 / expected;
    if (Math.abs(ratio - 1) > opts.areaTolerance) {
      issues.push({
        index: f.index,
        severity: 'warning',
        rule: 'area_mismatch',
        message: `area ${round(f.areaKm2, 2)} km² differs from the registry's ${expected} km² by ${round((ratio - 1) * 100, 1)} %`,
      });
    }
  }
  checkOverlaps(features, issues, opts);
  issues.sort((a, b) => a.index - b.index);
  return { features, issues, ok: !issues.some((i) => i.severity === 'error') };
}

function checkOne(f: BoundaryFeature, index: number, issues: GeometryIssue[], opts: Required<GeometryCheckOptions>): CheckedFeature {
  const unusable = { index, geometry: null, areaKm2: null };
  const g = f.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    issues.push({ index, severity: 'error', rule: 'not_polygon', message: `geometry is ${g ? g.type : 'missing'}, not a Polygon or MultiPolygon` });
    return unusable;
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!isPolygonList(polygons)) {
    issues.push({ index, severity: 'error', rule: 'invalid_coordinates', message: 'coordinates are not arrays of [longitude, latitude] numbers' });
    return unusable;
  }
  const outOfRange = polygons.flat(2).find(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90);
  if (outOfRange) {
    const [x, y] = outOfRange;
    const utm = x > 100_000 && x < 1_000_000 && y > 0 && y < 10_000_000;
    issues.push({
      index,
      severity: 'error',
      rule: 'projected_coordinates',
      message:
        `coordinates are not longitude/latitude in degrees (found x = ${x}, y = ${y})` +
        (utm ? ': they look like projected metres (VN-2000 / UTM, e.g. zone 48N)' : '') +
        '; reproject the file to WGS 84 (EPSG:4326) before importing',
    });
    return unusable;
  }
  const repairedPolys: PolygonCoords[] = [];
  let usable = true;
  polygons.forEach((poly, p) => {
    const rings: Ring[] = [];
    poly.forEach((ring, r) => {
      const where = polygons.length > 1 ? `polygon ${p + 1}, ring ${r + 1}` : `ring ${r + 1}`;
      let closed = ring.filter((pt, k) => k === 0 || pt[0] !== ring[k - 1]![0] || pt[1] !== ring[k - 1]![1]);
      if (closed.length < ring.length) {
        issues.push({
          index,
          severity: 'repaired',
          rule: 'duplicate_vertex',
          message: `${where} repeated ${ring.length - closed.length} position(s) in a row; removed the repeats`,
          location: ring.find((pt, k) => k > 0 && pt[0] === ring[k - 1]![0] && pt[1] === ring[k - 1]![1])!,
        });
      }
      const first = closed[0];
      const last = closed[closed.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
        closed = [...closed, first];
        issues.push({ index, severity: 'repaired', rule: 'unclosed_ring', message: `${where} was not closed; closed it`, location: first });
      }
      if (closed.length < 4) {
        issues.push({ index, severity: 'error', rule: 'ring_too_short', message: `${where} has ${closed.length} positions; a ring needs at least 4` });
        usable = false;
      }
      rings.push(closed);
    });
    repairedPolys.push(rings);
  });
  if (!usable) return unusable;

  const wrong = repairedPolys.flatMap((rings, p) => rings.map((ring, r) => ({ p, r, cw: booleanClockwise(ring) })).filter(({ r, cw }) => (r === 0 ? cw : !cw)));
  let geometry: BoundaryGeometry =
    g.type === 'Polygon' ? { type: 'Polygon', coordinates: repairedPolys[0]! } : { type: 'MultiPolygon', coordinates: repairedPolys };
  if (wrong.length > 0) {
    geometry = rewind(geometry as unknown as Parameters<typeof rewind>[0]) as unknown as BoundaryGeometry;
    const outer = wrong.filter((w) => w.r === 0).length;
    issues.push({
      index,
      severity: 'repaired',
      rule: 'winding',
      message: `${wrong.length} ring(s) wound against RFC 7946 (${outer} outer ring(s) clockwise, ${wrong.length - outer} hole(s) counter-clockwise); rewound`,
    });
  }

  const found = findIntersections({ type: 'Feature', properties: {}, geometry } as unknown as Parameters<typeof findIntersections>[0], false) as Position[];
  // Two rings meeting at a vertex they share (a hole touching its shell, two parts of a multipolygon
  // touching at a point) is valid OGC geometry, as official files have it: a warning, not a crossing.
  const shared = sharedVertices(geometry);
  const touches = found.filter((p) => shared.has(`${p[0]},${p[1]}`));
  const crossings = found.filter((p) => !shared.has(`${p[0]},${p[1]}`));
  if (touches.length > 0)
    issues.push({
      index,
      severity: 'warning',
      rule: 'ring_touch',
      message: `two rings touch at ${touches.length} shared vertex(es), first at lon ${round(touches[0]![0], 6)}, lat ${round(touches[0]![1], 6)}`,
      location: [round(touches[0]![0], 6), round(touches[0]![1], 6)],
    });
  if (crossings.length > 0) {
    const at = crossings[0]! as Position;
    issues.push({
      index,
      severity: 'error',
      rule: 'self_intersection',
      message: `the boundary crosses itself at ${crossings.length} point(s), first near lon ${round(at[0], 6)}, lat ${round(at[1], 6)}`,
      location: [round(at[0], 6), round(at[1], 6)],
    });
    return { index, geometry: null, areaKm2: null };
  }

  const polys = geometry.type === 'Polygon' ? [geometry.coordinates as PolygonCoords] : (geometry.coordinates as PolygonCoords[]);
  polys.forEach((poly, p) => {
    poly.forEach((ring, r) => {
      const km2 = ringAreaKm2(ring);
      if (km2 >= opts.sliverKm2) return;
      const what = r === 0 ? (polys.length > 1 ? `part ${p + 1}` : 'the polygon') : `a hole in part ${p + 1}`;
      issues.push({
        index,
        severity: 'warning',
        rule: 'sliver',
        message: `${what} is a sliver of ${round(km2 * 1e6, 0)} m²${r === 0 ? '' : ' (pin-hole)'}`,
        location: ring[0]!,
      });
    });
  });
  return { index, geometry, areaKm2: turfArea(geometry as unknown as TurfInput) / 1e6 };
}

function checkOverlaps(features: CheckedFeature[], issues: GeometryIssue[], opts: Required<GeometryCheckOptions>) {
  const usable = features.filter((f) => f.geometry).map((f) => ({ f, box: bbox(f.geometry!) }));
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      const a = usable[i]!;
      const b = usable[j]!;
      if (a.box[0] > b.box[2] || b.box[0] > a.box[2] || a.box[1] > b.box[3] || b.box[1] > a.box[3]) continue;
      // Any overlap lies inside both boxes: clip each side to that window first (cheap), then intersect exactly.
      const pad = 1e-7;
      const win: [number, number, number, number] = [
        Math.max(a.box[0], b.box[0]) - pad,
        Math.max(a.box[1], b.box[1]) - pad,
        Math.min(a.box[2], b.box[2]) + pad,
        Math.min(a.box[3], b.box[3]) + pad,
      ];
      const ca = clipToWindow(a.f.geometry!, win);
      const cb = clipToWindow(b.f.geometry!, win);
      if (ca.length === 0 || cb.length === 0) continue;
      let shared: PolygonCoords[];
      try {
        shared = polygonClipping.intersection(ca as unknown as Geom, cb as unknown as Geom) as PolygonCoords[];
      } catch {
        try {
          shared = polygonClipping.intersection(a.f.geometry!.coordinates as unknown as Geom, b.f.geometry!.coordinates as unknown as Geom) as PolygonCoords[];
        } catch {
          continue;
        }
      }
      if (shared.length === 0) continue;
      const km2 = turfArea({ type: 'MultiPolygon', coordinates: shared } as unknown as TurfInput) / 1e6;
      if (km2 <= 0) continue;
      const tiny = km2 <= opts.overlapToleranceKm2;
      issues.push({
        index: a.f.index,
        other: b.f.index,
        severity: tiny ? 'warning' : 'error',
        rule: 'overlap',
        message: `overlaps feature ${b.f.index} by ${round(km2 * 1e6, 0)} m²${tiny ? ' (within tolerance)' : ` (more than the ${opts.overlapToleranceKm2} km² tolerance)`}`,
        location: shared[0]![0]![0]!,
      });
    }
  }
}

/** Each ring clipped to the window (Sutherland–Hodgman, four half-planes); rings left with < 3 points dropped. */
function clipToWindow(g: BoundaryGeometry, [x0, y0, x1, y1]: [number, number, number, number]): PolygonCoords[] {
  const polys = g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);
  const edges: ((p: Position) => number)[] = [(p) => p[0] - x0, (p) => x1 - p[0], (p) => p[1] - y0, (p) => y1 - p[1]];
  const out: PolygonCoords[] = [];
  for (const poly of polys) {
    const rings: Ring[] = [];
    for (const ring of poly) {
      let pts = ring.slice(0, -1);
      for (const inside of edges) {
        const next: Position[] = [];
        for (let k = 0; k < pts.length; k++) {
          const cur = pts[k]!;
          const prev = pts[(k + pts.length - 1) % pts.length]!;
          const sc = inside(cur);
          const sp = inside(prev);
          if (sc >= 0) {
            if (sp < 0) next.push(lerp(prev, cur, sp / (sp - sc)));
            next.push(cur);
          } else if (sp >= 0) next.push(lerp(prev, cur, sp / (sp - sc)));
        }
        pts = next;
        if (pts.length === 0) break;
      }
      if (pts.length >= 3) rings.push([...pts, pts[0]!]);
      else if (rings.length === 0) break;
    }
    if (rings.length > 0) out.push(rings);
  }
  return out;
}

/** Vertices that belong to two or more rings of a geometry ("lon,lat"). */
function sharedVertices(g: BoundaryGeometry): Set<string> {
  const polys = g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);
  const seen = new Map<string, number>();
  let ringNo = 0;
  const out = new Set<string>();
  for (const poly of polys)
    for (const ring of poly) {
      ringNo++;
      for (const [x, y] of ring) {
        const k = `${x},${y}`;
        const first = seen.get(k);
        if (first === undefined) seen.set(k, ringNo);
        else if (first !== ringNo) out.add(k);
      }
    }
  return out;
}

function lerp(p: Position, q: Position, t: number): Position {
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

function isPolygonList(x: unknown): x is PolygonCoords[] {
  return (
    Array.isArray(x) &&
    x.length > 0 &&
    x.every(
      (poly) =>
        Array.isArray(poly) &&
        poly.length > 0 &&
        poly.every(
          (ring) =>
            Array.isArray(ring) &&
            ring.every(
              (pt) => Array.isArray(pt) && pt.length >= 2 && typeof pt[0] === 'number' && typeof pt[1] === 'number' && isFinite(pt[0]) && isFinite(pt[1]),
            ),
        ),
    )
  );
}

function ringAreaKm2(ring: Ring): number {
  return turfArea({ type: 'Polygon', coordinates: [ring] } as unknown as TurfInput) / 1e6;
}

function bbox(g: BoundaryGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of (g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[])).flat(1)) {
    for (const [x, y] of ring) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  return box;
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
