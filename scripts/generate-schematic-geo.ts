/**
 * Writes packages/domain/src/geo/can-tho-districts.schematic.geo.json: schematic district
 * polygons generated from the published centroids and areas (the real boundaries may not be
 * shipped). Run: npx tsx scripts/generate-schematic-geo.ts [--check]
 * With --check it writes nothing and exits 1 when the committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CAN_THO_AREAS } from '../packages/domain/src/geo/can-tho.ts';
import { generateSchematicGeo, type SchematicGeo } from '../packages/domain/src/geo/schematic-geo.ts';

const target = fileURLToPath(new URL('../packages/domain/src/geo/can-tho-districts.schematic.geo.json', import.meta.url));

/** One feature per line: small diffs, readable without a viewer. */
function serialize(fc: SchematicGeo): string {
  const lines = fc.features.map((f) => '    ' + JSON.stringify(f));
  return `{\n  "type": "FeatureCollection",\n  "features": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

const text = serialize(generateSchematicGeo(CAN_THO_AREAS));
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (JSON.stringify(JSON.parse(current || 'null')) !== JSON.stringify(JSON.parse(text))) {
    console.error(`${target} is out of date: run npx tsx scripts/generate-schematic-geo.ts`);
    process.exit(1);
  }
  console.log('schematic geometry is up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
