import { describe, expect, it } from 'vitest';
import { dailyAqi, hourlyAqi, HourlyMeans, nowCast, o3EightHourSubIndex } from './nowcast.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('NowCast (QĐ 1459: w = max(Cmin/Cmax, ½), Σwⁱ⁻¹cᵢ / Σwⁱ⁻¹)', () => {
  it('clamps the weight at ½ when concentrations change fast: 30, 20, 10 → 42.5 / 1.75', () => {
    // w* = 10/30 → w = 0.5; (30 + 0.5·20 + 0.25·10) / (1 + 0.5 + 0.25) = 24.2857…
    expect(nowCast([30, 20, 10])).toBeCloseTo(24.2857, 4);
  });
  it('uses w = Cmin/Cmax when steady: 20, 18, 16, 20 → w 0.8 → 54.88 / 2.952', () => {
    expect(nowCast([20, 18, 16, 20])).toBeCloseTo(54.88 / 2.952, 6);
  });
  it('gives a missing hour weight 0 but keeps the exponent of the hours after it', () => {
    // w = 30/40 = 0.75; (40 + 0.75²·30) / (1 + 0.75²) = 56.875 / 1.5625 = 36.4
    expect(nowCast([40, null, 30])).toBeCloseTo(36.4, 6);
  });
  it('needs 2 of the 3 newest hours', () => {
    expect(nowCast([40, null, null, 30, 30])).toBeNull();
    expect(nowCast([null, 12, 13])).not.toBeNull();
  });
  it('ignores hours beyond the 12th', () => {
    expect(nowCast([10, 10, ...Array(10).fill(10), 500])).toBe(10);
  });
});

describe('hourly VN_AQI', () => {
  it('the decision’s example: O₃ 136.1, NO₂ 118.7, PM2.5 NowCast 20.3 → 59.35 → 59, NO₂ dominant (printed 60 there: see roundAqi)', () => {
    const r = hourlyAqi({ pm25: [20.3, 20.3, 20.3], o3: [136.1], no2: [118.7] });
    expect(r).toMatchObject({ aqi: 59, dominant: 'no2' });
    // NO₂: 50 + (118.7 − 100)/100·50 = 59.35; PM2.5: 20.3·2 = 40.6; O₃: 136.1/160·50 = 42.53
    expect(r!.subIndices.no2).toBeCloseTo(59.35, 6);
    expect(r!.subIndices.pm25).toBeCloseTo(40.6, 6);
  });
  it('PM2.5 by NowCast: 40, –, 30 → 36.4 µg/m³ → 50 + 2·11.4 = 72.8 → 73', () => {
    expect(hourlyAqi({ pm25: [40, null, 30] })).toMatchObject({ aqi: 73, dominant: 'pm25' });
  });
  it('is null without a PM NowCast', () => {
    expect(hourlyAqi({ no2: [300] })).toBeNull();
    expect(hourlyAqi({ pm25: [40, null, null], no2: [300] })).toBeNull();
  });
});

describe('daily VN_AQI', () => {
  const flat = (v: number, n = 24) => Array<number>(n).fill(v);
  it('PM by the 24-hour mean, NO₂ by the highest hour, O₃ by max(1 h, 8 h)', () => {
    // PM2.5 mean 30 → 60; NO₂ max 120 → 60; O₃ 110 all day: 1 h 110/160·50 = 34.4, 8 h 50 + 10/20·50 = 75
    const pm25 = [...flat(20, 12), ...flat(40, 12)];
    const no2 = [...flat(50, 23), 120];
    const r = dailyAqi({ pm25, no2, o3: flat(110) });
    expect(r).toMatchObject({ aqi: 75, dominant: 'o3' });
    expect(r!.subIndices.pm25).toBeCloseTo(60, 6);
    expect(r!.subIndices.no2).toBeCloseTo(60, 6);
  });
  it('skips the 8-hour O₃ value above 400 µg/m³ and uses the 1-hour one', () => {
    expect(o3EightHourSubIndex(450)).toBeNull();
    // O₃ 1 h 450: 200 + (450 − 400)/400·100 = 212.5 → 213
    expect(dailyAqi({ pm25: flat(10), o3: flat(450) })).toMatchObject({ aqi: 213, dominant: 'o3' });
  });
  it('needs 18 hours of PM', () => {
    expect(dailyAqi({ pm25: [...flat(30, 17), ...Array(7).fill(null)] })).toBeNull();
    expect(dailyAqi({ pm25: [...flat(30, 18), ...Array(6).fill(null)] })).toMatchObject({ aqi: 60 });
  });
});

describe('HourlyMeans', () => {
  it('averages raw readings into hours and computes the NowCast over complete hours only', () => {
    const m = new HourlyMeans();
    const h0 = at('2026-11-22T08:00:00+07:00');
    // 08:00–09:00 readings 20 and 40 → 30; 09:00–10:00: 24; 10:05 (hour in progress): 400, ignored
    m.add('aq', 'pm25', h0 + 5 * 60_000, 20);
    m.add('aq', 'pm25', h0 + 35 * 60_000, 40);
    m.add('aq', 'pm25', h0 + H + 10 * 60_000, 24);
    m.add('aq', 'pm25', h0 + 2 * H + 5 * 60_000, 400);
    expect(m.series('aq', 'pm25', Math.floor((h0 + H) / H), 3)).toEqual([24, 30, null]);
    // w = 24/30 = 0.8: (24 + 0.8·30) / 1.8 = 26.667 µg/m³ → 50 + 2·1.667 = 53.33 → 53
    expect(m.hourly('aq', h0 + 2 * H + 10 * 60_000)).toMatchObject({ aqi: 53, dominant: 'pm25' });
  });
  it('computes the daily value of the previous local day (00:00–24:00 Asia/Ho_Chi_Minh)', () => {
    const m = new HourlyMeans();
    const day = at('2026-11-21T00:00:00+07:00');
    for (let i = 0; i < 24; i++) m.add('aq', 'pm25', day + i * H + 60_000, i < 12 ? 20 : 40);
    m.add('aq', 'pm25', day - 30 * 60_000, 500); // 23:30 the day before: not in the day
    expect(m.daily('aq', at('2026-11-22T09:00:00+07:00'))).toMatchObject({ aqi: 60, dominant: 'pm25' });
    expect(m.daily('aq', at('2026-11-21T23:00:00+07:00'))).toBeNull();
  });
  it('exports its hours as JSON for checkpoints; a restored copy computes the same values, and stays bounded', () => {
    const m = new HourlyMeans();
    const t0 = at('2026-11-19T00:00:00+07:00');
    for (let i = 0; i < 4 * 24 * 3; i++) m.add('aq', i % 2 ? 'pm10' : 'pm25', t0 + i * 20 * 60_000, 20 + ((i * 7) % 50));
    const data = m.exportState();
    // at most keepHours (56) + 4 hours per station and pollutant, whatever the history
    for (const [, hours] of data) expect(hours.length).toBeLessThanOrEqual(60);
    const copy = new HourlyMeans();
    copy.importState(JSON.parse(JSON.stringify(data)) as typeof data);
    for (const later of [copy, m]) later.add('aq', 'pm25', t0 + 3 * 24 * H + 30 * 60_000, 77);
    const now = t0 + 3 * 24 * H + 2 * H;
    expect(copy.hourly('aq', now)).toEqual(m.hourly('aq', now));
    expect(copy.daily('aq', now)).toEqual(m.daily('aq', now));
    expect(copy.exportState()).toEqual(m.exportState());
    expect(() => copy.importState(data)).toThrow(/empty/);
  });
});
