import { describe, expect, it } from 'vitest';
import { CAN_THO_STATIONS } from '../geo/can-tho.ts';
import { AIR_FEED_INDICATORS, CAN_THO_BBOX } from './feed-indicators.ts';

describe('the demo stations of can-tho.stations.json', () => {
  const roads = CAN_THO_STATIONS.filter((s) => s.indicators.includes('traffic_speed'));
  it('every road-segment station has a short line through its own point, inside Cần Thơ', () => {
    expect(roads.length).toBeGreaterThan(0);
    for (const s of roads) {
      const seg = s.segment!;
      expect(seg.length).toBeGreaterThanOrEqual(2);
      expect(seg).toContainEqual(s.location);
      const [w, so, e, n] = CAN_THO_BBOX;
      for (const [lon, lat] of seg) {
        expect(lon).toBeGreaterThan(w);
        expect(lon).toBeLessThan(e);
        expect(lat).toBeGreaterThan(so);
        expect(lat).toBeLessThan(n);
        // a few hundred metres from the point, not across the city
        expect(Math.hypot(lon - s.location[0], lat - s.location[1])).toBeLessThan(0.02);
      }
    }
  });
  it('only road segments carry a line', () => {
    expect(CAN_THO_STATIONS.filter((s) => s.segment && !s.indicators.includes('traffic_speed'))).toEqual([]);
  });
  it('an air station reports every pollutant the air feeds bring in', () => {
    const air = CAN_THO_STATIONS.filter((s) => s.indicators.includes('pm25'));
    expect(air.map((s) => s.id)).toEqual(['aq-ninh-kieu', 'aq-tra-noc', 'aq-cai-rang']);
    for (const s of air) expect(s.indicators).toEqual(expect.arrayContaining(AIR_FEED_INDICATORS));
  });
  it('only wl-can-tho has official alert levels (QĐ 05/2020/QĐ-TTg); the others say demo', () => {
    const bands = CAN_THO_STATIONS.filter((s) => s.bands).map((s) => [s.id, s.bands!.water_level!.map((b) => b.from), s.thresholdSource]);
    expect(bands).toEqual([
      ['wl-can-tho', [null, 180, 190, 200], 'QĐ 05/2020/QĐ-TTg'],
      ['wl-cai-rang', [null, 180, 190, 200], 'demo'],
      ['wl-o-mon', [null, 185, 195, 205], 'demo'],
      ['wl-thot-not', [null, 190, 200, 210], 'demo'],
    ]);
  });
});
