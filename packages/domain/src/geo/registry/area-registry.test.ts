import { readFileSync } from 'node:fs';
import { AreaSchema, type RegistryUnit } from '@cityioc/contracts';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { loadAreaRegistry, type AreaRegistry } from './area-registry.ts';
import { findCycle } from './crosswalk-links.ts';
import { registryAreasAt } from './registry-areas.ts';
import { testRegistryFile } from './test-registry.ts';

const defaultFile = JSON.parse(readFileSync(new URL('./can-tho.registry.json', import.meta.url), 'utf8')) as unknown;

function load(file: unknown): AreaRegistry {
  const r = loadAreaRegistry(file);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.rule}: ${p.message}`).join('\n'));
  return r.registry;
}

describe('the default Cần Thơ registry', () => {
  const reg = load(defaultFile);
  const communes = (date: string, provinces: string[]) =>
    reg.unitsValidAt(date, { level: 'commune' }).filter((u) => provinces.includes(reg.ancestorsAt(u.code, date).at(-1)!));

  it('today: the city 92 and its 103 communes, 31 phường and 72 xã, directly under the city', () => {
    const today = reg.unitsValidAt('2026-12-01', { level: 'commune' });
    expect(today).toHaveLength(103);
    expect(today.filter((u) => u.type === 'phường')).toHaveLength(31);
    expect(today.filter((u) => u.type === 'xã')).toHaveLength(72);
    expect(new Set(today.map((u) => u.parent))).toEqual(new Set(['92']));
    expect(reg.unitsValidAt('2026-12-01', { level: 'province' })).toEqual([
      { code: '92', name: 'Cần Thơ', nameEn: 'Can Tho City', type: 'thành phố', level: 'province', parent: null, validFrom: '2025-07-01', validTo: null },
    ]);
    expect(reg.unitsValidAt('2026-12-01', { level: 'district' })).toEqual([]);
    expect(reg.areaAt('92', '2026-12-01')).toMatchObject({ areaKm2: 6360.83, population: 4199824 });
    const nk = reg.areaAt('31135', '2025-07-01')!;
    expect(nk).toMatchObject({ name: 'Ninh Kiều', nameEn: 'Ninh Kieu Ward', type: 'phường', areaKm2: 5.42, population: 119547 });
    expect(nk.centre).toMatchObject({ kind: 'representative-point', approximate: true });
  });

  it('the 30 June / 1 July 2025 boundary: 80 + 75 + 108 old communes in 28 districts, then 103', () => {
    expect(communes('2025-06-30', ['92'])).toHaveLength(80);
    expect(communes('2025-06-30', ['93'])).toHaveLength(75);
    expect(communes('2025-06-30', ['94'])).toHaveLength(108);
    expect(reg.unitsValidAt('2025-06-30', { level: 'district' })).toHaveLength(28);
    expect(reg.unitsValidAt('2025-06-30', { level: 'province' }).map((u) => u.code)).toEqual(['92', '93', '94']);
    expect(reg.unitsValidAt('2025-07-01', { level: 'commune' })).toHaveLength(103);
    expect(reg.areaAt('31135', '2025-06-30')?.name).toBe('Tân An');
    expect(reg.areaAt('31135', '2025-07-01')?.name).toBe('Ninh Kiều');
  });

  it('the 31 October / 1 November 2024 boundary (Resolution 1192): Ninh Kiều goes from 11 wards to 8', () => {
    expect(communes('2024-10-31', ['92'])).toHaveLength(83);
    expect(communes('2024-11-01', ['92'])).toHaveLength(80);
    expect(reg.childrenAt('916', '2024-10-31')).toHaveLength(11);
    expect(reg.childrenAt('916', '2024-11-01')).toHaveLength(8);
    expect(reg.areaAt('31141', '2024-10-31')?.name).toBe('An Phú');
    expect(reg.areaAt('31141', '2024-11-01')).toBeUndefined();
    expect(reg.areaAt('31123', '2024-10-31')).toMatchObject({ name: 'Thới Bình', areaKm2: 0.53 });
    expect(reg.areaAt('31123', '2024-11-01')).toMatchObject({ name: 'Thới Bình', areaKm2: 1.99, population: 56364 });
  });

  it('a commune’s ancestors: its district before 1 July 2025, the city after', () => {
    expect(reg.ancestorsAt('31144', '2025-06-30')).toEqual(['31144', '916', '92']);
    expect(reg.ancestorsAt('31135', '2025-07-01')).toEqual(['31135', '92']);
    expect(reg.ancestorsAt('31144', '2025-07-01')).toEqual([]);
  });

  it('successors of a merged unit, of a split unit, and followed to the data’s date', () => {
    expect(reg.successorsOf('31144')).toEqual(['31135']);
    expect(reg.successorsOf('31178')).toEqual(['31120', '31168']);
    expect(reg.successorsOf('31183')).toEqual(['31150', '31183']);
    expect(reg.successorsOf('916')).toEqual([]);
    expect(reg.checkCodeAt('31141', '2024-12-01')).toEqual({
      ok: false,
      reason: 'unit_not_valid_at',
      validFrom: '2021-01-01',
      validTo: '2024-11-01',
      successors: ['31123'],
    });
    expect(reg.checkCodeAt('31141', '2025-08-01')).toMatchObject({ ok: false, reason: 'unit_not_valid_at', successors: ['31135'] });
    expect(reg.checkCodeAt('31178', '2025-07-01')).toMatchObject({ ok: false, reason: 'unit_not_valid_at', successors: ['31120', '31168'] });
    expect(reg.checkCodeAt('31178', '2025-06-30')).toMatchObject({ ok: true, unit: { name: 'Bùi Hữu Nghĩa' } });
    expect(reg.checkCodeAt('31135', '2026-01-01')).toMatchObject({ ok: true, unit: { name: 'Ninh Kiều' } });
    expect(reg.checkCodeAt('99999', '2026-01-01')).toEqual({ ok: false, reason: 'unknown_area' });
  });

  it('every old unit in force on 30 June 2025 went somewhere on 1 July 2025', () => {
    for (const u of reg.unitsValidAt('2025-06-30', { level: 'commune' })) {
      expect(reg.successorsAt(u.code, '2025-07-01', '2025-06-30').length, u.code).toBeGreaterThan(0);
    }
  });

  it('cites a source for every unit, and every split weight is marked estimated with its basis', () => {
    const file = reg.file;
    const ids = new Set(file.sources.map((s) => s.id));
    for (const u of file.units) expect(u.sources?.every((s) => ids.has(s)) && (u.sources?.length ?? 0) > 0, u.code).toBe(true);
    const parts = reg.links.filter((l) => !l.whole);
    expect(parts.map((l) => `${l.fromCode}→${l.toCode}`).sort()).toEqual([
      '31178→31120',
      '31178→31168',
      '31183→31150',
      '31183→31183',
      '31207→31207',
      '31207→31228',
    ]);
    for (const l of parts) expect(l.estimated).toBe(true);
  });
});

describe('a contradictory registry is refused at start, with the reason', () => {
  const base = testRegistryFile();
  const withUnits = (f: (units: RegistryUnit[]) => RegistryUnit[]) => ({ ...base, units: f(structuredClone(base.units)) });
  const rules = (file: unknown) => {
    const r = loadAreaRegistry(file);
    return r.ok ? [] : r.problems.map((p) => `${p.rule}: ${p.message}`);
  };

  it('the test registry itself loads', () => {
    expect(rules(base)).toEqual([]);
  });

  it('a unit with two parents at one date', () => {
    const file = withUnits((us) => [...us, { ...us.find((u) => u.code === '31177')!, parent: '916', validFrom: '2024-01-01' }]);
    expect(rules(file)).toContain('two_parents: unit 31177 has two parents on 2024-01-01: 918 and 916');
  });

  it('two versions of one code that overlap', () => {
    const file = withUnits((us) => [...us, { ...us.find((u) => u.code === '31177')!, validFrom: '2024-01-01', areaKm2: 1 }]);
    expect(rules(file)).toContain('version_overlap: unit 31177: versions from 2021-01-01 and from 2024-01-01 overlap (both in force on 2024-01-01)');
  });

  it('weights that do not sum to 1 for an old unit', () => {
    const file = withUnits((us) => {
      for (const u of us) for (const p of u.predecessors ?? []) if (p.code === '31178') p.weights = { area: 0.5, population: 0.4 };
      return us;
    });
    expect(rules(file)).toContain('weights_sum: unit 31178@2021-01-01: population weights sum to 0.8, not 1 (31120: 0.4, 31168: 0.4)');
  });

  it('a parent that does not exist at the child’s dates', () => {
    const file = withUnits((us) => us.map((u) => (u.code === '918' ? { ...u, validFrom: '2023-01-01' } : u)));
    expect(rules(file)).toContain('parent_not_valid: unit 31168: parent 918 does not exist on 2021-01-01, while 31168 does');
  });

  it('a predecessor that did not exist the day before the successor’s validFrom', () => {
    const file = withUnits((us) => us.map((u) => (u.code === '31117' ? { ...u, validTo: '2025-05-01' } : u)));
    expect(rules(file)).toContain('predecessor_not_valid: unit 31120 (from 2025-07-01): predecessor 31117 did not exist on 2025-06-30');
  });

  it('a split whose figures contradict each other', () => {
    const file = withUnits((us) => us.map((u) => (u.code === '31168' && u.validTo === null ? { ...u, areaKm2: 10 } : u)));
    expect(rules(file)).toContain(
      'split_negative_part: unit 31178@2021-01-01: the area part that went to 31168 comes out as -1; the figures contradict each other',
    );
  });

  it('a crosswalk cycle (the date rules make one impossible in a file; the guard finds one in links)', () => {
    const link = (from: string, to: string) => ({
      from,
      to,
      fromCode: from,
      toCode: to,
      whole: true,
      weights: { area: 1, population: 1 },
      estimated: false,
      basis: '',
    });
    expect(findCycle([link('a@1', 'b@2'), link('b@2', 'c@3'), link('c@3', 'a@1')])).toEqual(['a@1', 'b@2', 'c@3', 'a@1']);
    expect(findCycle([link('a@1', 'b@2'), link('b@2', 'c@3')])).toBeNull();
  });

  it('a file that is not a registry', () => {
    expect(rules({ format: 'cityioc-area-registry/1', units: [] })[0]).toMatch(/^schema: /);
  });
});

describe('registryAreasAt: the registry as catalogue areas', () => {
  const reg = load(defaultFile);
  it('today: the city and 103 communes, valid catalogue areas with their centres, English names and figures', () => {
    const areas = registryAreasAt(reg, '2026-12-01');
    expect(areas).toHaveLength(104);
    for (const a of areas) expect(Value.Check(AreaSchema, a), a.code).toBe(true);
    expect(areas.find((a) => a.code === '31135')).toEqual({
      code: '31135',
      name: 'Ninh Kiều',
      kind: 'phường',
      level: 'commune',
      parent: '92',
      validFrom: '2025-07-01',
      validTo: null,
      centroid: [105.777, 10.034],
      areaKm2: 5.42,
      nameEn: 'Ninh Kieu Ward',
      population: 119547,
      centroidKind: 'representative-point',
      source: 'nq-1668-2025, qd-19-2025-ttg, bando-sapnhap-2025',
    });
    expect(areas.find((a) => a.code === '92')).toMatchObject({ areaKm2: 6360.83, population: 4199824, centroid: [105.76, 9.741], centroidKind: 'centroid' });
  });

  it('before 1 July 2025: communes without a centre take their district’s, marked as such', () => {
    const areas = registryAreasAt(reg, '2025-06-30');
    expect(areas.filter((a) => a.level === 'commune')).toHaveLength(263);
    expect(areas.find((a) => a.code === '916')).toMatchObject({ centroid: [105.765, 10.031], centroidKind: 'centroid' });
    expect(areas.find((a) => a.code === '31144')).toMatchObject({ centroid: [105.765, 10.031], centroidKind: 'parent' });
  });
});
