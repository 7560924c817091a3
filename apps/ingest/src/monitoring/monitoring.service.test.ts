import { describe, expect, it } from 'vitest';
import type { Observation } from '@cityioc/contracts';
import { CAN_THO_CATALOGUE, indexCatalogue, LiveState } from '@cityioc/domain';
import { MonitoringService } from './monitoring.service.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const H = 3_600_000;
const T = Date.parse('2026-11-22T07:00:00+07:00');
let seq = 0;
const obs = (indicator: string, station: string, area: string, t: number, value: number): Observation => ({
  seq: ++seq,
  id: `o${seq}`,
  indicator,
  area,
  agency: null,
  station,
  observedAt: t,
  receivedAt: t,
  value,
  numerator: null,
  denominator: null,
  source: 'test',
});

describe('MonitoringService', () => {
  it('derives the flood rank and the margin to the station’s own BĐ I from each water level', () => {
    const m = new MonitoringService(index);
    const out = m.derive([obs('water_level', 'wl-thot-not', '31228', T, 195)]);
    expect(out.map((o) => [o.indicator, o.value, o.station, o.observedAt])).toEqual([
      ['flood_band', 1, 'wl-thot-not', T],
      ['water_above_bd1', 5, 'wl-thot-not', T],
    ]);
  });
  it('computes the NowCast once per hour, and again when a late reading changes a complete hour', () => {
    const m = new MonitoringService(index);
    const live = new LiveState(index);
    let v = 0;
    const feed = (events: Observation[]) => {
      const d = m.derive(events);
      for (const x of d) live.apply(x, ++v);
      return d;
    };
    feed([obs('pm25', 'aq-tra-noc', '31174', T - 2 * H + 60_000, 30), obs('pm25', 'aq-tra-noc', '31174', T - H + 60_000, 30)]);
    // first reading of 07:00: NowCast over 05:00 and 06:00 (30 µg/m³) → 60
    expect(feed([obs('pm25', 'aq-tra-noc', '31174', T + 60_000, 200)]).map((o) => [o.indicator, o.value, o.observedAt])).toEqual([['aqi_nowcast', 60, T]]);
    // more readings of 07:00 cannot change it
    expect(feed([obs('pm25', 'aq-tra-noc', '31174', T + 120_000, 300)])).toEqual([]);
    // a late NO₂ of 06:00 (150 → 75) recomputes the 07:00 value, which replaces the earlier one
    expect(feed([obs('no2', 'aq-tra-noc', '31174', T - 30 * 60_000, 150)]).map((o) => [o.indicator, o.value, o.observedAt])).toEqual([['aqi_nowcast', 75, T]]);
    expect(live.snapshot('31174').cells.find((c) => c.key === '31174|aq-tra-noc|aqi_nowcast')?.value).toBe(75);
    expect(m.airQuality('92')).toMatchObject([{ station: 'aq-tra-noc', nowcast: { aqi: 75, dominant: 'no2' } }]);
    expect(m.airQuality('31135')).toEqual([]);
  });
});
