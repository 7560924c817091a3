import { bandOf } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config.ts';
import {
  alertLevelsCm,
  DEMO_TIDE_SPEED,
  highHeight,
  highTime,
  lowAfter,
  M2_PERIOD_MS,
  riverTime,
  tideCurve,
  tideObservations,
  WATER_LEVEL_STATIONS,
  type TideClock,
} from './tide.ts';

const SEC = 1000;
const MIN = 60_000;
const HOUR = 3_600_000;
const START = Date.parse('2026-11-11T08:00:00+07:00');
const STEP = DEFAULT_CONFIG.monitoringIntervalMs;
const DEFAULT_SEED = DEFAULT_CONFIG.seed;

/** What the simulator posts: every station every 2 s of wall time, over `durationMs` from the start. */
function simulate(durationMs: number, seed = DEFAULT_SEED, speed = DEMO_TIDE_SPEED, step = STEP) {
  const clock: TideClock = { originMs: START, speed, seed };
  const series = new Map<string, { t: number; v: number }[]>();
  for (let t = START; t <= START + durationMs; t += step) {
    for (const o of tideObservations(t, clock)) {
      const list = series.get(o.station!) ?? [];
      list.push({ t: t - START, v: o.value! });
      series.set(o.station!, list);
    }
  }
  return series;
}

/** Upward crossings of `level` as the flood-band rule sees them: re-armed only below level − deadband (3 cm). */
function crossings(xs: { t: number; v: number }[], level: number, deadband = 3): number[] {
  const out: number[] = [];
  let armed = xs[0]!.v < level;
  for (const { t, v } of xs) {
    if (armed && v >= level) {
      out.push(t);
      armed = false;
    } else if (!armed && v < level - deadband) armed = true;
  }
  return out;
}

const levels = (id: string) => alertLevelsCm(WATER_LEVEL_STATIONS.find((s) => s.id === id)!);

describe('demo tide (river time compressed 30×)', () => {
  it('covers the four water-level stations of the catalogue, each with BĐ I < II < III', () => {
    expect(WATER_LEVEL_STATIONS.map((s) => s.id).sort()).toEqual(['wl-cai-rang', 'wl-can-tho', 'wl-o-mon', 'wl-thot-not']);
    expect(levels('wl-can-tho')).toEqual([180, 190, 200]);
  });

  for (const seed of [DEFAULT_SEED, 1, 7, 2026]) {
    it(`seed ${seed}: every station crosses BĐ I within the first 5 minutes, then every 20–30 minutes over 8 hours`, () => {
      const series = simulate(8 * HOUR, seed);
      for (const [station, xs] of series) {
        const times = crossings(xs, levels(station)[0]!);
        expect(times[0]!, `${station} first crossing`).toBeLessThan(5 * MIN);
        const gaps = times.slice(1).map((t, i) => t - times[i]!);
        expect(gaps.length, station).toBeGreaterThanOrEqual(17);
        for (const g of gaps) {
          expect(g, `${station} gap`).toBeGreaterThanOrEqual(20 * MIN);
          expect(g, `${station} gap`).toBeLessThanOrEqual(30 * MIN);
        }
      }
    });
  }

  it('at Cần Thơ the first crossing comes 1.5–2 minutes after the start', () => {
    const first = crossings(simulate(10 * MIN).get('wl-can-tho')!, 180)[0]!;
    expect(first).toBeGreaterThan(1.5 * MIN);
    expect(first).toBeLessThan(2 * MIN);
  });

  it('moves a few cm a minute: never more than 6 cm in any minute, half of the minutes 3 cm or less', () => {
    for (const seed of [DEFAULT_SEED, 3, 11]) {
      for (const [station, xs] of simulate(8 * HOUR, seed)) {
        const perMinute = MIN / STEP;
        const deltas = xs.slice(perMinute).map((x, i) => Math.abs(x.v - xs[i]!.v));
        expect(Math.max(...deltas), station).toBeLessThanOrEqual(6);
        deltas.sort((a, b) => a - b);
        expect(deltas[Math.floor(deltas.length / 2)]!, station).toBeLessThanOrEqual(3);
        // and the level is never flat for long: a tide, not a plateau
        expect(deltas[Math.floor(deltas.length * 0.9)]!, station).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('is smooth: from one 2-second reading to the next the level moves by at most 1 cm', () => {
    for (const [station, xs] of simulate(3 * HOUR)) {
      const steps = xs.slice(1).map((x, i) => Math.abs(x.v - xs[i]!.v));
      expect(Math.max(...steps), station).toBeLessThanOrEqual(1);
    }
  });

  it('sits around the BĐ lines: between BĐ I − 30 cm and BĐ III + 5 cm; lows clear BĐ I by 7 cm or more', () => {
    for (const seed of [DEFAULT_SEED, 5]) {
      for (const [station, xs] of simulate(12 * HOUR, seed)) {
        const [bd1, , bd3] = levels(station) as [number, number, number];
        const vs = xs.map((x) => x.v);
        expect(Math.min(...vs), station).toBeGreaterThanOrEqual(bd1 - 30);
        expect(Math.max(...vs), station).toBeLessThanOrEqual(bd3 + 5);
        // each trough between two crossings goes well under the clear level (BĐ I − 3)
        const times = crossings(xs, bd1);
        for (let i = 1; i < times.length; i++) {
          const trough = Math.min(...xs.filter((x) => x.t > times[i - 1]! && x.t < times[i]!).map((x) => x.v));
          expect(trough, station).toBeLessThanOrEqual(bd1 - 7);
        }
      }
    }
  });

  it('reaches BĐ II at the opening high and BĐ III on some highs (catalogue bands)', () => {
    const st = WATER_LEVEL_STATIONS.find((s) => s.id === 'wl-can-tho')!;
    const xs = simulate(24 * HOUR).get('wl-can-tho')!;
    const opening = Math.max(...xs.filter((x) => x.t < 15 * MIN).map((x) => x.v));
    expect(bandOf(opening, st.bands!.water_level!)?.id).toBe('bd2');
    const bands = new Set(xs.map((x) => bandOf(x.v, st.bands!.water_level!)?.id));
    expect([...bands].sort()).toEqual(['bd1', 'bd2', 'bd3', 'below_bd1']);
  });

  it('is a mixed semi-diurnal tide: highs ~12 h 25 min apart in river time, higher and lower highs alternating', () => {
    const seed = DEFAULT_SEED;
    const ks = Array.from({ length: 60 }, (_, i) => i + 1);
    const gaps = ks.map((k) => highTime(seed, k + 1) - highTime(seed, k));
    const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(Math.abs(meanGap - M2_PERIOD_MS)).toBeLessThan(0.1 * HOUR);
    for (const g of gaps) expect(Math.abs(g - M2_PERIOD_MS)).toBeLessThanOrEqual(1.2 * HOUR);
    const even = ks.filter((k) => k % 2 === 0).map((k) => highHeight(seed, k));
    const odd = ks.filter((k) => k % 2 === 1).map((k) => highHeight(seed, k));
    expect(Math.min(...even)).toBeGreaterThan(Math.min(...odd));
    expect(even.reduce((a, b) => a + b) / even.length).toBeGreaterThan(odd.reduce((a, b) => a + b) / odd.length + 5);
    // each high is the curve's maximum between its lows, each low its minimum
    for (const k of [1, 2, 3]) {
      expect(tideCurve(seed, highTime(seed, k))).toBeCloseTo(highHeight(seed, k), 9);
      expect(tideCurve(seed, highTime(seed, k) + 20 * MIN)).toBeLessThan(highHeight(seed, k));
      expect(tideCurve(seed, highTime(seed, k) - 20 * MIN)).toBeLessThan(highHeight(seed, k));
      const low = lowAfter(seed, k);
      expect(tideCurve(seed, low.t)).toBeCloseTo(low.cm, 9);
    }
  });

  it('follows the river upstream: Cái Răng, then Cần Thơ, Ô Môn and Thốt Nốt cross BĐ I in that order', () => {
    const series = simulate(10 * MIN);
    const first = (id: string) => crossings(series.get(id)!, levels(id)[0]!)[0]!;
    expect(first('wl-cai-rang')).toBeLessThan(first('wl-can-tho'));
    expect(first('wl-can-tho')).toBeLessThan(first('wl-o-mon'));
    expect(first('wl-o-mon')).toBeLessThan(first('wl-thot-not'));
  });

  it('compresses river time only: observedAt stays the real wall time, at speed 1 highs are 12 h apart', () => {
    const clock: TideClock = { originMs: START, speed: DEMO_TIDE_SPEED, seed: DEFAULT_SEED };
    expect(riverTime(START + 2 * MIN, clock)).toBe(HOUR);
    const later = START + 3 * MIN + 17 * SEC;
    const obs = tideObservations(later, clock);
    expect(obs).toHaveLength(4);
    for (const o of obs) {
      expect(Date.parse(o.observedAt)).toBe(later);
      expect(o.observedAt.endsWith('+07:00')).toBe(true);
      expect(o.id).toBe(`sim-${o.station}-water_level-${later}`);
      expect(Number.isInteger(o.value)).toBe(true);
    }
    const slow = crossings(simulate(36 * HOUR, DEFAULT_SEED, 1, 5 * MIN).get('wl-can-tho')!, 180);
    expect(slow.length).toBe(3);
    for (let i = 1; i < slow.length; i++) expect(Math.abs(slow[i]! - slow[i - 1]! - M2_PERIOD_MS)).toBeLessThan(1.3 * HOUR);
  });

  it('is a function of the seed and the clock: the same inputs give the same run, another seed another schedule', () => {
    const t = START + 41 * MIN;
    const clock: TideClock = { originMs: START, speed: DEMO_TIDE_SPEED, seed: 5 };
    expect(tideObservations(t, clock)).toEqual(tideObservations(t, { ...clock }));
    expect(highTime(5, 3)).not.toBe(highTime(6, 3));
  });
});
