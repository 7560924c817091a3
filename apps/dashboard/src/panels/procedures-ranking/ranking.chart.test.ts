import type { BarSeriesOption } from 'echarts/charts';
import { fontSizesOf } from '../../test/font-sizes.ts';
import { describe, expect, it } from 'vitest';
import { onTimeColor } from '../../theme/theme.ts';
import {
  buildRankingOption,
  categoryLabel,
  rankingSummary,
  rankingTooltipHtml,
  trimRanking,
  type RankingBar,
  type RankingChartInput,
} from './ranking.chart.ts';

const bar = (i: number, value: number | null = 1 - i / 100): RankingBar => ({
  key: `k${i}`,
  name: `Đơn vị ${i}`,
  rank: value === null ? null : i,
  value,
  volume: value === null ? null : 100,
  valueText: value === null ? 'N/A' : `${(value * 100).toFixed(1)} %`,
  pairText: '90 / 100',
});
const labels = { rank: 'Hạng', value: 'Tỷ lệ', pair: 'Hồ sơ', gap: '… {{count}} đơn vị khác', code: 'Mã' };
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
  it('draws one horizontal bar per unit, best on top, on an axis scaled to the data', () => {
    const o = buildRankingOption(input([bar(1, 0.97), bar(2, 0.8), bar(3, null)]));
    const y = o.yAxis as { type: string; inverse: boolean; data: string[] };
    expect(y).toMatchObject({ type: 'category', inverse: true, data: ['1. Đơn vị 1', '2. Đơn vị 2', 'Đơn vị 3'] });
    // lowest 0.8 → 2 points of room → 0.78 → step 5 % → 75 %: the axis breaks from 0 to 75 %.
    expect(o.xAxis).toMatchObject({ type: 'value', min: 0, max: 1, interval: 0.05, breaks: [{ start: 0, end: 0.75, gap: '4%' }] });
    const series = (o.series as BarSeriesOption[])[0]!;
    const data = series.data as { value: number | string; itemStyle: { color: string } }[];
    expect(data.map((d) => d.value)).toEqual([0.97, 0.8, '-']);
    expect(data.map((d) => d.itemStyle.color)).toEqual([onTimeColor(0.97), onTimeColor(0.8), 'transparent']);
    const fmt = (series.label as { formatter: (p: { dataIndex: number }) => string }).formatter;
    expect([0, 1, 2].map((i) => fmt({ dataIndex: i }))).toEqual(['97.0 %', '80.0 %', 'N/A']);
  });

  it('shows 90.9 % and 100 % apart: the break starts below the lowest shown bar, hidden rows included', () => {
    const bars = Array.from({ length: 30 }, (_, i) => bar(i + 1, i === 29 ? 0.909 : 1));
    const o = buildRankingOption(input(bars, 12));
    expect(o.xAxis).toMatchObject({ interval: 0.02, breaks: [{ start: 0, end: 0.88 }] });
  });

  it('draws the whole axis without a break when rates are low', () => {
    const o = buildRankingOption(input([bar(1, 0.6), bar(2, 0.1)]));
    expect(o.xAxis).toMatchObject({ min: 0, max: 1, interval: 0.2, breaks: [] });
  });

  it('labels rows with names shortened at a word boundary', () => {
    const long = { ...bar(1), name: 'Ủy ban nhân dân phường Ninh Kiều' };
    const longer = { ...bar(2), name: 'Ban Quản lý các khu chế xuất và công nghiệp' };
    const y = buildRankingOption(input([long, longer])).yAxis as { data: string[]; axisLabel: { overflow: string } };
    expect(y.data).toEqual(['1. UBND phường Ninh Kiều', '2. Ban Quản lý các khu chế…']);
    expect(y.axisLabel.overflow).toBe('break');
  });

  it('writes no canvas text under the wall minimum of 18 px at 1080p, and scales it for 4K', () => {
    const sizes = fontSizesOf(buildRankingOption(input([bar(1, 0.97), bar(2, 0.8)])));
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
    const o = buildRankingOption({ ...input([bar(1)]), scale: 2 });
    expect((o.yAxis as { axisLabel: { fontSize: number } }).axisLabel.fontSize).toBe(36);
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

  it('gives the full name and the code as secondary text, escaped', () => {
    const agency: RankingBar = { ...bar(1), key: '000.135.00.H13', name: 'Ủy ban nhân dân phường Ninh Kiều & <Cái Khế>' };
    const html = rankingTooltipHtml({ type: 'bar', bar: agency }, { labels, lang: 'vi' });
    expect(html).toContain('Ủy ban nhân dân phường Ninh Kiều &amp; &lt;Cái Khế&gt;</div>');
    expect(html).toContain('Mã: <b>000.135.00.H13</b>');
    // A unit shown by its code (the catalogue does not know it) does not repeat it.
    expect(rankingTooltipHtml({ type: 'bar', bar: { ...bar(1), key: 'x', name: 'x' } }, { labels, lang: 'vi' })).not.toContain('Mã:');
  });

  it('goes through the option formatter by data index', () => {
    const o = buildRankingOption(input([bar(1, 0.9)]));
    const f = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(f({ dataIndex: 0 })).toContain('Đơn vị 1');
    expect(f({ dataIndex: 5 })).toBe('');
  });
});

describe('ranking as text', () => {
  it('reads every row in the order drawn, full names, the gap counted', () => {
    const bars = [{ ...bar(1, 1), name: 'Ủy ban nhân dân phường Ninh Kiều', pairText: '102 / 102', valueText: '100,0 %' }, bar(2, 0.9), bar(3, 0.8)];
    expect(rankingSummary(trimRanking(bars, 2), labels.gap, 'vi')).toBe(
      '1. Ủy ban nhân dân phường Ninh Kiều: 100,0 % (102 / 102); … 1 đơn vị khác; 3. Đơn vị 3: 80.0 % (90 / 100)',
    );
    expect(rankingSummary(trimRanking(bars.slice(1), 12), labels.gap, 'vi')).toBe('2. Đơn vị 2: 90.0 % (90 / 100); 3. Đơn vị 3: 80.0 % (90 / 100)');
  });
});
