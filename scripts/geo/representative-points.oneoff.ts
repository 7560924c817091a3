/**
 * One-off, run by hand (never by tests): prints a representative point (a point guaranteed inside
 * the polygon, turf pointOnFeature) for each of the 103 communes of Cần Thơ, rounded to 0.001°
 * (~100 m), from the 2025 ward boundaries published by the Ministry of Home Affairs' merger map as
 * carried by thanglequoc/vietnamese-provinces-database (MIT) @ cd58063, json/geojson/92_can_tho.
 * The numbers are pasted into scripts/geo/can-tho-tables.ts; the boundaries are not shipped.
 * Run: npx tsx scripts/geo/representative-points.oneoff.ts /path/to/can_tho_92_wards_103_merged.geojson
 */
import { readFileSync } from 'node:fs';
import pointOnFeature from '@turf/point-on-feature';

const file = process.argv[2];
if (!file) throw new Error('usage: representative-points.oneoff.ts <wards.geojson>');
const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: { id?: string; properties: { code: string }; geometry: unknown }[] };
const rows = fc.features
  .map((f) => {
    const p = pointOnFeature(f as unknown as Parameters<typeof pointOnFeature>[0]).geometry.coordinates as [number, number];
    return `${f.properties.code}:${p[0].toFixed(3)},${p[1].toFixed(3)}`;
  })
  .sort();
console.log(rows.join('\n'));
