/**
 * The small plane geometry both schematic generators (districts: geo/schematic-geo.ts, communes:
 * schematic-communes.ts) draw with: a local plane in km around a centre, circles, ring areas and
 * a convex hull. Pure and deterministic.
 */
export type LonLat = [number, number];
export type XY = [number, number];

/** A GeoJSON feature of a schematic map: drawn, never a real boundary, and labelled so (`schematic: true`). */
export interface SchematicFeatureOf<P, G> {
  type: 'Feature';
  properties: P & { schematic: true };
  geometry: G;
}
/** A schematic polygon (one ring) with its properties. */
export type SchematicPolygonOf<P> = SchematicFeatureOf<P, { type: 'Polygon'; coordinates: LonLat[][] }>;

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_AT_EQUATOR = 111.32;

/** km per degree of longitude at a latitude. */
export function kmPerDegLon(lat: number): number {
  return KM_PER_DEG_LON_AT_EQUATOR * Math.cos((lat * Math.PI) / 180);
}

/**
 * A local plane in km around the mean of `centres`: equirectangular, accurate to <0.1 % at city
 * scale. `toLonLat` rounds to 5 decimals (about 1 m).
 */
export function localPlane(centres: readonly (readonly [number, number])[]) {
  const lon0 = mean(centres.map((c) => c[0]));
  const lat0 = mean(centres.map((c) => c[1]));
  const kx = kmPerDegLon(lat0);
  return {
    lat0,
    toXY: ([lon, lat]: readonly [number, number]): XY => [(lon - lon0) * kx, (lat - lat0) * KM_PER_DEG_LAT],
    toLonLat: ([x, y]: XY): LonLat => [round5(lon0 + x / kx), round5(lat0 + y / KM_PER_DEG_LAT)],
  };
}

/** A ring's area in km² (any orientation), lon/lat projected at its mean latitude. */
export function lonLatRingAreaKm2(ring: readonly (readonly [number, number])[]): number {
  const kx = kmPerDegLon(mean(ring.map((p) => p[1])));
  return Math.abs(signedArea(ring.map(([lon, lat]) => [lon * kx, lat * KM_PER_DEG_LAT] as XY)));
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

export function round5(x: number): number {
  const r = Math.round(x * 1e5) / 1e5;
  return r === 0 ? 0 : r; // no -0 in the output
}

/** A circle as a polygon of `steps` points. */
export function circle([cx, cy]: XY, r: number, steps: number): XY[] {
  const out: XY[] = [];
  for (let s = 0; s < steps; s++) {
    const t = (2 * Math.PI * s) / steps;
    out.push([cx + r * Math.cos(t), cy + r * Math.sin(t)]);
  }
  return out;
}

/** Shoelace area: positive for a counter-clockwise ring. */
export function signedArea(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** The z of (a − o) × (b − o): positive when o → a → b turns left. */
export function cross(o: XY, a: XY, b: XY): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Andrew's monotone chain; counter-clockwise, no collinear points. */
export function convexHull(points: XY[]): XY[] {
  const s = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const half = (pts: XY[]): XY[] => {
    const h: XY[] = [];
    for (const p of pts) {
      while (h.length >= 2 && cross(h[h.length - 2]!, h[h.length - 1]!, p) <= 0) h.pop();
      h.push(p);
    }
    h.pop();
    return h;
  };
  return [...half(s), ...half(s.slice().reverse())];
}
