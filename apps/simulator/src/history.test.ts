import { describe, expect, it } from 'vitest';
import { reaggregateToDate } from '@cityioc/domain';
import { DEMO_REGISTRY, layerStart, unitsAt } from './geography.ts';
import { citizenReportHistory, CITIZEN_REPORTS, REPORTS_PER_MONTH, unitsOnDate } from './history.ts';

const registry = DEMO_REGISTRY;
const TODAY = layerStart(registry, '9999-12-31');
const history = citizenReportHistory({ registry, from: '2024-01', to: '2026-11', seed: 92 });
const month = (o: { observedAt: string }) => o.observedAt.slice(0, 7);
const dateOf = (o: { observedAt: string }) => o.observedAt.slice(0, 10);

describe('history back-fill: citizen reports on the units of their date', () => {
  it('puts every figure on a code in force on its date: the IOC refuses nothing', () => {
    const bad = history.filter((o) => !registry.checkCodeAt(o.area, dateOf(o)).ok);
    expect(bad.slice(0, 3)).toEqual([]);
    expect(history.every((o) => o.indicator === CITIZEN_REPORTS && Number.isInteger(o.value) && o.value! >= 0)).toBe(true);
  });

  it('is on old districts and communes before today’s units, on today’s communes after', () => {
    const before = history.filter((o) => dateOf(o) < TODAY);
    const after = history.filter((o) => dateOf(o) >= TODAY);
    const level = (o: { area: string; observedAt: string }) => registry.areaAt(o.area, dateOf(o))!.level;
    expect(new Set(before.map(level))).toEqual(new Set(['district', 'commune']));
    const today = new Set(unitsAt(registry, TODAY, 'commune').map((u) => u.code));
    expect(after.every((o) => today.has(o.area))).toBe(true);
    expect(new Set(after.filter((o) => month(o) === '2026-11').map((o) => o.area)).size).toBe(today.size);
    // the old units are Cần Thơ's, Hậu Giang's and Sóc Trăng's: all the new city's territory
    const provinces = new Set(before.map((o) => registry.ancestorsAt(o.area, dateOf(o)).at(-1)));
    expect([...provinces].sort()).toEqual(['92', '93', '94']);
  });

  it('re-aggregated onto today’s units through the crosswalk, runs on without a break at the reorganisation', () => {
    const points = (m: string) => history.filter((o) => month(o) === m).map((o) => ({ period: m, date: dateOf(o), area: o.area, count: o.value! }));
    const june = reaggregateToDate(registry, points('2025-06'), TODAY);
    const july = reaggregateToDate(registry, points('2025-07'), TODAY);
    expect(june.unmapped).toEqual([]);
    const total = (r: typeof june) => r.points.reduce((s, p) => s + p.count!, 0);
    expect(total(june) / total(july)).toBeGreaterThan(0.9);
    expect(total(june) / total(july)).toBeLessThan(1.1);
    // unit by unit too, within the month-to-month noise (and the estimated shares of split units)
    const julyBy = new Map(july.points.map((p) => [p.area, p.count!]));
    const ratios = june.points.map((p) => p.count! / julyBy.get(p.area)!).sort((a, b) => a - b);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeGreaterThan(0.85);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeLessThan(1.15);
    expect(june.points.some((p) => p.estimated)).toBe(true);
    expect(june.points).toHaveLength(julyBy.size);
  });

  it('keeps the volume believable and deterministic, with ids a restart re-sends as duplicates', () => {
    const perMonth = new Map<string, number>();
    for (const o of history) perMonth.set(month(o), (perMonth.get(month(o)) ?? 0) + o.value!);
    for (const v of perMonth.values()) {
      expect(v).toBeGreaterThan(REPORTS_PER_MONTH * 0.7);
      expect(v).toBeLessThan(REPORTS_PER_MONTH * 1.3);
    }
    expect(perMonth.size).toBe(35);
    expect(history.length).toBeLessThan(12_000);
    expect(new Set(history.map((o) => o.id)).size).toBe(history.length);
    expect(citizenReportHistory({ registry, from: '2024-01', to: '2026-11', seed: 92 })).toEqual(history);
  });

  it('follows a ward back through the 2024 merge of Ninh Kiều’s wards', () => {
    const ninhKieu = unitsAt(registry, TODAY, 'commune').find((u) => u.name === 'Ninh Kiều')!;
    const june2025 = unitsOnDate(registry, ninhKieu.code, TODAY, '2025-06-30');
    const june2024 = unitsOnDate(registry, ninhKieu.code, TODAY, '2024-06-30');
    const sum = (m: Map<string, number>) => [...m.values()].reduce((s, x) => s + x, 0);
    expect(sum(june2025)).toBeCloseTo(1, 9);
    expect(sum(june2024)).toBeCloseTo(1, 9);
    expect(june2024.size).toBeGreaterThanOrEqual(june2025.size);
    for (const code of june2024.keys()) expect(registry.checkCodeAt(code, '2024-06-30').ok).toBe(true);
  });
});
