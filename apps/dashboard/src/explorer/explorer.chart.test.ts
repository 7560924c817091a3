import { describe, expect, it } from 'vitest';
import type { AnalystSeriesResponse } from '@cityioc/contracts';
import { buildTrendOption, hasEstimated, unitRows } from './explorer.chart.ts';

const res = (patch: Partial<AnalystSeriesResponse> = {}): AnalystSeriesResponse => ({
  indicator: 'e_document_rate',
  aggregation: 'ratio',
  unit: '%',
  period: 'quarter',
  from: '2026-Q3',
  to: '2026-Q4',
  source: 'rollups',
  view: 'today',
  series: [
    {
      area: '916',
      name: 'Ninh Kiều <img src=x onerror=alert(1)>',
      points: [
        { period: '2026-Q3', value: 0.5, count: 2, numerator: 1, denominator: 2 },
        { period: '2026-Q4', value: 0.925, count: 4, numerator: 37, denominator: 40 },
      ],
    },
    {
      area: '919',
      name: 'Cái Răng',
      points: [
        { period: '2026-Q3', value: null, count: 0 },
        { period: '2026-Q4', value: 0.8, count: 1 },
      ],
    },
  ],
  compare: null,
  asOf: 0,
  ...patch,
});

describe('explorer trend chart', () => {
  it('draws one line per unit in percent, period labels in Vietnamese', () => {
    const o = buildTrendOption({ response: res(), lang: 'vi', decimals: 1, previousSuffix: ' (kỳ trước)' }) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[] }[];
    };
    expect(o.xAxis.data).toEqual(['Quý III/2026', 'Quý IV/2026']);
    expect(o.series.map((s) => s.data)).toEqual([
      [50, 92.5],
      [null, 80],
    ]);
  });

  it('adds the previous range as dashed lines and escapes every text in tooltips', () => {
    const compare = { from: '2026-Q1', to: '2026-Q2', series: res().series };
    const o = buildTrendOption({ response: res({ compare }), lang: 'vi', decimals: 1, previousSuffix: ' (kỳ trước)' }) as {
      series: { name: string; lineStyle: { type?: string } }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(o.series).toHaveLength(4);
    expect(o.series[2]!.lineStyle.type).toBe('dashed');
    const html = o.tooltip.formatter([{ seriesName: res().series[0]!.name, value: 92.5, axisValueLabel: 'Quý <IV>' }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
    expect(html).toContain('92,5 %');
    expect(html).toContain('Quý &lt;IV&gt;');
  });
});

describe('units side by side', () => {
  it('sets the last period against the one before, in vi-VN numbers and percentage points', () => {
    const rows = unitRows(res(), 1, 'vi');
    expect(rows[0]).toMatchObject({ period: '2026-Q4', valueText: '92,5 %', previousPeriod: '2026-Q3', previousText: '50,0 %', changeText: '+42,5 điểm %' });
    expect(rows[1]).toMatchObject({ valueText: '80,0 %', previousText: '—', changeText: '—' });
  });

  it('uses the comparison range when the range is one period long', () => {
    const one = res({
      from: '2026-Q4',
      series: [{ area: '916', name: 'Ninh Kiều', points: [{ period: '2026-Q4', value: 0.9, count: 1 }] }],
      compare: { from: '2026-Q3', to: '2026-Q3', series: [{ area: '916', name: 'Ninh Kiều', points: [{ period: '2026-Q3', value: 0.95, count: 1 }] }] },
    });
    expect(unitRows(one, 1, 'en')[0]).toMatchObject({ previousPeriod: '2026-Q3', valueText: '90.0 %', changeText: '\u22125.0 pp' });
  });
});

describe('estimated figures (history on today’s units through the crosswalk)', () => {
  const est = res({
    series: [
      {
        area: '31120',
        name: 'Phường Cái Khế',
        points: [
          { period: '2025-Q2', value: 0.9, count: 10, ...{ estimated: true } },
          { period: '2025-Q3', value: 0.95, count: 12 },
        ],
      },
    ],
  });

  it('marks an estimated point with a hollow diamond and says so in the tooltip', () => {
    const o = buildTrendOption({ response: est, lang: 'vi', decimals: 1, previousSuffix: '', estimatedSuffix: ' (ước tính)' }) as {
      series: { data: unknown[] }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(o.series[0]!.data).toEqual([{ value: 90, symbol: 'emptyDiamond', symbolSize: 11, estimated: true }, 95]);
    const html = o.tooltip.formatter([{ seriesName: 'Phường Cái Khế', value: 90, data: o.series[0]!.data[0], axisValueLabel: 'Quý II/2025' }]);
    expect(html).toContain('90,0 %</b> (ước tính)');
    expect(o.tooltip.formatter([{ seriesName: 'x', value: 95, data: 95 }])).not.toContain('ước tính');
  });

  it('carries the mark to the table rows, for the value and the previous one', () => {
    expect(hasEstimated(est)).toBe(true);
    expect(hasEstimated(res())).toBe(false);
    expect(unitRows(est, 1, 'vi')[0]).toMatchObject({ estimated: false, previousEstimated: true });
  });
});
