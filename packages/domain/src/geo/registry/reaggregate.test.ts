import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAreaRegistry, type AreaRegistry } from './area-registry.ts';
import { sharesAt } from './crosswalk.ts';
import { asItWas, reaggregateToDate, type HistoryPoint } from './reaggregate.ts';
import { testRegistryFile } from './test-registry.ts';

function load(file: unknown): AreaRegistry {
  const r = loadAreaRegistry(file);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.registry;
}
const canTho = load(JSON.parse(readFileSync(new URL('./can-tho.registry.json', import.meta.url), 'utf8')));
const test = load(testRegistryFile());

describe('merge: Tân An, Thới Bình and Xuân Khánh → phường Ninh Kiều (31135)', () => {
  const may: HistoryPoint[] = [
    { period: '2025-05', date: '2025-05-01', area: '31135', count: 10, num: 8, den: 10 },
    { period: '2025-05', date: '2025-05-01', area: '31123', count: 20, num: 15, den: 20 },
    { period: '2025-05', date: '2025-05-01', area: '31144', count: 30, num: 21, den: 30 },
  ];

  it('weights are whole: each old ward goes entirely into Ninh Kiều', () => {
    for (const code of ['31135', '31123', '31144']) {
      expect(sharesAt(canTho, code, '2025-05-01', '2025-07-01')).toEqual([{ code: '31135', weights: { area: 1, population: 1 }, estimated: false }]);
    }
  });

  it('counts add up (10 + 20 + 30 = 60), the ratio is Σnum/Σden = 44/60, not the mean of 80 %, 75 %, 70 %', () => {
    const { points, unmapped } = reaggregateToDate(canTho, may, '2025-07-01');
    expect(unmapped).toEqual([]);
    expect(points).toEqual([{ period: '2025-05', area: '31135', count: 60, num: 44, den: 60, ratio: 44 / 60, estimated: false }]);
  });

  it('"as it was" keeps the three wards apart, on the codes they were reported on', () => {
    expect(asItWas(may).map((p) => [p.area, p.count, p.ratio])).toEqual([
      ['31123', 20, 0.75],
      ['31135', 10, 0.8],
      ['31144', 30, 0.7],
    ]);
  });

  it('An Phú (merged into Thới Bình on 1 November 2024) follows both steps to Ninh Kiều', () => {
    expect(sharesAt(canTho, '31141', '2024-06-01', '2025-07-01')).toEqual([{ code: '31135', weights: { area: 1, population: 1 }, estimated: false }]);
    expect(sharesAt(canTho, '31141', '2024-06-01', '2024-11-01')).toEqual([{ code: '31123', weights: { area: 1, population: 1 }, estimated: false }]);
  });
});

describe('split: phường Bùi Hữu Nghĩa between Cái Khế and Bình Thủy (test registry, illustrative old-ward figures)', () => {
  // Part → Cái Khế   = 10.04 − (3.00 + 5.21) = 1.83 km²;  57,688 − (30,000 + 27,358) = 330 people
  // Part → Bình Thủy = 15.17 − (4.00 + 7.00) = 4.17 km²;  62,483 − (25,000 + 17,483) = 20,000 people
  const areaCK = 1.83 / 6;
  const popCK = 330 / 20330;

  it('derives the weights as the new unit’s total minus its whole predecessors, marked estimated', () => {
    const shares = sharesAt(test, '31178', '2025-06-01', '2025-07-01');
    expect(shares.map((s) => s.code)).toEqual(['31120', '31168']);
    expect(shares[0]!.weights.area).toBeCloseTo(areaCK, 12);
    expect(shares[1]!.weights.area).toBeCloseTo(4.17 / 6, 12);
    expect(shares[0]!.weights.population).toBeCloseTo(popCK, 12);
    expect(shares[1]!.weights.population).toBeCloseTo(20000 / 20330, 12);
    expect(shares.every((s) => s.estimated)).toBe(true);
  });

  it('splits counts by the population weight and re-forms ratios as Σnum/Σden; only figures resting on the split are estimated', () => {
    const june: HistoryPoint[] = [
      { period: '2025-06', date: '2025-06-01', area: '31178', count: 1000, num: 600, den: 1000 },
      { period: '2025-06', date: '2025-06-01', area: '31177', count: 200, num: 100, den: 200 },
      { period: '2025-06', date: '2025-06-01', area: '31120', count: 50, num: 40, den: 50 },
    ];
    const { points } = reaggregateToDate(test, june, '2025-07-01');
    const ck = points.find((p) => p.area === '31120')!;
    const bt = points.find((p) => p.area === '31168')!;
    // Cái Khế: 1000 × 330/20330 = 16.2321… + 50 (An Hòa, whole); num 600 × 330/20330 = 9.7393… + 40
    expect(ck.count).toBeCloseTo(1000 * popCK + 50, 9);
    expect(ck.num).toBeCloseTo(600 * popCK + 40, 9);
    expect(ck.ratio).toBeCloseTo((600 * popCK + 40) / (1000 * popCK + 50), 12);
    // Bình Thủy: 1000 × 20000/20330 = 983.7678… + 200 (An Thới, whole)
    expect(bt.count).toBeCloseTo(1000 * (20000 / 20330) + 200, 9);
    expect(bt.ratio).toBeCloseTo((600 * (20000 / 20330) + 100) / (1000 * (20000 / 20330) + 200), 12);
    expect(ck.estimated).toBe(true);
    expect(bt.estimated).toBe(true);
    const whole = reaggregateToDate(test, [june[1]!], '2025-07-01').points[0]!;
    expect(whole).toEqual({ period: '2025-06', area: '31168', count: 200, num: 100, den: 200, ratio: 0.5, estimated: false });
  });

  it('area weights are available for area-like figures', () => {
    const { points } = reaggregateToDate(test, [{ period: 'p', date: '2025-06-01', area: '31178', count: 6 }], '2025-07-01', 'area');
    expect(points.map((p) => p.area)).toEqual(['31120', '31168']);
    expect(points[0]!.count).toBeCloseTo(1.83, 12);
    expect(points[1]!.count).toBeCloseTo(4.17, 12);
  });
});

describe('a series that crosses 1 July 2025 is continuous in today’s units', () => {
  const months = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09'];
  const points: HistoryPoint[] = months.flatMap((m, i): HistoryPoint[] =>
    m < '2025-07'
      ? [
          { period: m, date: `${m}-01`, area: '31135', count: 10 + i },
          { period: m, date: `${m}-01`, area: '31123', count: 20 },
          { period: m, date: `${m}-01`, area: '31144', count: 30 },
          { period: m, date: `${m}-01`, area: '31178', count: 8 },
        ]
      : [
          { period: m, date: `${m}-01`, area: '31135', count: 60 + i },
          { period: m, date: `${m}-01`, area: '31120', count: 5 },
        ],
  );

  it('Ninh Kiều has a figure every month, old codes before and today’s code after', () => {
    const { points: out, unmapped } = reaggregateToDate(canTho, points, '2026-12-01');
    expect(unmapped).toEqual([]);
    const series = (area: string) => out.filter((p) => p.area === area).map((p) => [p.period, p.count, p.estimated]);
    // Before July the three old wards' figures add up (10 + i, 20, 30) to what today's code reports after it (60 + i).
    expect(series('31135')).toEqual(months.map((m, i) => [m, 60 + i, false]));
    // Bùi Hữu Nghĩa's figures before July reach Cái Khế through the (placeholder) split and are marked estimated.
    expect(series('31120')).toEqual(months.map((m) => (m < '2025-07' ? [m, 4, true] : [m, 5, false])));
  });

  it('"as it was" leaves the July break visible', () => {
    const byArea = new Set(
      asItWas(points)
        .filter((p) => p.period === '2025-06')
        .map((p) => p.area),
    );
    expect(byArea).toEqual(new Set(['31123', '31135', '31144', '31178']));
  });
});

describe('districts map to today’s units through their communes', () => {
  it('Ninh Kiều district (916) spreads over the four units its wards went into; weights sum to 1 and are estimated', () => {
    const shares = sharesAt(canTho, '916', '2025-06-01', '2025-07-01');
    expect(shares.map((s) => s.code)).toEqual(['31120', '31135', '31147', '31150']);
    for (const kind of ['area', 'population'] as const) expect(shares.reduce((s, x) => s + x.weights[kind], 0)).toBeCloseTo(1, 12);
    expect(shares.every((s) => s.estimated)).toBe(true);
  });

  it('with the communes’ own figures, a district splits exactly in proportion to them (test registry)', () => {
    // Bình Thủy district: Bình Thủy 7.00 + An Thới 4.00 + Bùi Hữu Nghĩa 6.00 = 17 km²;
    // to Cái Khế only the 1.83 km² part of Bùi Hữu Nghĩa; the rest, 15.17 km², to Bình Thủy.
    const shares = sharesAt(test, '918', '2025-06-01', '2025-07-01');
    expect(shares.map((s) => s.code)).toEqual(['31120', '31168']);
    expect(shares[0]!.weights.area).toBeCloseTo(1.83 / 17, 12);
    expect(shares[1]!.weights.area).toBeCloseTo(15.17 / 17, 12);
    expect(shares[0]!.weights.population).toBeCloseTo(330 / 62813, 12);
  });

  it('the old province 92 continues as today’s city 92 (a province-level series stays whole)', () => {
    expect(sharesAt(canTho, '92', '2024-01-01', '2025-07-01')).toEqual([{ code: '92', weights: { area: 1, population: 1 }, estimated: false }]);
  });

  it('no mapping backwards: a unit that starts after the target date maps to nothing', () => {
    expect(sharesAt(canTho, '31135', '2025-08-01', '2025-06-01')).toEqual([]);
    expect(reaggregateToDate(canTho, [{ period: 'x', date: '2025-08-01', area: '31135', count: 1 }], '2025-06-01').unmapped).toHaveLength(1);
  });
});
