import turfArea from '@turf/area';
import { describe, expect, it } from 'vitest';
import { checkBoundaryGeometries, type BoundaryFeature, type GeometryIssue } from './geometry-checks.ts';

type P = [number, number];
/** A closed ring through `corners`: the first position repeated at the end. */
const ring = (...corners: P[]): P[] => [...corners, corners[0]!];
/** A lon/lat rectangle near Cần Thơ, counter-clockwise (RFC 7946) unless `cw`. */
function rect(lon: number, lat: number, w: number, h: number, cw = false): P[] {
  const r = ring([lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h]);
  return cw ? r.reverse() : r;
}
const poly = (...rings: P[][]): BoundaryFeature => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } });
/** Checks one feature, expecting exactly `issue` about it and the verdict `ok`. */
function checkOne(feature: BoundaryFeature, ok: boolean, issue: Omit<GeometryIssue, 'index'>) {
  const r = checkBoundaryGeometries([feature]);
  expect(r.issues).toEqual([{ index: 0, ...issue }]);
  expect(r.ok).toBe(ok);
  return r;
}
const km2 = (rings: P[][]) => turfArea({ type: 'Polygon', coordinates: rings } as Parameters<typeof turfArea>[0]) / 1e6;

describe('boundary geometry checks', () => {
  it('a valid counter-clockwise polygon passes, with its geodesic area', () => {
    const r = checkBoundaryGeometries([poly(rect(105.7, 10.0, 0.02, 0.02))]);
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.features[0]!.areaKm2).toBeCloseTo(km2([rect(105.7, 10.0, 0.02, 0.02)]), 9);
    expect(r.features[0]!.areaKm2).toBeGreaterThan(4.85);
    expect(r.features[0]!.areaKm2).toBeLessThan(4.9);
  });

  it('clockwise outer rings (as the official files have them) are rewound and reported as repaired', () => {
    const r = checkOne(poly(rect(105.7, 10.0, 0.02, 0.02, true), rect(105.705, 10.005, 0.005, 0.005)), true, {
      severity: 'repaired',
      rule: 'winding',
      message: '2 ring(s) wound against RFC 7946 (1 outer ring(s) clockwise, 1 hole(s) counter-clockwise); rewound',
    });
    const [outer, hole] = r.features[0]!.geometry!.coordinates as P[][];
    const signed = (ring: P[]) => ring.slice(1).reduce((s, p, i) => s + (ring[i]![0] * p[1] - p[0] * ring[i]![1]), 0);
    expect(signed(outer!)).toBeGreaterThan(0);
    expect(signed(hole!)).toBeLessThan(0);
  });

  it('projected coordinates (VN-2000 / UTM metres) are refused with a message that says so', () => {
    const utm = ring([587000, 1109000], [589000, 1109000], [589000, 1111000]);
    checkOne(poly(utm), false, {
      severity: 'error',
      rule: 'projected_coordinates',
      message:
        'coordinates are not longitude/latitude in degrees (found x = 587000, y = 1109000): they look like projected metres (VN-2000 / UTM, e.g. zone 48N); reproject the file to WGS 84 (EPSG:4326) before importing',
    });
  });

  it('a self-intersecting boundary is refused with the location of the crossing', () => {
    const bowtie = ring([105.7, 10.0], [105.72, 10.02], [105.72, 10.0], [105.7, 10.02]);
    const r = checkBoundaryGeometries([poly(bowtie)]);
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ index: 0, severity: 'error', rule: 'self_intersection', location: [105.71, 10.01] });
    expect(r.issues[0]!.message).toMatch(/^the boundary crosses itself at \d+ point\(s\), first near lon 105\.71, lat 10\.01$/);
  });

  it('a hole touching its shell, or two parts touching, at a shared vertex (as in the official 2025 file) is a warning, not a crossing', () => {
    // a triangular hole whose corner is a vertex of the outer ring
    const outer = ring([105.4, 10.1], [105.5, 10.1], [105.5, 10.2], [105.4, 10.2]);
    const hole = ring([105.5, 10.2], [105.45, 10.18], [105.47, 10.15]);
    const r = checkBoundaryGeometries([poly(outer, hole)]);
    expect(r.ok).toBe(true);
    expect(r.issues.filter((i) => i.rule === 'ring_touch')).toMatchObject([{ index: 0, severity: 'warning', location: [105.5, 10.2] }]);
    expect(r.issues.some((i) => i.rule === 'self_intersection')).toBe(false);
    // two parts of a MultiPolygon touching at one corner
    const a = ring([105.4, 10.1], [105.41, 10.1], [105.41, 10.11], [105.4, 10.11]);
    const b = ring([105.41, 10.11], [105.42, 10.11], [105.42, 10.12], [105.41, 10.12]);
    const multi: BoundaryFeature = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[a], [b]] } };
    const m = checkBoundaryGeometries([multi]);
    expect(m.ok).toBe(true);
    expect(m.issues.map((i) => i.rule)).toEqual(['ring_touch']);
  });

  it('repeated positions in a row (as the official 2025 files have at the ring’s end) are removed, not taken for a crossing', () => {
    const square = rect(105.7, 10.0, 0.02, 0.02);
    const repeated: P[] = [square[0]!, ...square.slice(0, 3), square[2]!, ...square.slice(3), square[4]!];
    const r = checkOne(poly(repeated), true, {
      severity: 'repaired',
      rule: 'duplicate_vertex',
      message: 'ring 1 repeated 3 position(s) in a row; removed the repeats',
      location: [105.7, 10.0],
    });
    expect(r.features[0]!.geometry!.coordinates).toEqual([square]);
  });

  it('tiny overlaps between neighbours are reported, larger ones refused (tolerance configurable)', () => {
    // 0.0001° × 0.02° ≈ 11 m × 2.2 km ≈ 24,000 m²
    const a = poly(rect(105.7, 10.0, 0.02, 0.02));
    const b = poly(rect(105.7199, 10.0, 0.02, 0.02));
    const strict = checkBoundaryGeometries([a, b], () => null, { overlapToleranceKm2: 0.01 });
    expect(strict.ok).toBe(false);
    expect(strict.issues).toHaveLength(1);
    expect(strict.issues[0]).toMatchObject({ index: 0, other: 1, severity: 'error', rule: 'overlap' });
    expect(strict.issues[0]!.message).toMatch(/^overlaps feature 1 by 24\d\d\d m² \(more than the 0.01 km² tolerance\)$/);
    const lenient = checkBoundaryGeometries([a, b], () => null, { overlapToleranceKm2: 0.05 });
    expect(lenient.ok).toBe(true);
    expect(lenient.issues[0]).toMatchObject({ severity: 'warning', rule: 'overlap' });
    const touching = checkBoundaryGeometries([a, poly(rect(105.72, 10.0, 0.02, 0.02))]);
    expect(touching.issues).toEqual([]);
  });

  it('slivers and pin-holes are reported', () => {
    const multi: BoundaryFeature = {
      properties: {},
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[rect(105.7, 10.0, 0.02, 0.02), rect(105.71, 10.01, 0.0001, 0.0001, true)], [rect(105.8, 10.0, 0.0002, 0.0001)]],
      },
    };
    const r = checkBoundaryGeometries([multi]);
    expect(r.ok).toBe(true);
    // By hand: 0.0001° × 0.0001° at 10° N ≈ 10.96 m × 11.06 m ≈ 121 m²; twice that for part 2.
    const hole = Math.round(km2([rect(105.71, 10.01, 0.0001, 0.0001)]) * 1e6);
    const part = Math.round(km2([rect(105.8, 10.0, 0.0002, 0.0001)]) * 1e6);
    expect(hole).toBeGreaterThan(115);
    expect(hole).toBeLessThan(127);
    expect(r.issues.map((i) => [i.rule, i.severity, i.message])).toEqual([
      ['sliver', 'warning', `a hole in part 1 is a sliver of ${hole} m² (pin-hole)`],
      ['sliver', 'warning', `part 2 is a sliver of ${part} m²`],
    ]);
  });

  it('compares each area with the registry’s', () => {
    // 0.02° × 0.02° at 10° N ≈ 2.19 km × 2.21 km ≈ 4.87 km², about half of 10.04 km².
    const r = checkBoundaryGeometries([poly(rect(105.7, 10.0, 0.02, 0.02))], () => 10.04);
    expect(r.issues).toEqual([
      { index: 0, severity: 'warning', rule: 'area_mismatch', message: "area 4.87 km² differs from the registry's 10.04 km² by -51.5 %" },
    ]);
    expect(checkBoundaryGeometries([poly(rect(105.7, 10.0, 0.02, 0.02))], () => 5).issues).toEqual([]);
  });

  it('repairs an unclosed ring; refuses a point, a two-point ring and garbage coordinates', () => {
    const open = rect(105.7, 10.0, 0.02, 0.02).slice(0, 4);
    const r = checkBoundaryGeometries([
      poly(open),
      { properties: {}, geometry: { type: 'Point', coordinates: [105.7, 10] } },
      poly([
        [105.7, 10],
        [105.8, 10],
      ]),
      { properties: {}, geometry: { type: 'Polygon', coordinates: [[['105.7', '10']]] } },
      { properties: {}, geometry: null },
    ]);
    expect(r.issues.map((i) => [i.index, i.severity, i.rule])).toEqual([
      [0, 'repaired', 'unclosed_ring'],
      [1, 'error', 'not_polygon'],
      [2, 'repaired', 'unclosed_ring'],
      [2, 'error', 'ring_too_short'],
      [3, 'error', 'invalid_coordinates'],
      [4, 'error', 'not_polygon'],
    ]);
    expect(r.features[0]!.areaKm2).toBeGreaterThan(4.8);
  });
});
