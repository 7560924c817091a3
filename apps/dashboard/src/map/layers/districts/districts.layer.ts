import { pointInRing } from '@cityioc/domain';
import type { AreasGeoJson } from '../../../queries/geo.queries.ts';
import { onTimeColor, UI } from '../../../theme/theme.ts';
import type { GeoCollection, GeoFeature, LayerSpec, SourceData } from '../layer-spec.ts';

export const DISTRICTS_SOURCE = 'ioc-districts';
export const DISTRICTS_FILL = 'ioc-districts-fill';
export const DISTRICTS_OUTLINE = 'ioc-districts-outline';

export interface DistrictProps {
  code: string;
  name: string;
  rate: number | null;
  color: string;
}

export interface DistrictsLayerInput {
  geo: AreasGeoJson;
  /** On-time rate (fraction) per district code; absent or null means no data. */
  rates: ReadonlyMap<string, number | null>;
  /** The whole map reads as stale (link down): fills fade. */
  stale: boolean;
  scale: number;
}

/** Pure: district polygons → a choropleth fill and outlines. */
export function buildDistrictsLayer(input: DistrictsLayerInput): LayerSpec {
  const features: GeoFeature<DistrictProps>[] = [];
  for (const f of input.geo.features) {
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') continue;
    const code = String(f.properties?.code ?? '');
    const rate = input.rates.get(code) ?? null;
    features.push({
      type: 'Feature',
      properties: { code, name: String(f.properties?.name ?? code), rate, color: onTimeColor(rate) },
      geometry: f.geometry,
    });
  }
  const data: GeoCollection<DistrictProps> = { type: 'FeatureCollection', features };
  return {
    sources: { [DISTRICTS_SOURCE]: { type: 'geojson', data: data as SourceData, promoteId: 'code' } },
    layers: [
      {
        id: DISTRICTS_FILL,
        type: 'fill',
        source: DISTRICTS_SOURCE,
        paint: {
          'fill-color': ['get', 'color'],
          'fill-opacity': input.stale ? 0.3 : 0.72,
          'fill-antialias': true,
        },
      },
      {
        id: DISTRICTS_OUTLINE,
        type: 'line',
        source: DISTRICTS_SOURCE,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': UI.areaOutline, 'line-opacity': 0.55, 'line-width': 1.2 * input.scale },
      },
    ],
  };
}

/** Where to put a district's name: the area-weighted centroid of its largest ring. */
export function labelPoint(geometry: GeoFeature['geometry']): [number, number] | null {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.type === 'MultiPolygon' ? geometry.coordinates.map((p) => p[0]) : [];
  let best: { a: number; x: number; y: number } | null = null;
  for (const ring of rings) {
    if (!ring || ring.length < 3) continue;
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i] as [number, number];
      const [x2, y2] = ring[i + 1] as [number, number];
      const c = x1 * y2 - x2 * y1;
      a += c;
      cx += (x1 + x2) * c;
      cy += (y1 + y2) * c;
    }
    if (a === 0) continue;
    const area = Math.abs(a / 2);
    if (!best || area > best.a) best = { a: area, x: cx / (3 * a), y: cy / (3 * a) };
  }
  return best ? [best.x, best.y] : null;
}

/** [[west, south], [east, north]] of every polygon and line, for fitting the view. */
export function geoBounds(geo: AreasGeoJson): [[number, number], [number, number]] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const f of geo.features) visit(f.geometry.coordinates);
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

function largestRing(geometry: GeoFeature['geometry']): number[][] | null {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.type === 'MultiPolygon' ? geometry.coordinates.map((p) => p[0]) : [];
  let best: number[][] | null = null;
  let bestArea = -1;
  for (const r of rings) {
    if (!r || r.length < 4) continue;
    let a = 0;
    for (let i = 0; i < r.length - 1; i++) a += r[i]![0]! * r[i + 1]![1]! - r[i + 1]![0]! * r[i]![1]!;
    if (Math.abs(a) > bestArea) {
      bestArea = Math.abs(a);
      best = r;
    }
  }
  return best;
}

/**
 * A label position inside a district that keeps clear of its edges and of given points
 * (stations with their own markers): the sampled interior point farthest from both.
 * Distances are in degrees with longitude scaled by cos(latitude). Deterministic.
 */
export function labelPointAvoiding(geometry: GeoFeature['geometry'], obstacles: readonly (readonly [number, number])[], samples = 28): [number, number] | null {
  const ring = largestRing(geometry);
  if (!ring) return labelPoint(geometry);
  let w = Infinity;
  let e = -Infinity;
  let s = Infinity;
  let n = -Infinity;
  for (const [x, y] of ring as [number, number][]) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  const kx = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const dist = (ax: number, ay: number, bx: number, by: number) => Math.hypot((ax - bx) * kx, ay - by);
  const segDist = (px: number, py: number, ax: number, ay: number, bx: number, by: number) => {
    const dx = (bx - ax) * kx;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * kx * dx + (py - ay) * dy) / len2));
    return Math.hypot((px - ax) * kx - t * dx, py - ay - t * dy);
  };
  let best: { p: [number, number]; score: number } | null = null;
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < samples; j++) {
      const p: [number, number] = [w + ((i + 0.5) / samples) * (e - w), s + ((j + 0.5) / samples) * (n - s)];
      if (!pointInRing(p, ring as [number, number][])) continue;
      let edge = Infinity;
      for (let k = 0; k < ring.length - 1; k++) {
        edge = Math.min(edge, segDist(p[0], p[1], ring[k]![0]!, ring[k]![1]!, ring[k + 1]![0]!, ring[k + 1]![1]!));
      }
      let clear = Infinity;
      for (const o of obstacles) clear = Math.min(clear, dist(p[0], p[1], o[0], o[1]));
      const score = Math.min(edge, clear * 0.75);
      if (!best || score > best.score) best = { p, score };
    }
  }
  return best?.p ?? labelPoint(geometry);
}
