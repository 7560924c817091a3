import { pointInRing } from '@cityioc/domain';
import type { GeoFeature } from './layers/layer-spec.ts';

type Geometry = GeoFeature['geometry'];

function outerRings(geometry: Geometry): number[][][] {
  if (geometry.type === 'Polygon') return geometry.coordinates.slice(0, 1);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((p) => p[0]!).filter(Boolean);
  return [];
}

/** Where to put a unit's name without other constraints: the area-weighted centroid of its largest ring. */
export function labelPoint(geometry: Geometry): [number, number] | null {
  let best: { a: number; x: number; y: number } | null = null;
  for (const ring of outerRings(geometry)) {
    if (ring.length < 3) continue;
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

/** At most `max` vertices of a ring (every k-th, closed again): enough to place a label, cheap for an official 3 MB file. */
function decimate(ring: number[][], max: number): number[][] {
  if (ring.length <= max) return ring;
  const k = Math.ceil(ring.length / max);
  const out = ring.filter((_, i) => i % k === 0);
  out.push(ring[0]!);
  return out;
}

function largestRing(geometry: Geometry): number[][] | null {
  let best: number[][] | null = null;
  let bestArea = -1;
  for (const r of outerRings(geometry)) {
    if (r.length < 4) continue;
    let a = 0;
    for (let i = 0; i < r.length - 1; i++) a += r[i]![0]! * r[i + 1]![1]! - r[i + 1]![0]! * r[i]![1]!;
    if (Math.abs(a) > bestArea) {
      bestArea = Math.abs(a);
      best = r;
    }
  }
  return best ? decimate(best, 240) : null;
}

/**
 * A label position inside a unit that keeps clear of its edges and of given points (stations
 * with their own markers): the sampled interior point farthest from both. Distances are in
 * degrees with longitude scaled by cos(latitude). Deterministic.
 */
export function labelPointAvoiding(geometry: Geometry, obstacles: readonly (readonly [number, number])[], samples = 20): [number, number] | null {
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
  // Only the obstacles near this ring matter (a city has a few dozen stations, most far away).
  const margin = Math.max(e - w, n - s);
  const near = obstacles.filter((o) => o[0] > w - margin && o[0] < e + margin && o[1] > s - margin && o[1] < n + margin);
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
      for (const o of near) clear = Math.min(clear, dist(p[0], p[1], o[0], o[1]));
      const score = Math.min(edge, clear * 0.75);
      if (!best || score > best.score) best = { p, score };
    }
  }
  return best?.p ?? labelPoint(geometry);
}
