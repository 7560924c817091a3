import { describe, expect, it } from 'vitest';
import type { IndicatorHistoryResponse } from '@cityioc/contracts';
import { reportingHistoryOption, reportingSeries, seriesText, statusCountsOption, STATUS_ORDER } from './reporting-chart.ts';

const history: IndicatorHistoryResponse = {
  indicator: 'online_rate',
  periods: ['2026-Q1', '2026-Q2', '2026-Q3'],
  units: [
    { unit: 'SYT', unitName: 'Sở Y tế' },
    { unit: 'SNV', unitName: 'Sở Nội vụ' },
  ],
  points: [
    { period: '2026-Q1', unit: 'SYT', value: 50, numerator: 10, denominator: 20, provenance: null },
    { period: '2026-Q1', unit: 'SNV', value: 90, numerator: 90, denominator: 100, provenance: null },
    { period: '2026-Q2', unit: 'SYT', value: 60, numerator: 30, denominator: 50, provenance: null },
    { period: '2026-Q3', unit: 'SNV', value: null, numerator: null, denominator: null, provenance: null },
  ],
};
const ratio = {
  id: 'online_rate',
  aggregation: 'ratio' as const,
  decimals: 1,
  unit: '%',
  targets: [
    { value: 80, source: 'KH 2026' },
    { value: 70, unit: 'SYT', source: 'KH 2026' },
  ],
};

describe('reporting history chart', () => {
  it('aggregates every unit per period as Σnumerator/Σdenominator, never an average of percentages', () => {
    const s = reportingSeries(history, ratio, null);
    expect(s.periods).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    // (10 + 90) / (20 + 100) = 83.33 %, not (50 + 90) / 2 = 70 %
    expect(s.values[0]).toBeCloseTo(83.333, 3);
    expect(s.values.slice(1)).toEqual([60, null]);
    expect(s.target).toBe(80);
  });

  it('leaves a period blank where a ratio of several units came without its parts, and takes the value of a lone unit', () => {
    const noParts: IndicatorHistoryResponse = {
      ...history,
      points: history.points.map((p) => ({ ...p, numerator: null, denominator: null })),
    };
    expect(reportingSeries(noParts, ratio, null).values).toEqual([null, 60, null]);
  });

  it("draws one unit's values against its own target", () => {
    const s = reportingSeries(history, ratio, 'SYT');
    expect(s).toEqual({ periods: ['2026-Q1', '2026-Q2', '2026-Q3'], values: [50, 60, null], target: 70 });
    expect(reportingSeries(history, { ...ratio, targets: [] }, 'SYT').target).toBeNull();
  });

  it('builds the line with the target as a dashed mark line, labels in vi-VN', () => {
    const s = reportingSeries(history, ratio, 'SYT');
    const o = reportingHistoryOption({ series: s, name: 'Sở Y tế', targetLabel: 'Chỉ tiêu', unit: '%', decimals: 1, lang: 'vi' }) as {
      xAxis: { data: string[] };
      series: { name: string; data: unknown[]; markLine?: { data: { yAxis: number }[]; label: { formatter: string } } }[];
    };
    expect(o.xAxis.data).toEqual(['Quý I/2026', 'Quý II/2026', 'Quý III/2026']);
    expect(o.series[0]).toMatchObject({ name: 'Sở Y tế', data: [50, 60, null] });
    expect(o.series[0]!.markLine!.data).toEqual([{ yAxis: 70 }]);
    expect(o.series[0]!.markLine!.label.formatter).toBe('Chỉ tiêu: 70,0 %');
    const none = reportingHistoryOption({ series: { ...s, target: null }, name: 'x', targetLabel: 'Chỉ tiêu', unit: '%', decimals: 1, lang: 'vi' }) as {
      series: { markLine?: unknown }[];
    };
    expect(none.series[0]!.markLine).toBeUndefined();
    expect(seriesText(s, '%', 1, 'vi')).toBe('Quý I/2026: 50,0 %; Quý II/2026: 60,0 %; Quý III/2026: —');
  });

  it('lists every submission status in order with its count', () => {
    const counts = { not_due: 0, due: 3, submitted_on_time: 20, submitted_late: 2, overdue: 1, returned: 0, accepted: 4 };
    const o = statusCountsOption(counts, (s) => `label:${s}`, 'vi') as { yAxis: { data: string[] }; series: { data: { value: number }[] }[] };
    expect(o.yAxis.data).toEqual(STATUS_ORDER.map((s) => `label:${s}`));
    expect(o.series[0]!.data.map((d) => d.value)).toEqual([0, 3, 20, 2, 1, 0, 4]);
  });
});
