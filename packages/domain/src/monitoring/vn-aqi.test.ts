/**
 * VN_AQI rounding and the daily O₃ 8-hour maximum, checked against the figures of QĐ 1459/QĐ-TCMT
 * (12/11/2019), §2.2.2.a (the O₃ table) and §2.3 (the worked example).
 */
import { describe, expect, it } from 'vitest';
import { VN_AQI_BANDS } from '../catalogue/indicators.ts';
import { bandOf } from './bands.ts';
import { dailyAqi, HourlyMeans, o3EightHourMax, o3EightHourSubIndex } from './nowcast.ts';
import { aqiSubIndex, roundAqi, vnAqi } from './vn-aqi.ts';

const H = 3_600_000;

describe('one rounding rule: nearest integer, halves up (QĐ 1459 §2.2.1.c, §2.2.2.c)', () => {
  it.each([
    [0, 0],
    [49.5, 50],
    [50, 50],
    [50.2, 50],
    [50.4, 50],
    [50.49, 50],
    [50.5, 51],
    [100.5, 101],
    [150.4999, 150],
  ])('sub-index %s → %s', (x, want) => expect(roundAqi(x)).toBe(want));

  it.each([
    // PM2.5 µg/m³ → AQI and colour
    [25.0, 50, 'good'],
    [25.1, 50, 'good'],
    [25.2, 50, 'good'],
    [25.25, 51, 'moderate'],
    [25.3, 51, 'moderate'],
    [50, 100, 'moderate'],
    [50.1, 100, 'moderate'],
    [50.4, 101, 'poor'],
    [50.5, 101, 'poor'],
  ])('PM2.5 %s µg/m³ → %s (%s)', (pm25, aqi, band) => {
    const r = vnAqi({ pm25 })!;
    expect(r.aqi).toBe(aqi);
    expect(bandOf(r.aqi, VN_AQI_BANDS)?.id).toBe(band);
  });

  it('gives the printed figures of the daily worked example (§2.3.c): 45, 36, 65, 110 → AQI 110', () => {
    const o3_8h = o3EightHourSubIndex(89.3)!;
    const o3_1h = aqiSubIndex('o3_1h', 114.6);
    const no2 = aqiSubIndex('no2', 130.8);
    const pm25 = aqiSubIndex('pm25', 55.7);
    expect([o3_8h, o3_1h, no2, pm25].map(roundAqi)).toEqual([45, 36, 65, 110]);
    // rounding up would print 66 for NO₂ (65.4): the example itself rules it out
    expect(Math.ceil(no2)).toBe(66);
    expect(roundAqi(Math.max(o3_8h, o3_1h, no2, pm25))).toBe(110);
  });

  it('gives the hourly example’s O₃ 43 and PM2.5 41; its NO₂ 118.7 µg/m³ is 59.35 → 59 (printed 60)', () => {
    expect(roundAqi(aqiSubIndex('o3_1h', 136.1))).toBe(43);
    expect(roundAqi(aqiSubIndex('pm25', 20.3))).toBe(41);
    expect(aqiSubIndex('no2', 118.7)).toBeCloseTo(59.35, 9);
    expect(vnAqi({ o3_1h: 136.1, no2: 118.7, pm25: 20.3 })).toEqual({ aqi: 59, dominant: 'no2' });
  });
});

/** The decision's O₃ table (§2.2.2.a): hourly means from 18:00 the day before to 00:00 the day after. */
const EVENING_BEFORE = [15.7, 14.2, 17.7, 18.9, 19.3, 15.7, 19.7]; // hours ending 18:00 … 24:00
const DAY = [22.6, 27.1, 29.0, 31.9, 25.3, 34.7, 35.2, 41.6, 45.7, 49.2, 55.8, 69.6, 78.3, 91.5, 97.7, 81.2, 71.8, 43.5, 34.3, 21.5, 20.5, 19.4, 20.4, 21.3]; // hours ending 01:00 … 24:00
/** Its 24 printed 8-hour means, one decimal, for the windows ending 01:00 … 24:00. */
const PRINTED_8H = [
  18.0, 19.4, 21.2, 23.0, 23.8, 25.8, 28.2, 30.9, 33.8, 36.6, 39.9, 44.7, 51.3, 58.4, 66.2, 71.1, 74.4, 73.7, 71.0, 65.0, 57.8, 48.7, 39.1, 31.6,
];

describe('daily O₃: the highest of the 24 rolling 8-hour means, windows from the evening before included (§2.2.2.a)', () => {
  it('reproduces the decision’s table: 24 windows, the first one 18:00–01:00, highest 74.4', () => {
    const hours = [...EVENING_BEFORE, ...DAY];
    const means = DAY.map((_, k) => hours.slice(k, k + 8).reduce((a, b) => a + b, 0) / 8);
    // the table prints hourly and 8-hour means to one decimal, each rounded on its own: within 0.05 + 0.05
    means.forEach((m, k) => expect(Math.abs(m - PRINTED_8H[k]!), `window ending ${k + 1}:00`).toBeLessThanOrEqual(0.1 + 1e-9));
    expect(o3EightHourMax(DAY, EVENING_BEFORE)).toBeCloseTo(74.3875, 9);
  });

  it('an evening peak the day before counts in the windows ending 01:00–07:00', () => {
    // 190 µg/m³ from 17:00 the day before to 01:00, then 20: the 01:00 window is all 190
    const before = Array<number>(7).fill(190);
    const day = [190, ...Array<number>(23).fill(20)];
    expect(o3EightHourMax(day, before)).toBe(190);
    // without the evening: the windows ending 06:00 and 07:00 still have 6 and 7 of their hours, (190 + 5 × 20) / 6
    expect(o3EightHourMax(day)).toBeCloseTo((190 + 5 * 20) / 6, 9);
    // daily: 8 h 190 → 150 + 20/40·50 = 175 beats 1 h 190 → 87.5 (and PM2.5 10 → 20)
    const r = dailyAqi({ pm25: Array<number>(24).fill(10), o3: day }, { o3Before: before });
    expect(r).toMatchObject({ aqi: 175, dominant: 'o3' });
    expect(r!.subIndices.o3).toBeCloseTo(175, 9);
    expect(dailyAqi({ pm25: Array<number>(24).fill(10), o3: day })).toMatchObject({ aqi: 88, dominant: 'o3' });
  });

  it('a window needs 6 of its 8 hours; missing evening hours shorten nothing else', () => {
    const before = [null, null, null, 190, 190, 190, 190];
    const day = [190, 190, ...Array<number>(22).fill(20)];
    // window ending 01:00 has 5 hours (too few); ending 02:00 has 6: (4 × 190 + 2 × 190) / 6 = 190
    expect(o3EightHourMax(day, before)).toBe(190);
    expect(o3EightHourMax([190, ...Array<number>(23).fill(20)], before)).toBeCloseTo((5 * 190 + 20) / 6, 9);
  });

  it('leaves the 8-hour sub-index out when the day’s highest 8-hour mean is above 400 µg/m³, whatever the other windows', () => {
    // hours ending 01–08: 450; the rest 300: highest 8 h mean 450 > 400 → only the 1 h maximum counts (450 → 212.5 → 213)
    const o3 = [...Array<number>(8).fill(450), ...Array<number>(16).fill(300)];
    expect(o3EightHourMax(o3)).toBe(450);
    expect(dailyAqi({ pm25: Array<number>(24).fill(10), o3 })).toMatchObject({ aqi: 213, dominant: 'o3' });
  });

  it('HourlyMeans keeps the evening before yesterday: the daily value computed late today still sees it', () => {
    const m = new HourlyMeans();
    const yesterday = Date.parse('2026-11-20T00:00:00+07:00');
    // hour ending 18:00 the day before yesterday … hour ending 01:00 yesterday: 190; then 20
    for (let h = -7; h < 24; h++) m.add('aq', 'o3', yesterday + h * H + 30 * 60_000, h < 1 ? 190 : 20);
    for (let h = 0; h < 24; h++) m.add('aq', 'pm25', yesterday + h * H + 30 * 60_000, 10);
    // today, readings up to 23:30, so the newest hour kept is 55 hours after the first needed one
    const today = yesterday + 24 * H;
    for (let h = 0; h < 24; h++) m.add('aq', 'pm25', today + h * H + 30 * 60_000, 12);
    expect(m.daily('aq', today + 23 * H + 45 * 60_000)).toMatchObject({ aqi: 175, dominant: 'o3' });
    const copy = new HourlyMeans();
    copy.importState(JSON.parse(JSON.stringify(m.exportState())) as ReturnType<HourlyMeans['exportState']>);
    expect(copy.daily('aq', today + 23 * H + 45 * 60_000)).toEqual(m.daily('aq', today + 23 * H + 45 * 60_000));
  });
});
