import { CAN_THO_FLOOD_BANDS, floodBands } from '@cityioc/domain';
import type { LineSeriesOption } from 'echarts/charts';
import { describe, expect, it } from 'vitest';
import { NOW } from '../../test/fixtures.ts';
import { fontSizesOf } from '../../test/font-sizes.ts';
import { STATION_PALETTE } from '../../theme/theme.ts';
import { SeriesBuffer } from './water-level.buffer.ts';
import { alertThresholds, buildWaterLevelOption, tooltipHtml, yRange, type WaterChartInput } from './water-level.chart.ts';

const H = 3600_000;
const input: WaterChartInput = {
  series: [
    {
      stationId: 'wl-o-mon',
      name: 'Trạm Ô Môn',
      points: [
        [NOW - 2 * H, 120],
        [NOW - H, 140],
      ],
    },
    {
      stationId: 'wl-can-tho',
      name: 'Trạm thủy văn Cần Thơ',
      points: [
        [NOW - 2 * H, 150],
        [NOW - H, 176],
        [NOW, 183],
      ],
    },
  ],
  reference: { stationId: 'wl-can-tho', bands: CAN_THO_FLOOD_BANDS },
  from: NOW - 6 * H,
  to: NOW,
  unit: 'cm',
  lang: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  scale: 1,
  now: NOW,
};
const seriesOf = (o: ReturnType<typeof buildWaterLevelOption>) => o.series as LineSeriesOption[];

describe('buildWaterLevelOption', () => {
  it('writes no canvas text under the wall minimum of 18 px at 1080p', () => {
    const sizes = fontSizesOf(buildWaterLevelOption(input));
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  });

  it('draws one line per station with its points, over the 6-hour window', () => {
    const o = buildWaterLevelOption(input);
    const series = seriesOf(o);
    expect(series.map((s) => s.name)).toEqual(['Trạm Ô Môn', 'Trạm thủy văn Cần Thơ']);
    expect(series[1]!.data).toEqual([
      [NOW - 2 * H, 150],
      [NOW - H, 176],
      [NOW, 183],
    ]);
    expect(series.map((s) => s.color)).toEqual([STATION_PALETTE[0], STATION_PALETTE[1]]);
    expect(o.xAxis).toMatchObject({ type: 'time', min: NOW - 6 * H, max: NOW });
    expect(o.animation).toBe(false);
  });

  it('puts BĐ I/II/III as dashed horizontal lines on the reference station, in band colours', () => {
    const series = seriesOf(buildWaterLevelOption(input));
    expect(series[0]!.markLine).toBeUndefined();
    const data = series[1]!.markLine!.data as { yAxis: number; name: string; lineStyle: { color: string; type: string } }[];
    expect(data.map((d) => [d.yAxis, d.name, d.lineStyle.color, d.lineStyle.type])).toEqual([
      [180, 'BĐ I', '#F2C94C', 'dashed'],
      [190, 'BĐ II', '#F2994A', 'dashed'],
      [200, 'BĐ III', '#EB3B3B', 'dashed'],
    ]);
    // 180–200 in a 100–225 axis: too close for three labels, so the top line names all three
    const labels = data.map((d) => (d as unknown as { label: { show: boolean; formatter: () => string } }).label);
    expect(labels.map((l) => l.show)).toEqual([false, false, true]);
    expect(labels[2]!.formatter()).toBe('BĐ I 180 · BĐ II 190 · BĐ III 200');
  });

  it('labels each alert line on its own when the lines are far apart on the axis', () => {
    const wide = { ...input, reference: { stationId: 'wl-can-tho', bands: floodBands(100, 150, 200) } };
    const low = { ...wide, series: [{ ...input.series[1]!, points: [[NOW - H, 20] as [number, number]] }] };
    const data = seriesOf(buildWaterLevelOption(low))[0]!.markLine!.data as unknown as { label: { show: boolean; formatter: () => string } }[];
    expect(data.map((d) => [d.label.show, d.label.formatter()])).toEqual([
      [true, 'BĐ I · 100'],
      [true, 'BĐ II · 150'],
      [true, 'BĐ III · 200'],
    ]);
  });

  it('keeps the alert lines inside the y range even when the water is far below them', () => {
    // Data 120–183 and lines at 180/190/200: 100–225 in four steps of 25, every tick round.
    expect(buildWaterLevelOption(input).yAxis).toMatchObject({ min: 100, max: 225, interval: 25 });
    expect(yRange([])).toBeNull();
    expect(yRange([50, 60])).toEqual({ min: 45, max: 65, interval: 5 });
    const r = yRange([-37, 185, 200])!;
    expect(r.interval).toBe(100);
    expect(Math.abs(r.min % r.interval) + Math.abs(r.max % r.interval)).toBe(0);
    expect(r.min).toBeLessThan(-37);
    expect(r.max).toBeGreaterThan(200);
  });

  it('uses a station’s own thresholds and skips the open-ended first band', () => {
    expect(alertThresholds(floodBands(185, 195, 205)).map((b) => b.from)).toEqual([185, 195, 205]);
  });

  it('scales canvas text with the screen and names a real font (canvas has no CSS inherit)', () => {
    const o = buildWaterLevelOption({ ...input, scale: 2 });
    const axisLabel = (o.yAxis as { axisLabel: { fontSize: number; fontFamily: string } }).axisLabel;
    expect(axisLabel.fontSize).toBe(36);
    expect(axisLabel.fontFamily).toMatch(/sans-serif$/);
    expect(o.legend).toBeUndefined();
    expect(JSON.stringify(o)).not.toContain('inherit');
  });

  it('labels the time axis in the city zone', () => {
    const fmt = (buildWaterLevelOption(input).xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect(fmt(NOW)).toBe('07:30');
  });

  it('escapes station names in the HTML tooltip', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const colorOf = new Map([[evil, '#38bdf8']]);
    const html = tooltipHtml([{ seriesName: evil, value: [NOW - 60_000, 181.6] }], input, colorOf);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('07:29:00');
    expect(html).toContain('182 cm');
  });

  it('the tooltip formatter wired into the option escapes too', () => {
    const o = buildWaterLevelOption({ ...input, series: [{ stationId: 'x', name: '<b>x</b>', points: [[NOW, 1]] }] });
    const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ seriesName: '<b>x</b>', value: [NOW, 1] }])).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it("passes each station's buffer to ECharts as it is, and reads the y range of a long series without spreading it", () => {
    const buf = new SeriesBuffer();
    for (let i = 0; i < 4000; i++) buf.add(NOW - 6 * H + i * 5400, 150 + (i % 50), NOW - 6 * H);
    const o = buildWaterLevelOption({ ...input, series: [{ stationId: 'wl-can-tho', name: 'Cần Thơ', points: buf.points }], reference: null });
    // the buffer's own array, not a copy of it (the wall rebuilds the option at every delta)
    expect(seriesOf(o)[0]!.data).toBe(buf.points);
    expect(o.yAxis).toMatchObject({ min: 140, max: 220, interval: 20 });
    // far more points than a call's arguments may hold (Math.min(...values) overflowed the stack)
    const many: [number, number][] = Array.from({ length: 500_000 }, (_, i) => [NOW - 6 * H + i * 40, i === 250_000 ? 260 : 150]);
    expect(buildWaterLevelOption({ ...input, series: [{ stationId: 'x', name: 'x', points: many }], reference: null }).yAxis).toMatchObject({
      min: 100,
      max: 300,
      interval: 50,
    });
  });
});
