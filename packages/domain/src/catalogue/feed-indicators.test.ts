import { describe, expect, it } from 'vitest';
import { CAN_THO_BBOX, FEED_STATIONS } from './feed-indicators.ts';

describe('FEED_STATIONS road segments', () => {
  const roads = FEED_STATIONS.filter((s) => s.indicators.includes('traffic_speed'));
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
    expect(FEED_STATIONS.filter((s) => s.segment && !s.indicators.includes('traffic_speed'))).toEqual([]);
  });
});
