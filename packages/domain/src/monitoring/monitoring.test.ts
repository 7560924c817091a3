import { describe, expect, it } from 'vitest';
import { CAN_THO_FLOOD_BANDS, VN_AQI_BANDS } from '../catalogue/indicators.ts';
import { bandOf, exceedance } from './bands.ts';
import { freshness } from './freshness.ts';
import { aqiSubIndex, vnAqi } from './vn-aqi.ts';

describe('flood bands at the Cần Thơ station (BĐ I 180, II 190, III 200 cm)', () => {
  it.each([
    [120, 'below_bd1'],
    [179.9, 'below_bd1'],
    [180, 'bd1'],
    [184, 'bd1'],
    [190, 'bd2'],
    [200, 'bd3'],
    [227, 'bd3'],
  ])('%s cm is %s', (v, id) => expect(bandOf(v, CAN_THO_FLOOD_BANDS)?.id).toBe(id));
  it('gives the exceedance above the band crossed: 1.84 m is +4 cm above BĐ I, 2.27 m is +27 above BĐ III', () => {
    expect(exceedance(184, CAN_THO_FLOOD_BANDS)).toMatchObject({ band: { id: 'bd1' }, above: 4 });
    expect(exceedance(227, CAN_THO_FLOOD_BANDS)).toMatchObject({ band: { id: 'bd3' }, above: 27 });
    expect(exceedance(150, CAN_THO_FLOOD_BANDS)).toBeNull();
  });
});

describe('VN_AQI (QĐ 1459/QĐ-TCMT)', () => {
  it('interpolates sub-indices between breakpoints', () => {
    expect(aqiSubIndex('pm25', 25)).toBe(50);
    expect(aqiSubIndex('pm25', 37.5)).toBe(75);
    expect(aqiSubIndex('pm10', 600)).toBe(500);
    expect(aqiSubIndex('pm25', 900)).toBe(500);
  });
  it('the decision’s worked example: O₃ 136.1, NO₂ 118.7, PM2.5 20.3 → NO₂ dominant, 59.35 → 59 (the example prints 60: see roundAqi)', () => {
    expect(vnAqi({ o3_1h: 136.1, no2: 118.7, pm25: 20.3 })).toEqual({ aqi: 59, dominant: 'no2' });
  });
  it('needs PM10 or PM2.5', () => expect(vnAqi({ no2: 50 })).toBeNull());
  it('maps to the official colours', () => {
    expect(bandOf(60, VN_AQI_BANDS)).toMatchObject({ label: { vi: 'Trung bình' }, color: '#FFFF00' });
    expect(bandOf(320, VN_AQI_BANDS)).toMatchObject({ label: { vi: 'Nguy hại' }, color: '#7E0023' });
  });
});

describe('freshness', () => {
  it('is stale past twice the cadence', () => {
    expect(freshness(0, 300, 600_000)).toBe('live');
    expect(freshness(0, 300, 600_001)).toBe('stale');
    expect(freshness(null, 300, 0)).toBe('none');
  });
});
