import type { ObservationInput } from '@cityioc/contracts';
import { CAN_THO_CATALOGUE, indexCatalogue, vnAqi } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { AIR_STATIONS, airHistory, dailyCycle, episodeFactor, initAir, otherPollutants, stepAir } from './air.ts';
import { createRng } from './rng.ts';
import { localParts } from './time.ts';

const MIN = 60_000;
const DAY = 86_400_000;

function run(seed: number, startMs: number, durationMs: number, stepMs: number): ObservationInput[] {
  const rng = createRng(seed);
  let state = initAir(startMs, rng);
  const out: ObservationInput[] = [];
  for (let t = startMs + stepMs; t <= startMs + durationMs; t += stepMs) {
    const r = stepAir(state, t, rng);
    state = r.state;
    out.push(...r.observations);
  }
  return out;
}

const START = Date.parse('2026-11-16T00:00:00+07:00');

describe('air generator', () => {
  it('posts pm25, aqi and the other pollutants for each of the three AQ stations, with consistent ids and times', () => {
    expect(AIR_STATIONS.map((s) => s.id).sort()).toEqual(['aq-cai-rang', 'aq-ninh-kieu', 'aq-tra-noc']);
    const rng = createRng(3);
    const t = START + 8 * 3_600_000;
    const { observations } = stepAir(initAir(START, rng), t, rng);
    expect(observations).toHaveLength(3 * 7);
    for (const o of observations) {
      expect(o.id).toBe(`sim-${o.station}-${o.indicator}-${t}`);
      expect(Date.parse(o.observedAt)).toBe(t);
      expect(o.area).toBe(AIR_STATIONS.find((s) => s.id === o.station)!.area);
    }
  });

  it('AQI is the domain VN_AQI of the posted PM2.5, and AQI and PM2.5 stay within [0, 500]', () => {
    const obs = run(11, START, 7 * DAY, 10 * MIN);
    const pm = obs.filter((o) => o.indicator === 'pm25');
    const aqi = obs.filter((o) => o.indicator === 'aqi');
    expect(pm.length).toBe(aqi.length);
    for (let i = 0; i < pm.length; i++) {
      expect(aqi[i]!.station).toBe(pm[i]!.station);
      expect(aqi[i]!.value).toBe(vnAqi({ pm25: pm[i]!.value! })!.aqi);
    }
    for (const o of [...pm, ...aqi]) {
      expect(o.value!).toBeGreaterThanOrEqual(0);
      expect(o.value!).toBeLessThanOrEqual(500);
    }
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: episodes reach 'Kém' (AQI ≥ 101) during a simulated week, yet most hours are good or moderate`, () => {
      const aqi = run(seed, START, 7 * DAY, 10 * MIN)
        .filter((o) => o.indicator === 'aqi')
        .map((o) => o.value!);
      expect(Math.max(...aqi)).toBeGreaterThanOrEqual(101);
      expect(aqi.filter((a) => a >= 101).length / aqi.length).toBeLessThan(0.25);
    });
  }

  it('has a daily cycle: traffic peaks in the morning and evening, a dip in the afternoon', () => {
    expect(dailyCycle(7.5, 1)).toBeGreaterThan(dailyCycle(14, 1));
    expect(dailyCycle(19, 1)).toBeGreaterThan(dailyCycle(14, 1));
    expect(dailyCycle(19, 1)).toBeGreaterThan(dailyCycle(3, 1));
    // And it shows in a month of generated data at Ninh Kiều.
    const obs = run(8, START, 28 * DAY, 15 * MIN).filter((o) => o.indicator === 'pm25' && o.station === 'aq-ninh-kieu');
    const meanAt = (lo: number, hi: number) => {
      const xs = obs.filter((o) => {
        const h = localParts(Date.parse(o.observedAt)).hour;
        return h >= lo && h < hi;
      });
      return xs.reduce((s, o) => s + o.value!, 0) / xs.length;
    };
    expect(meanAt(18, 20)).toBeGreaterThan(meanAt(13, 15) * 1.3);
    expect(meanAt(7, 8.5)).toBeGreaterThan(meanAt(13, 15) * 1.2);
  });

  it('episodes rise and fall smoothly', () => {
    const ep = { startMs: 0, endMs: 10 * 3_600_000, peak: 2.5 };
    expect(episodeFactor(ep, -1)).toBe(1);
    expect(episodeFactor(ep, 5 * 3_600_000)).toBeCloseTo(2.5);
    expect(episodeFactor(ep, 10 * 3_600_000)).toBe(1);
    expect(episodeFactor(null, 5)).toBe(1);
  });

  it('is reproducible for a seed and does not mutate the state it is given', () => {
    const a = run(21, START, DAY, 30 * MIN);
    expect(run(21, START, DAY, 30 * MIN)).toEqual(a);
    const rng = createRng(1);
    const s0 = initAir(START, rng);
    const copy = structuredClone(s0);
    stepAir(s0, START + 5 * MIN, rng);
    expect(s0).toEqual(copy);
  });
});

describe('pollutant readings for the NowCast', () => {
  it('posts PM2.5, PM10, O₃, NO₂, CO and SO₂ per station, within the catalogue ranges', () => {
    const rng = createRng(3);
    const { observations } = stepAir(initAir(START, rng), START + 5 * MIN, rng);
    for (const st of AIR_STATIONS) {
      const mine = observations.filter((o) => o.station === st.id).map((o) => o.indicator);
      expect(mine.sort()).toEqual(['aqi', 'co', 'no2', 'o3', 'pm10', 'pm25', 'so2']);
    }
    const index = indexCatalogue(CAN_THO_CATALOGUE);
    for (const o of observations) {
      const ind = index.indicator(o.indicator)!;
      expect(o.value).toBeGreaterThanOrEqual(ind.min ?? 0);
      expect(o.value).toBeLessThanOrEqual(ind.max ?? Infinity);
    }
  });
  it('PM10 is about 1.6 × PM2.5 and SO₂ is higher at the Trà Nóc industrial park', () => {
    const rng = createRng(4);
    const a = otherPollutants('aq-tra-noc', 50, START, rng);
    const b = otherPollutants('aq-ninh-kieu', 50, START, rng);
    expect(a.pm10 / 50).toBeGreaterThan(1.4);
    expect(a.pm10 / 50).toBeLessThan(1.8);
    expect(a.so2).toBeGreaterThan(b.so2 * 1.5);
  });
  it('back-fills 12 hours every 5 minutes, enough for the IOC’s NowCast at start', () => {
    const obs = airHistory(START, 12, 5 * MIN, createRng(5));
    const pm = obs.filter((o) => o.indicator === 'pm25' && o.station === 'aq-ninh-kieu');
    expect(pm).toHaveLength(144);
    expect(Date.parse(pm[0]!.observedAt)).toBe(START - 12 * 3_600_000);
    expect(Date.parse(pm.at(-1)!.observedAt)).toBe(START - 5 * MIN);
    expect(new Set(obs.map((o) => o.id)).size).toBe(obs.length);
  });
});
