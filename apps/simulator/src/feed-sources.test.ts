import { describe, expect, it } from 'vitest';
import { CAN_THO_CATALOGUE, indexCatalogue, mapNgsiEntity } from '@cityioc/domain';
import { mqttAirMessages, ngsiLdEntities, trafficIntensity } from './feed-sources.ts';
import { createRng } from './rng.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const T = Date.parse('2026-11-22T07:00:00+07:00');

describe('demo connector sources', () => {
  it('every NGSI-LD entity maps to a station with no rejection, and the same seed gives the same entities', () => {
    const ents = ngsiLdEntities(T, createRng(1));
    expect(ents).toEqual(ngsiLdEntities(T, createRng(1)));
    const types = new Set<string>();
    for (const e of ents) {
      const m = mapNgsiEntity(e, { index });
      expect(m.rejected).toEqual([]);
      expect(m.flags).toEqual([]);
      expect(m.station).not.toBeNull();
      types.add(String(e.type));
      for (const o of m.observations) {
        const ind = index.indicator(o.input.indicator)!;
        expect(o.input.value!).toBeGreaterThanOrEqual(ind.min ?? -Infinity);
        expect(o.input.value!).toBeLessThanOrEqual(ind.max ?? Infinity);
      }
    }
    expect([...types].sort()).toEqual(['TrafficFlowObserved', 'WaterQualityObserved']);
  });
  it('traffic peaks at rush hour and is quiet at night', () => {
    expect(trafficIntensity(7, 1000)).toBeGreaterThan(2 * trafficIntensity(11, 1000) * 0.5);
    expect(trafficIntensity(3, 1000)).toBeLessThan(trafficIntensity(11, 1000) / 3);
  });
  it('MQTT messages name an air station and an indicator it measures, with a numeric value', () => {
    const msgs = mqttAirMessages(T, createRng(2));
    expect(msgs.length).toBe(3 * 5);
    for (const m of msgs) {
      const [, station, indicator] = m.topic.split('/');
      expect(index.station(station!)!.indicators).toContain(indicator);
      expect(typeof (JSON.parse(m.payload) as { value: unknown }).value).toBe('number');
    }
  });
});
