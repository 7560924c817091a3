import type { AreaRegistryFile } from '@cityioc/contracts';
import { circle, convexHull, localPlane, signedArea, type LonLat, type SchematicPolygonOf, type XY } from './plane.ts';

export interface SchematicSite {
  code: string;
  name: string;
  type: string;
  /** Published area, km²; the cell is grown to it. */
  areaKm2: number;
  /** Administrative-centre point the cell is grown from. */
  centre: LonLat;
}

export type SchematicCommuneFeature = SchematicPolygonOf<{ code: string; name: string; type: string }>;
export type SchematicOutlineFeature = SchematicPolygonOf<{ kind: 'outline'; code: string; name: string }>;

export interface SchematicCommunes {
  type: 'FeatureCollection';
  features: (SchematicOutlineFeature | SchematicCommuneFeature)[];
}

export interface SchematicCommuneOptions {
  /** The outline's code and name (the city). */
  outline: { code: string; name: string; areaKm2: number };
  /** Iterations of the weight adjustment; more gives areas closer to the published ones. */
  iterations?: number;
}

const CIRCLE_STEPS = 24;

/**
 * Schematic polygons for units whose real boundaries may not be shipped: a power diagram (cells
 * of the sites with additive weights) clipped to a schematic convex outline whose area is the
 * city's. The weights are adjusted until every cell has its published area, so the cells tile the
 * outline without overlap and each has about the right size; shapes are not the real ones. The
 * outline is the convex hull of one circle per site (radius ∝ √area), scaled to the city's area.
 * Deterministic: coordinates rounded to 5 decimals (about 1 m). Labelled `schematic: true`.
 */
export function generateSchematicCommunes(sites: readonly SchematicSite[], options: SchematicCommuneOptions): SchematicCommunes {
  const ordered = [...sites].sort((a, b) => a.code.localeCompare(b.code));
  if (ordered.length < 3) throw new Error('generateSchematicCommunes needs at least 3 sites');
  const { lat0, toXY, toLonLat } = localPlane(ordered.map((s) => s.centre));

  const points = ordered.map((s) => toXY(s.centre));
  // The local plane stretches east–west away from lat0: a true km² at latitude φ covers cos(lat0)/cos(φ) plane km².
  // Targets in plane km², scaled so that they add up to the outline's (the city's) area.
  const stretch = (lat: number) => Math.cos((lat0 * Math.PI) / 180) / Math.cos((lat * Math.PI) / 180);
  const sum = ordered.reduce((s, x) => s + x.areaKm2, 0);
  const targets = ordered.map((s) => ((s.areaKm2 * options.outline.areaKm2) / sum) * stretch(s.centre[1]));
  const planeTotal = targets.reduce((s, x) => s + x, 0);
  const radii = ordered.map((s) => Math.sqrt(s.areaKm2 / Math.PI));
  const outlineFor = (k: number) => convexHull(points.flatMap((p, i) => circle(p, k * radii[i]!, CIRCLE_STEPS)));
  let lo = 0.1;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (signedArea(outlineFor(mid)) < planeTotal) lo = mid;
    else hi = mid;
  }
  const outline = outlineFor((lo + hi) / 2);
  const fit = signedArea(outline) / planeTotal;
  for (let i = 0; i < targets.length; i++) targets[i]! *= fit;

  let weights = ordered.map(() => 0);
  let cells = powerCells(points, weights, outline);
  const worst = (cs: XY[][]) => Math.max(...cs.map((c, i) => Math.abs(signedArea(c) / targets[i]! - 1)));
  for (let it = 0; it < (options.iterations ?? 40) && worst(cells) > 1e-6; it++) {
    // Newton step: ∂Aᵢ/∂wᵢ = Σⱼ Lᵢⱼ/(2dᵢⱼ), ∂Aᵢ/∂wⱼ = −Lᵢⱼ/(2dᵢⱼ) (Lᵢⱼ: shared edge, dᵢⱼ: distance of the sites).
    const n = points.length;
    const h = Array.from({ length: n }, () => new Float64Array(n));
    cells.forEach((cell, i) => {
      for (const [j, c] of sharedEdges(cell, i, points, weights)) {
        h[i]![i]! += c;
        h[i]![j]! -= c;
      }
    });
    const ridge = 1e-9 + 1e-6 * Math.max(...h.map((row, i) => row[i]!));
    for (let i = 0; i < n; i++) h[i]![i]! += ridge;
    const step = solve(
      h,
      cells.map((c, i) => targets[i]! - signedArea(c)),
    );
    // Backtrack until the largest relative error shrinks.
    const before = worst(cells);
    let t = 1;
    for (;;) {
      const trial = weights.map((w, i) => w + t * step[i]!);
      const trialCells = powerCells(points, trial, outline);
      if (worst(trialCells) < before || t < 1e-3) {
        weights = trial;
        cells = trialCells;
        break;
      }
      t /= 2;
    }
  }

  const features: (SchematicOutlineFeature | SchematicCommuneFeature)[] = [
    {
      type: 'Feature',
      properties: { kind: 'outline', code: options.outline.code, name: options.outline.name, schematic: true },
      geometry: { type: 'Polygon', coordinates: [closeRing(outline.map(toLonLat))] },
    },
  ];
  ordered.forEach((s, i) => {
    features.push({
      type: 'Feature',
      properties: { code: s.code, name: s.name, type: s.type, schematic: true },
      geometry: { type: 'Polygon', coordinates: [closeRing(cells[i]!.map(toLonLat))] },
    });
  });
  return { type: 'FeatureCollection', features };
}

/** Cell i = outline ∩ { x : |x − pᵢ|² − wᵢ ≤ |x − pⱼ|² − wⱼ for all j }: convex, counter-clockwise. */
function powerCells(points: readonly XY[], weights: readonly number[], outline: XY[]): XY[][] {
  return points.map((p, i) => {
    let cell = outline;
    for (let j = 0; j < points.length && cell.length > 0; j++) {
      if (j === i) continue;
      const q = points[j]!;
      // 2x·(q − p) ≤ |q|² − |p|² + wᵢ − wⱼ
      const a: XY = [2 * (q[0] - p[0]), 2 * (q[1] - p[1])];
      const b = q[0] * q[0] + q[1] * q[1] - p[0] * p[0] - p[1] * p[1] + weights[i]! - weights[j]!;
      cell = clipHalfPlane(cell, a, b);
    }
    return cell;
  });
}

/** For each edge of cell i on the power bisector with site j: [j, edge length / (2 |pᵢ − pⱼ|)]. */
function sharedEdges(cell: readonly XY[], i: number, points: readonly XY[], weights: readonly number[]): [number, number][] {
  const p = points[i]!;
  const out: [number, number][] = [];
  for (let k = 0; k < cell.length; k++) {
    const u = cell[k]!;
    const v = cell[(k + 1) % cell.length]!;
    const mid: XY = [(u[0] + v[0]) / 2, (u[1] + v[1]) / 2];
    const len = Math.hypot(v[0] - u[0], v[1] - u[1]);
    if (len < 1e-9) continue;
    for (let j = 0; j < points.length; j++) {
      if (j === i) continue;
      const q = points[j]!;
      const a: XY = [2 * (q[0] - p[0]), 2 * (q[1] - p[1])];
      const b = q[0] * q[0] + q[1] * q[1] - p[0] * p[0] - p[1] * p[1] + weights[i]! - weights[j]!;
      const norm = Math.hypot(a[0], a[1]);
      if (Math.abs(a[0] * mid[0] + a[1] * mid[1] - b) / norm < 1e-6) {
        out.push([j, len / (2 * Math.hypot(q[0] - p[0], q[1] - p[1]))]);
        break;
      }
    }
  }
  return out;
}

/** Gaussian elimination with partial pivoting: solves a·x = b (a is overwritten). */
function solve(a: Float64Array[], b: number[]): number[] {
  const n = b.length;
  const x = b.slice();
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    [x[c], x[piv]] = [x[piv]!, x[c]!];
    const d = a[c]![c]!;
    if (Math.abs(d) < 1e-15) continue;
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r]![k]! -= f * a[c]![k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = Math.abs(a[r]![r]!) < 1e-15 ? 0 : s / a[r]![r]!;
  }
  return x;
}

function clipHalfPlane(poly: XY[], a: XY, b: number): XY[] {
  const out: XY[] = [];
  const side = (p: XY) => a[0] * p[0] + a[1] * p[1] - b;
  for (let k = 0; k < poly.length; k++) {
    const cur = poly[k]!;
    const prev = poly[(k + poly.length - 1) % poly.length]!;
    const sc = side(cur);
    const sp = side(prev);
    if (sc <= 0) {
      if (sp > 0) out.push(cut(prev, cur, sp, sc));
      out.push(cur);
    } else if (sp <= 0) out.push(cut(prev, cur, sp, sc));
  }
  return out;
}

function cut(p: XY, q: XY, sp: number, sq: number): XY {
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** Closes a rounded ring, dropping consecutive duplicates that rounding can create. */
function closeRing(ring: LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  for (const p of ring) {
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return [...out, out[0]!];
}

/**
 * The schematic layer of a registry's units in force today (validTo null) at commune level, inside
 * an outline with the root's area. Every unit needs an area and a centre.
 */
export function schematicCommunesFromRegistry(file: AreaRegistryFile, iterations?: number): SchematicCommunes {
  const root = file.units.find((u) => u.code === file.root && u.validTo === null);
  if (!root || typeof root.areaKm2 !== 'number') throw new Error(`registry root ${file.root} has no area today`);
  const sites = file.units
    .filter((u) => u.level === 'commune' && u.validTo === null)
    .map((u) => {
      if (typeof u.areaKm2 !== 'number' || !u.centre) throw new Error(`unit ${u.code} needs an area and a centre for the schematic layer`);
      return { code: u.code, name: u.name, type: u.type, areaKm2: u.areaKm2, centre: u.centre.lonLat };
    });
  return generateSchematicCommunes(sites, { outline: { code: root.code, name: root.name, areaKm2: root.areaKm2 }, ...(iterations ? { iterations } : {}) });
}
