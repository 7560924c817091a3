/**
 * Writes packages/domain/src/geo/schematic/can-tho-communes.schematic.geo.json: schematic polygons
 * for today's communes of the default registry (cells grown from the administrative-centre points
 * to the published areas inside a schematic outline of the city), labelled schematic. The real
 * boundaries may not be shipped; a city imports its official ones at run time.
 * Run: npx tsx scripts/geo/generate-commune-geo.ts [--check]
 * With --check it writes nothing and exits 1 when the committed file is out of date.
 * (The 9 old districts of the historical layer come from scripts/generate-schematic-geo.ts.)
 */
import { readFileSync } from 'node:fs';
import { writeOrCheck } from '../generated-file.ts';
import { fileURLToPath } from 'node:url';
import { schematicCommunesFromRegistry, type SchematicCommunes } from '../../packages/domain/src/geo/schematic/schematic-communes.ts';

const registryPath = fileURLToPath(new URL('../../packages/domain/src/geo/registry/can-tho.registry.json', import.meta.url));
const target = fileURLToPath(new URL('../../packages/domain/src/geo/schematic/can-tho-communes.schematic.geo.json', import.meta.url));

/** One feature per line: small diffs, readable without a viewer. */
function serialize(fc: SchematicCommunes): string {
  const lines = fc.features.map((f) => '    ' + JSON.stringify(f));
  return `{\n  "type": "FeatureCollection",\n  "features": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

const text = serialize(schematicCommunesFromRegistry(JSON.parse(readFileSync(registryPath, 'utf8'))));
writeOrCheck(target, text, { what: 'schematic commune geometry', command: 'npx tsx scripts/geo/generate-commune-geo.ts' });
