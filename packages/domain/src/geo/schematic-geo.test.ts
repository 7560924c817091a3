import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAN_THO_AREAS, CAN_THO_STATIONS } from './can-tho.ts';
import { generateSchematicGeo, pointInRing, ringAreaKm2, type SchematicDistrictFeature, type SchematicGeo } from './schematic-geo.ts';

const committed = JSON.parse(readFileSync(new URL('./can-tho-districts.schematic.geo.json', import.meta.url), 'utf8')) as SchematicGeo;
const districts = CAN_THO_AREAS.filter((a) => a.level === 'district');
const polygons = (fc: SchematicGeo) => fc.features.filter((f): f is SchematicDistrictFeature => f.geometry.type === 'Polygon');

describe('schematic district geometry', () => {
  it('the committed file is exactly what the generator produces (run scripts/generate-schematic-geo.ts)', () => {
    expect(generateSchematicGeo(CAN_THO_AREAS)).toEqual(committed);
  });

  it('has one polygon per legacy district, with code, name, kind and the schematic flag', () => {
    const polys = polygons(committed);
    expect(polys).toHaveLength(9);
    expect(polys.map((f) => f.properties.code).sort()).toEqual(['916', '917', '918', '919', '923', '924', '925', '926', '927']);
    for (const f of polys) {
      const area = districts.find((a) => a.code === f.properties.code)!;
      expect(f.properties).toEqual({ code: area.code, name: area.name, kind: area.kind, schematic: true });
    }
  });

  it('each polygon contains its published centroid and no other district centroid', () => {
    for (const f of polygons(committed)) {
      const ring = f.geometry.coordinates[0]!;
      for (const a of districts) {
        expect(pointInRing(a.centroid, ring), `${f.properties.name} vs centroid of ${a.name}`).toBe(a.code === f.properties.code);
      }
    }
  });

  it('rings are closed, counter-clockwise, and rounded to 5 decimals', () => {
    for (const f of polygons(committed)) {
      expect(f.geometry.coordinates).toHaveLength(1);
      const ring = f.geometry.coordinates[0]!;
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[ring.length - 1]).toEqual(ring[0]);
      let s = 0;
      for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      expect(s, `${f.properties.name} winding`).toBeGreaterThan(0);
      for (const [lon, lat] of ring) {
        expect(Math.round(lon * 1e5) / 1e5).toBe(lon);
        expect(Math.round(lat * 1e5) / 1e5).toBe(lat);
      }
    }
  });

  it('areas are plausible: the city totals its published area and each district is within ×0.6–×1.6 of its own', () => {
    let total = 0;
    for (const f of polygons(committed)) {
      const area = districts.find((a) => a.code === f.properties.code)!;
      const km2 = ringAreaKm2(f.geometry.coordinates[0]!);
      total += km2;
      expect(km2 / area.areaKm2!, area.name).toBeGreaterThan(0.6);
      expect(km2 / area.areaKm2!, area.name).toBeLessThan(1.6);
    }
    expect(total).toBeGreaterThan(1440.4 * 0.97);
    expect(total).toBeLessThan(1440.4 * 1.03);
  });

  it('the cells tile the outline without overlapping: no vertex of one cell lies strictly inside another', () => {
    const polys = polygons(committed);
    for (const a of polys) {
      for (const b of polys) {
        if (a === b) continue;
        const ring = b.geometry.coordinates[0]!;
        // Move each vertex a hair towards its own centroid so shared edges do not count.
        const c = districts.find((d) => d.code === a.properties.code)!.centroid;
        for (const [lon, lat] of a.geometry.coordinates[0]!) {
          const p: [number, number] = [lon + (c[0] - lon) * 1e-3, lat + (c[1] - lat) * 1e-3];
          expect(pointInRing(p, ring), `${a.properties.name} vertex inside ${b.properties.name}`).toBe(false);
        }
      }
    }
  });

  it('includes the Hậu river as a schematic LineString along the north-east edge', () => {
    const river = committed.features.find((f) => f.properties.kind === 'river');
    expect(river?.geometry.type).toBe('LineString');
    expect(river?.properties).toEqual({ kind: 'river', name: 'Sông Hậu', schematic: true });
    expect(river?.geometry.coordinates[0]).toEqual([105.5, 10.32]);
    expect(river?.geometry.coordinates.at(-1)).toEqual([105.86, 9.96]);
  });

  it('keeps every land station (not the river gauges) inside the city outline', () => {
    const rings = polygons(committed).map((f) => f.geometry.coordinates[0]!);
    for (const s of CAN_THO_STATIONS.filter((st) => !st.indicators.includes('water_level'))) {
      expect(
        rings.some((r) => pointInRing(s.location, r)),
        s.id,
      ).toBe(true);
    }
  });

  it('point-in-ring: inside, outside and a concave notch', () => {
    const u: [number, number][] = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    expect(pointInRing([0.5, 2], u)).toBe(true);
    expect(pointInRing([1.5, 2], u)).toBe(false);
    expect(pointInRing([4, 1], u)).toBe(false);
  });

  it('is deterministic and independent of input order', () => {
    const reversed = generateSchematicGeo(CAN_THO_AREAS.slice().reverse());
    expect(reversed).toEqual(generateSchematicGeo(CAN_THO_AREAS));
  });
});
