/**
 * Writes packages/domain/src/geo/registry/can-tho.registry.json, the default area registry
 * (IOC_AREAS_FILE can point at another city's file), from our own tables in can-tho-tables.ts.
 * Offline and deterministic. Run: npx tsx scripts/geo/generate-area-registry.ts [--check]
 * With --check it writes nothing and exits 1 when the committed file is out of date or invalid.
 */
import { writeOrCheck } from '../generated-file.ts';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { AreaRegistryFile, PredecessorRef, RegistryUnit } from '../../packages/contracts/src/index.ts';
import { CAN_THO_AREAS } from '../../packages/domain/src/geo/can-tho.ts';
import { englishName } from '../../packages/domain/src/geo/import/vi-text.ts';
import { loadAreaRegistry } from '../../packages/domain/src/geo/registry/area-registry.ts';
import { NEW_COMMUNES, OLD_DISTRICTS } from './can-tho-tables.ts';
import { NOTES, SOURCES } from './can-tho-sources.ts';

const target = fileURLToPath(new URL('../../packages/domain/src/geo/registry/can-tho.registry.json', import.meta.url));

const HISTORY_FROM = '2021-01-01';
const REFORM = '2025-07-01';
const NQ_1192 = '2024-11-01';
const TYPES: Record<string, string> = { P: 'phường', X: 'xã', TT: 'thị trấn' };

function unit(u: Omit<RegistryUnit, 'nameEn'>): RegistryUnit {
  return { ...u, nameEn: englishName(u.name, u.type) };
}

/** Parts of split units: placeholders until the registry carries the figures the derivation needs. */
const SPLITS: Record<string, Record<string, Partial<PredecessorRef>>> = {
  '31178': {
    '31120': { published: { areaKm2: 1.83, population: 330, source: 'tb-864-2025' } },
    '31168': {},
  },
  '31183': { '31150': {}, '31183': {} },
  '31207': { '31207': {}, '31228': {} },
};
const SPLIT_BASIS =
  'placeholder: equal shares, estimated. The derivation (successor total minus its whole predecessors) needs the area and ' +
  'population of the whole predecessors, which no source consulted publishes; add them (or the old unit totals) and remove ' +
  'these weights to derive';

function build(): AreaRegistryFile {
  const units: RegistryUnit[] = [];
  const oldCity = CAN_THO_AREAS.find((a) => a.code === '92')!;
  // the city before and after the merger of 1 July 2025: the same code, name and rank, two versions
  const canTho = { code: '92', name: 'Cần Thơ', type: 'thành phố', level: 'province', parent: null } as const;
  units.push(
    unit({
      ...canTho,
      validFrom: '2004-01-01',
      validTo: REFORM,
      areaKm2: oldCity.areaKm2 ?? null,
      centre: { lonLat: oldCity.centroid, kind: 'centroid', approximate: true, source: 'brief-4-1' },
      sources: ['nq-22-2003-qh11', 'gso-dmhc-2024'],
    }),
    unit({
      code: '93',
      name: 'Hậu Giang',
      type: 'tỉnh',
      level: 'province',
      parent: null,
      validFrom: '2004-01-01',
      validTo: REFORM,
      sources: ['nq-22-2003-qh11'],
    }),
    unit({
      code: '94',
      name: 'Sóc Trăng',
      type: 'tỉnh',
      level: 'province',
      parent: null,
      validFrom: HISTORY_FROM,
      validTo: REFORM,
      sources: ['gso-dmhc-2024'],
    }),
    unit({
      ...canTho,
      validFrom: REFORM,
      validTo: null,
      areaKm2: 6360.83,
      population: 4199824,
      predecessors: ['92', '93', '94'].map((code) => ({ code, whole: true })),
      sources: ['nq-202-2025-qh15'],
    }),
  );
  for (const [province, code, type, name, communes] of OLD_DISTRICTS) {
    const legacy = CAN_THO_AREAS.find((a) => a.code === code);
    units.push(
      unit({
        code,
        name,
        type,
        level: 'district',
        parent: province,
        validFrom: HISTORY_FROM,
        validTo: REFORM,
        ...(legacy
          ? { areaKm2: legacy.areaKm2 ?? null, centre: { lonLat: legacy.centroid, kind: 'centroid' as const, approximate: true, source: 'brief-4-1' } }
          : {}),
        sources: ['gso-dmhc-2024'],
      }),
    );
    for (const entry of communes.split(';')) {
      const [, c, t, n] = /^(\d{5}) (P|X|TT) (.+)$/.exec(entry)!;
      units.push(
        unit({ code: c!, name: n!, type: TYPES[t!]!, level: 'commune', parent: code, validFrom: HISTORY_FROM, validTo: REFORM, sources: ['gso-dmhc-2024'] }),
      );
    }
  }
  applyResolution1192(units);
  for (const row of NEW_COMMUNES) {
    const [code, t, name, area, pop, preds, point, seat] = row.split('|') as [string, string, string, string, string, string, string, string];
    const [lon, lat] = point.split(',').map(Number) as [number, number];
    units.push(
      unit({
        code,
        name,
        type: TYPES[t]!,
        level: 'commune',
        parent: '92',
        validFrom: REFORM,
        validTo: null,
        areaKm2: Number(area),
        population: pop === '-' ? null : Number(pop),
        centre: { lonLat: [lon, lat], kind: 'representative-point', approximate: true, source: 'rep-points' },
        ...(seat ? { seat } : {}),
        predecessors: preds.split(',').map((p): PredecessorRef => {
          const whole = !p.endsWith('*');
          const c = p.replace('*', '');
          if (whole) return { code: c, whole };
          const extra = SPLITS[c]?.[code];
          if (!extra) throw new Error(`split ${c} → ${code} is not described in SPLITS`);
          const n = Object.keys(SPLITS[c]!).length;
          return { code: c, whole, weights: { area: 1 / n, population: 1 / n }, estimated: true, basis: SPLIT_BASIS, ...extra };
        }),
        sources: ['nq-1668-2025', 'qd-19-2025-ttg', 'bando-sapnhap-2025'],
        ...(pop === '-' ? { note: 'population not carried: the published figure is garbled (far below the area would imply)' } : {}),
      }),
    );
  }
  addComputedCentres(units);
  return {
    format: 'cityioc-area-registry/1',
    id: 'can-tho',
    name: 'Thành phố Cần Thơ — đơn vị hành chính / administrative units',
    root: '92',
    historyFrom: HISTORY_FROM,
    units,
    sources: SOURCES,
    notes: NOTES,
  };
}

/**
 * Provinces and districts without a published centre get the area-weighted mean of the
 * representative points of today's communes that absorbed their communes (approximate, marked so).
 */
function addComputedCentres(units: RegistryUnit[]) {
  const today = units.filter((u) => u.level === 'commune' && u.validTo === null);
  const descendants = (code: string): Set<string> => {
    const out = new Set<string>();
    for (const u of units) if (u.parent === code && u.validTo === REFORM) for (const d of u.level === 'commune' ? [u.code] : descendants(u.code)) out.add(d);
    return out;
  };
  for (const u of units) {
    if (u.centre || u.level === 'commune') continue;
    const absorbed =
      u.validTo === null
        ? today
        : (() => {
            const olds = descendants(u.code);
            return today.filter((t) => t.predecessors?.some((p) => olds.has(p.code)));
          })();
    const weight = absorbed.reduce((s, t) => s + t.areaKm2!, 0);
    if (weight === 0) continue;
    const mean = (k: 0 | 1) => Math.round((absorbed.reduce((s, t) => s + t.centre!.lonLat[k] * t.areaKm2!, 0) / weight) * 1000) / 1000;
    u.centre = { lonLat: [mean(0), mean(1)], kind: 'centroid', approximate: true, source: 'rep-points' };
  }
}

/** NQ 1192/NQ-UBTVQH15: An Phú, An Nghiệp and An Cư merged into Thới Bình from 1 November 2024. */
function applyResolution1192(units: RegistryUnit[]) {
  const merged: [string, number, number][] = [
    ['31141', 0.5, 10851],
    ['31126', 0.35, 7635],
    ['31129', 0.61, 23313],
  ];
  for (const [code, areaKm2, population] of merged) {
    const u = units.find((x) => x.code === code)!;
    Object.assign(u, { validTo: NQ_1192, areaKm2, population, sources: ['gso-dmhc-2024', 'nq-1192-2024'] });
  }
  const before = units.find((x) => x.code === '31123')!;
  Object.assign(before, {
    validTo: NQ_1192,
    areaKm2: 0.53,
    population: 14565,
    sources: ['gso-dmhc-2024', 'nq-1192-2024'],
    note: 'area and population derived: NQ 1192 totals after the merger (1.99 km², 56,364) minus the three merged wards',
  });
  const after: RegistryUnit = {
    ...before,
    validFrom: NQ_1192,
    validTo: REFORM,
    areaKm2: 1.99,
    population: 56364,
    predecessors: ['31123', '31141', '31126', '31129'].map((code) => ({ code, whole: true })),
    sources: ['nq-1192-2024'],
  };
  delete after.note;
  units.splice(units.indexOf(before) + 1, 0, after);
}

/** Formatted as the repository's prettier config formats JSON, so `prettier --check` stays clean. */
async function serialize(file: AreaRegistryFile): Promise<string> {
  const config = (await resolveConfig(target)) ?? {};
  return format(JSON.stringify(file), { ...config, parser: 'json', filepath: target });
}

const file = build();
const loaded = loadAreaRegistry(file);
if (!loaded.ok) {
  console.error(loaded.problems.map((p) => `${p.rule}: ${p.message}`).join('\n'));
  process.exit(1);
}
const text = await serialize(file);
writeOrCheck(target, text, { what: 'area registry', command: 'npx tsx scripts/geo/generate-area-registry.ts', wrote: `${file.units.length} unit versions` });
