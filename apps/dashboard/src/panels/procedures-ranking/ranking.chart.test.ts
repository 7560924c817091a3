import type { BarSeriesOption } from 'echarts/charts';
import { describe, expect, it } from 'vitest';
import { onTimeColor } from '../../theme/theme.ts';
import { buildRankingOption, categoryLabel, rankingTooltipHtml, trimRanking, type RankingBar, type RankingChartInput } from './ranking.chart.ts';

const bar = (i: number, value: number | null = 1 - i / 100): RankingBar => ({
  key: `k${i}`,
  name: `Đơn vị ${i}`,
  rank: value === null ? null : i,
  value,
  valueText: value === null ? 'N/A' : `${(value * 100).toFixed(1)} %`,
  pairText: '90 / 100',
});
const labels = { rank: 'Hạng', value: 'Tỷ lệ', pair: 'Hồ sơ', gap: '… {{count}} đơn vị khác' };
const input = (bars: RankingBar[], max = 12): RankingChartInput => ({ slots: trimRanking(bars, max), lang: 'vi', scale: 1, labels });

describe('trimming a long ranking', () => {
  it('keeps a list that fits', () => {
    expect(trimRanking([bar(1), bar(2)], 12).map((s) => s.type)).toEqual(['bar', 'bar']);
  });

  it('keeps both ends with a gap that counts what is left out', () => {
    const bars = Array.from({ length: 30 }, (_, i) => bar(i + 1));
    const slots = trimRanking(bars, 12);
    expect(slots).toHaveLength(12);
    expect(slots[6]).toEqual({ type: 'gap', hidden: 19 });
    expect(slots[0]).toMatchObject({ type: 'bar', bar: { key: 'k1' } });
    expect(slots[11]).toMatchObject({ type: 'bar', bar: { key: 'k30' } });
  });
});

describe('ranking chart option', () => {
  it('draws one horizontal bar per unit, best on top, 0–100 %', () => {
    const o = buildRankingOption(input([bar(1, 0.97), bar(2, 0.8), bar(3, null)]));
    const y = o.yAxis as { type: string; inverse: boolean; data: string[] };
    expect(y).toMatchObject({ type: 'category', inverse: true, data: ['1. Đơn vị 1', '2. Đơn vị 2', 'Đơn vị 3'] });
    expect(o.xAxis).toMatchObject({ type: 'value', min: 0, max: 1 });
    const series = (o.series as BarSeriesOption[])[0]!;
    const data = series.data as { value: number | string; itemStyle: { color: string } }[];
    expect(data.map((d) => d.value)).toEqual([0.97, 0.8, '-']);
    expect(data.map((d) => d.itemStyle.color)).toEqual([onTimeColor(0.97), onTimeColor(0.8), 'transparent']);
    const fmt = (series.label as { formatter: (p: { dataIndex: number }) => string }).formatter;
    expect([0, 1, 2].map((i) => fmt({ dataIndex: i }))).toEqual(['97.0 %', '80.0 %', 'N/A']);
  });

  it('scales canvas text for 4K', () => {
    const o = buildRankingOption({ ...input([bar(1)]), scale: 2 });
    expect((o.yAxis as { axisLabel: { fontSize: number } }).axisLabel.fontSize).toBe(28);
  });

  it('labels a gap row with the number of hidden units', () => {
    expect(categoryLabel({ type: 'gap', hidden: 1234 }, labels.gap, 'vi')).toBe('… 1.234 đơn vị khác');
  });
});

describe('ranking tooltip', () => {
  it('escapes every string that comes from data', () => {
    const evil: RankingBar = { ...bar(1), name: '<img src=x onerror=alert(1)>', valueText: '"90 %"', pairText: '<b>1</b>' };
    const html = rankingTooltipHtml({ type: 'bar', bar: evil }, { labels, lang: 'vi' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;90 %&quot;');
    expect(html).toContain('&lt;b&gt;1&lt;/b&gt;');
  });

  it('shows rank, value and the counts behind it', () => {
    const html = rankingTooltipHtml({ type: 'bar', bar: bar(2, 0.9) }, { labels, lang: 'vi' });
    expect(html).toContain('Hạng: <b>2</b>');
    expect(html).toContain('Tỷ lệ: <b>90.0 %</b>');
    expect(html).toContain('Hồ sơ: <b>90 / 100</b>');
  });

  it('goes through the option formatter by data index', () => {
    const o = buildRankingOption(input([bar(1, 0.9)]));
    const f = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(f({ dataIndex: 0 })).toContain('Đơn vị 1');
    expect(f({ dataIndex: 5 })).toBe('');
  });
});
