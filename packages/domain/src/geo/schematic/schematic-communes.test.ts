import { readFileSync } from 'node:fs';
import turfArea from '@turf/area';
import polygonClipping, { type Geom } from 'polygon-clipping';
import type { AreaRegistryFile } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { checkBoundaryGeometries } from '../import/geometry-checks.ts';
import { schematicCommunesFromRegistry, type SchematicCommuneFeature, type SchematicCommunes, type SchematicOutlineFeature } from './schematic-communes.ts';

const registry = JSON.parse(readFileSync(new URL('../registry/can-tho.registry.json', import.meta.url), 'utf8')) as AreaRegistryFile;
const committed = JSON.parse(readFileSync(new URL('./can-tho-communes.schematic.geo.json', import.meta.url), 'utf8')) as SchematicCommunes;
const today = registry.units.filter((u) => u.level === 'commune' && u.validTo === null);
const cells = committed.features.filter((f): f is SchematicCommuneFeature => !('kind' in f.properties));
const outline = committed.features.find((f): f is SchematicOutlineFeature => 'kind' in f.properties && f.properties.kind === 'outline')!;
const km2 = (g: object) => turfArea(g as Parameters<typeof turfArea>[0]) / 1e6;

describe('schematic geometry of today’s 103 communes', () => {
  it('the committed file is exactly what the generator produces (run scripts/geo/generate-commune-geo.ts)', () => {
    expect(schematicCommunesFromRegistry(registry)).toEqual(committed);
  });

  it('every unit has one feature, labelled schematic, with its code, name and type; plus the outline', () => {
    expect(cells.map((f) => f.properties.code).sort()).toEqual(today.map((u) => u.code).sort());
    for (const f of cells) {
      const u = today.find((x) => x.code === f.properties.code)!;
      expect(f.properties).toEqual({ code: u.code, name: u.name, type: u.type, schematic: true });
    }
    expect(outline.properties).toEqual({ kind: 'outline', code: '92', name: 'Cần Thơ', schematic: true });
  });

  it('each cell’s geodesic area is within 1 % of the published area; the outline is the city’s 6,360.83 km² within 1 %', () => {
    for (const f of cells) {
      const u = today.find((x) => x.code === f.properties.code)!;
      expect(Math.abs(km2(f.geometry) / u.areaKm2! - 1), `${u.code} ${u.name}`).toBeLessThan(0.01);
    }
    expect(Math.abs(km2(outline.geometry) / 6360.83 - 1)).toBeLessThan(0.01);
  });

  it('cells do not overlap (beyond rounding: under 100 m² between neighbours) and have valid RFC 7946 rings', () => {
    const report = checkBoundaryGeometries(cells, () => null, { overlapToleranceKm2: 0.0001 });
    expect(report.issues.filter((i) => i.severity !== 'warning' || i.rule !== 'overlap')).toEqual([]);
  });

  // Rounding to 1e-5° moves points on a long outline edge by up to ~0.8 m: a few thousand m² at most per cell.
  it('all cells lie inside the outline (up to 1 ha of rounding), and together they cover it', () => {
    const shape = outline.geometry.coordinates as unknown as Geom;
    for (const f of cells) {
      const outside = polygonClipping.difference(f.geometry.coordinates as unknown as Geom, shape);
      expect(outside.length === 0 ? 0 : km2({ type: 'MultiPolygon', coordinates: outside }), f.properties.code).toBeLessThan(0.01);
    }
    const total = cells.reduce((s, f) => s + km2(f.geometry), 0);
    expect(Math.abs(total / km2(outline.geometry) - 1)).toBeLessThan(0.001);
  });
});
