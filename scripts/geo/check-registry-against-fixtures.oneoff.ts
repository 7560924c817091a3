/**
 * One-off, run by hand (tests never read /work/shared): compares the default registry with the
 * real-world test material in ../shared/fixtures/geo and prints every disagreement.
 *  - can_tho_92_wards_index.csv: the 103 units (type, name, English name, area, population,
 *    predecessor names, bounding box) against today's layer;
 *  - can_tho_old_85_communes_gadm41_rexin4n15_subset.geojson: GADM names of the old communes
 *    against the old layer, through the boundary-import matcher.
 * Run: npx tsx scripts/geo/check-registry-against-fixtures.oneoff.ts [/work/shared/fixtures/geo]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAreaRegistry } from '../../packages/domain/src/geo/registry/area-registry.ts';
import { matchFeatures } from '../../packages/domain/src/geo/import/name-match.ts';
import { nameKey, stripUnitPrefix } from '../../packages/domain/src/geo/import/vi-text.ts';

const dir = process.argv[2] ?? '/work/shared/fixtures/geo';
const loaded = loadAreaRegistry(JSON.parse(readFileSync(new URL('../../packages/domain/src/geo/registry/can-tho.registry.json', import.meta.url), 'utf8')));
if (!loaded.ok) throw new Error('registry does not load');
const reg = loaded.registry;
const TODAY = '2025-07-01';
const BEFORE = '2025-06-30';

/** Minimal CSV reader for this file (quoted fields with commas, no embedded quotes). */
function readCsv(text: string): Record<string, string>[] {
  const rows = text
    .trim()
    .split(/\r?\n/)
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === ',' && !quoted) {
          out.push(cur);
          cur = '';
        } else cur += ch;
      }
      out.push(cur);
      return out;
    });
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const problems: string[] = [];
const rows = readCsv(readFileSync(join(dir, 'can_tho_92_wards_index.csv'), 'utf8'));
const seen = new Set<string>();
for (const r of rows) {
  const code = r['code']!;
  seen.add(code);
  const u = reg.areaAt(code, TODAY);
  if (!u) {
    problems.push(`${code}: in the CSV, not in the registry`);
    continue;
  }
  const say = (what: string, csv: unknown, ours: unknown) =>
    problems.push(`${code} ${u.name}: ${what}: CSV ${JSON.stringify(csv)} / registry ${JSON.stringify(ours)}`);
  if (r['loai']!.toLowerCase() !== u.type) say('type', r['loai'], u.type);
  if (r['name'] !== u.name) say(nameKey(r['name']!) === nameKey(u.name) ? 'name (tone placement only)' : 'name', r['name'], u.name);
  if (`${r['nameEn']} ${u.type === 'phường' ? 'Ward' : 'Commune'}` !== u.nameEn) say('English name', r['nameEn'], u.nameEn);
  if (Number(r['areaKm2']) !== u.areaKm2) say('area km²', Number(r['areaKm2']), u.areaKm2);
  if (Number(r['raw_a08_ds']) !== u.population) say('population', Number(r['raw_a08_ds']), u.population);
  const [w, s, e, n] = ['bbox_w', 'bbox_s', 'bbox_e', 'bbox_n'].map((k) => Number(r[k]));
  const [lon, lat] = u.centre!.lonLat;
  if (!(lon >= w! - 0.001 && lon <= e! + 0.001 && lat >= s! - 0.001 && lat <= n! + 0.001))
    say('centre outside the bounding box', [w, s, e, n], u.centre!.lonLat);
  // Predecessors: the CSV names them ("Phường An Hòa, Phường Bùi Hữu Nghĩa (phần còn lại …)"); ours are codes.
  const csvPreds =
    r['raw_a05_truocsn']!.trim() === 'giữ nguyên'
      ? [nameKey(`${u.type} ${u.name}`)]
      : r['raw_a05_truocsn']!.replace(/\([^)]*\)/g, '')
          .split(',')
          .map((x) => nameKey(x.trim()))
          .filter(Boolean);
  const ours = (u.predecessors ?? []).map((p) => {
    const old = reg.areaAt(p.code, BEFORE)!;
    return nameKey(/^Phường /u.test(old.name) ? old.name : `${old.type} ${old.name}`);
  });
  const missingHere = csvPreds.filter((x) => !ours.includes(x));
  const extraHere = ours.filter((x) => !csvPreds.includes(x));
  if (missingHere.length || extraHere.length) say('predecessors', missingHere, extraHere);
}
for (const u of reg.unitsValidAt(TODAY, { level: 'commune' })) if (!seen.has(u.code)) problems.push(`${u.code}: in the registry, not in the CSV`);
const csvPop = rows.reduce((s, r) => s + Number(r['raw_a08_ds']), 0);
const csvArea = rows.reduce((s, r) => s + Number(r['areaKm2']), 0);
console.log(`CSV: ${rows.length} units, Σ area ${csvArea.toFixed(2)} km² (NQ 202: 6,360.83), Σ population ${csvPop} (NQ 202: 4,199,824)`);
console.log(`CSV disagreements (${problems.length}):\n  ${problems.join('\n  ')}`);

const gadm = JSON.parse(readFileSync(join(dir, 'can_tho_old_85_communes_gadm41_rexin4n15_subset.geojson'), 'utf8')) as {
  features: { properties: Record<string, unknown> }[];
};
const at = '2024-10-31';
const candidates = reg
  .unitsValidAt(at, { level: 'commune' })
  .filter((u) => reg.ancestorsAt(u.code, at).at(-1) === '92')
  .map((u) => ({ code: u.code, name: u.name, type: u.type, level: u.level }));
const report = matchFeatures(
  gadm.features.map((f) => ({ properties: { name: f.properties['NAME_3'], type: f.properties['TYPE_3'] } })),
  candidates,
);
const by = new Map<string, number>();
for (const f of report.features)
  by.set(`${f.status}${f.status === 'matched' ? `/${f.by}` : ''}`, (by.get(`${f.status}${f.status === 'matched' ? `/${f.by}` : ''}`) ?? 0) + 1);
console.log(
  `\nGADM old communes (${gadm.features.length}) against the registry on ${at} (${candidates.length} units): ${JSON.stringify(Object.fromEntries(by))}`,
);
for (const f of report.features) {
  if (f.status === 'matched' && f.by === 'name') continue;
  const p = gadm.features[f.index]!.properties;
  const detail = f.status === 'matched' ? `→ ${f.code} (${f.by})` : JSON.stringify(f);
  console.log(`  ${String(p['NAME_2'])} / ${String(p['NAME_3'])} (${String(p['TYPE_3'])}): ${detail}`);
}
console.log(`  registry units no GADM feature matched: ${report.missing.map((c) => `${c.code} ${c.name}`).join(', ') || 'none'}`);
// Name spellings that differ beyond tone placement and spaces.
for (const f of report.features) {
  if (f.status !== 'matched') continue;
  const g = String(gadm.features[f.index]!.properties['NAME_3']);
  const u = candidates.find((c) => c.code === f.code)!;
  if (nameKey(g) !== nameKey(stripUnitPrefix(u.name))) console.log(`  spelling: GADM "${g}" / registry "${u.name}" (${u.code})`);
}
