/**
 * Writes packages/domain/src/geo/can-tho-districts.schematic.geo.json: schematic district
 * polygons generated from the published centroids and areas (the real boundaries may not be
 * shipped). Run: npx tsx scripts/generate-schematic-geo.ts [--check]
 * With --check it writes nothing and exits 1 when the committed file is out of date.
 */
import { writeOrCheck } from './generated-file.ts';
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
writeOrCheck(target, text, { what: 'schematic geometry', command: 'npx tsx scripts/generate-schematic-geo.ts' });
