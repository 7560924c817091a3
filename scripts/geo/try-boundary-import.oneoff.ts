/**
 * One-off, run by hand (tests never read /work/shared): runs the pure import checks (matching and
 * geometry) on a real boundary file and prints the report and the time taken.
 * Run: npx tsx scripts/geo/try-boundary-import.oneoff.ts /work/shared/fixtures/geo/can_tho_92_wards_103_merged.geojson [yyyy-mm-dd]
 */
import { readFileSync } from 'node:fs';
import { loadAreaRegistry } from '../../packages/domain/src/geo/registry/area-registry.ts';
import { matchFeatures } from '../../packages/domain/src/geo/import/name-match.ts';
import { checkBoundaryGeometries, type BoundaryFeature } from '../../packages/domain/src/geo/import/geometry-checks.ts';

const [file, at = '2025-07-01'] = process.argv.slice(2);
if (!file) throw new Error('usage: try-boundary-import.oneoff.ts <file.geojson> [date]');
const loaded = loadAreaRegistry(JSON.parse(readFileSync(new URL('../../packages/domain/src/geo/registry/can-tho.registry.json', import.meta.url), 'utf8')));
if (!loaded.ok) throw new Error('registry does not load');
const reg = loaded.registry;
const t0 = performance.now();
const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: BoundaryFeature[] };
const t1 = performance.now();
const candidates = reg.unitsValidAt(at, { level: 'commune' }).map((u) => ({ code: u.code, name: u.name, type: u.type, level: u.level }));
const match = matchFeatures(fc.features, candidates);
const t2 = performance.now();
const codeOf = new Map(match.features.flatMap((m) => (m.status === 'matched' ? [[m.index, m.code] as const] : [])));
const geo = checkBoundaryGeometries(fc.features, (i) => {
  const c = codeOf.get(i);
  return c ? reg.areaAt(c, at)?.areaKm2 : null;
});
const t3 = performance.now();
const count = (xs: string[]) => Object.fromEntries([...new Set(xs)].map((x) => [x, xs.filter((y) => y === x).length]));
console.log(
  `features: ${fc.features.length}; matched: ${JSON.stringify(count(match.features.map((m) => (m.status === 'matched' ? `${m.status}/${m.by}` : m.status))))}`,
);
console.log(`missing units: ${match.missing.map((m) => m.code).join(', ') || 'none'}`);
console.log(`geometry issues: ${JSON.stringify(count(geo.issues.map((i) => `${i.severity}/${i.rule}`)))}; ok: ${geo.ok}`);
for (const i of geo.issues.filter((x) => x.severity !== 'repaired').slice(0, 30)) console.log(`  #${i.index} ${i.severity} ${i.rule}: ${i.message}`);
console.log(`time: parse ${Math.round(t1 - t0)} ms, match ${Math.round(t2 - t1)} ms, geometry ${Math.round(t3 - t2)} ms`);
