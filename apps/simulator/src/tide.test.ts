import { bandOf } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';
import { LUNAR_DAY_MS, SPRING_NEAP_MS, tideLevel, tideObservations, tideParams, tideTime, WATER_LEVEL_STATIONS } from './tide.ts';
import { localParts } from './time.ts';

const MIN = 60_000;
const DAY = 86_400_000;

/** Alert thresholds (BĐ I, II, III) of a station, from its catalogue bands. */
function alertLevels(stationId: string): number[] {
  const st = WATER_LEVEL_STATIONS.find((s) => s.id === stationId)!;
  return st.bands!.water_level!.flatMap((b) => (b.from === null ? [] : [b.from]));
}

/** Samples the generator every `stepMs` over `durationMs` of wall time, per station. */
function simulate(startMs: number, durationMs: number, stepMs: number, speed: number, seed = 92) {
  const rng = createRng(seed);
  const clock = { originMs: startMs, speed };
  const series = new Map<string, number[]>();
  for (let t = startMs; t < startMs + durationMs; t += stepMs) {
    for (const o of tideObservations(t, clock, rng)) {
      const list = series.get(o.station!) ?? [];
      list.push(o.value!);
      series.set(o.station!, list);
    }
  }
  return series;
}

function upwardCrossings(xs: number[], level: number): number {
  let n = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i - 1]! < level && xs[i]! >= level) n++;
  return n;
}

describe('tide generator', () => {
  it('covers the four water-level stations of the catalogue', () => {
    expect(WATER_LEVEL_STATIONS.map((s) => s.id).sort()).toEqual(['wl-cai-rang', 'wl-can-tho', 'wl-o-mon', 'wl-thot-not']);
  });

  it('has a spring–neap period of about 14.77 days', () => {
    expect(SPRING_NEAP_MS / DAY).toBeCloseTo(14.765, 2);
  });

  // Several starting months, so the property does not hinge on one lucky window.
  for (const start of ['2026-01-05', '2026-04-17', '2026-07-01', '2026-10-12', '2027-02-20']) {
    it(`over 15 simulated days from ${start} at speed 1, every station crosses BĐ I, II and III and stays < 260 cm`, () => {
      const series = simulate(Date.parse(`${start}T00:00:00+07:00`), 15 * DAY, 5 * MIN, 1);
      expect(series.size).toBe(4);
      for (const [station, xs] of series) {
        for (const level of alertLevels(station)) {
          expect(upwardCrossings(xs, level), `${station} crosses ${level}`).toBeGreaterThanOrEqual(1);
        }
        expect(Math.max(...xs)).toBeLessThan(260);
        // Troughs stay well below the alert levels.
        expect(Math.min(...xs)).toBeLessThan(60);
        expect(Math.min(...xs)).toBeGreaterThan(-80);
      }
    });
  }

  it('reaches the highest band (BĐ III) at Cần Thơ through the catalogue bands', () => {
    const xs = simulate(Date.parse('2026-11-01T00:00:00+07:00'), 15 * DAY, 5 * MIN, 1).get('wl-can-tho')!;
    const st = WATER_LEVEL_STATIONS.find((s) => s.id === 'wl-can-tho')!;
    expect(bandOf(Math.max(...xs), st.bands!.water_level!)?.id).toBe('bd3');
  });

  it('has two highs per lunar day (~24.84 h) at every station', () => {
    const start = Date.parse('2026-03-01T00:00:00+07:00');
    const days = 10;
    for (const st of WATER_LEVEL_STATIONS) {
      const p = tideParams(st.id);
      let highs = 0;
      for (let t = start + MIN; t < start + days * LUNAR_DAY_MS; t += MIN) {
        const [a, b, c] = [tideLevel(p, t - MIN), tideLevel(p, t), tideLevel(p, t + MIN)];
        if (b > a && b >= c) highs++;
      }
      expect(Math.abs(highs - 2 * days)).toBeLessThanOrEqual(1);
    }
  });

  it('puts spring highs at Cần Thơ in the morning and evening (≈ 06–08 h, 18–20 h local)', () => {
    const p = tideParams('wl-can-tho');
    const start = Date.parse('2026-11-01T00:00:00+07:00');
    let best = { t: 0, v: -Infinity };
    for (let t = start; t < start + 15 * DAY; t += MIN) {
      const v = tideLevel(p, t);
      if (v > best.v) best = { t, v };
    }
    const h = localParts(best.t).hour;
    expect((h >= 5.5 && h <= 9.5) || (h >= 17.5 && h <= 21.5)).toBe(true);
  });

  it('arrives later upstream: Thốt Nốt peaks after Cần Thơ, which peaks after Cái Răng', () => {
    const peakAt = (id: string) => {
      const p = tideParams(id);
      const start = Date.parse('2026-11-11T00:00:00+07:00');
      let best = { t: 0, v: -Infinity };
      for (let t = start; t < start + 13 * 3_600_000; t += MIN) {
        const v = tideLevel(p, t);
        if (v > best.v) best = { t, v };
      }
      return best.t;
    };
    expect(peakAt('wl-cai-rang')).toBeLessThan(peakAt('wl-can-tho'));
    expect(peakAt('wl-can-tho')).toBeLessThan(peakAt('wl-o-mon'));
    expect(peakAt('wl-o-mon')).toBeLessThan(peakAt('wl-thot-not'));
    expect(tideParams('wl-thot-not').meanCm).toBeGreaterThan(tideParams('wl-can-tho').meanCm);
  });

  it('accelerates the tide phase only: at speed 120 one cycle takes ~6.2 min of wall time, observedAt stays real', () => {
    const origin = Date.parse('2026-11-11T00:00:00+07:00');
    const clock = { originMs: origin, speed: 120 };
    expect(tideTime(origin, clock)).toBe(origin);
    expect(tideTime(origin + 6.21 * MIN, clock) - origin).toBeCloseTo(12.42 * 3_600_000, -4);

    const later = origin + 3 * MIN;
    const obs = tideObservations(later, clock, createRng(1));
    expect(obs).toHaveLength(4);
    for (const o of obs) {
      expect(Date.parse(o.observedAt)).toBe(later);
      expect(o.observedAt.endsWith('+07:00')).toBe(true);
      expect(o.id).toBe(`sim-${o.station}-water_level-${later}`);
      expect(Number.isInteger(o.value)).toBe(true);
    }
    // Over 13 wall minutes at speed 120 the Cần Thơ level goes through two highs.
    const xs = simulate(origin, 13 * MIN, 2_000, 120).get('wl-can-tho')!;
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(150);
  });

  it('is reproducible for a seed', () => {
    const t = Date.parse('2026-11-11T07:00:00+07:00');
    const clock = { originMs: t, speed: 1 };
    expect(tideObservations(t, clock, createRng(5))).toEqual(tideObservations(t, clock, createRng(5)));
  });
});
