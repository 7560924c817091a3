import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../catalogue/catalogue-index.ts';
import { seededRandom } from '../random/seeded-random.ts';
import { CAN_THO_CATALOGUE } from '../geo/can-tho.ts';
import { AlertEngine, type AlertSignal } from './engine.ts';
import { IDLE, stepHysteresis, type Hysteresis } from './hysteresis.ts';
import { RateWindow } from './rate-window.ts';
import type { RateRule } from './rules.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const T0 = Date.parse('2026-11-20T06:00:00+07:00');

/** Readings of one station: mostly in order, with repeated times, late (out-of-order) readings and bursts. */
function sequence(r: () => number, n: number): { t: number; v: number }[] {
  const out: { t: number; v: number }[] = [];
  let t = T0;
  let v = 150;
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.1)
      t += 0; // the same time again
    else if (roll < 0.2)
      t -= Math.floor(r() * 20 * 60_000); // a late reading, older than the newest
    else if (roll < 0.5)
      t += Math.floor(r() * 2_000); // a burst, milliseconds apart
    else t += Math.floor(r() * 10 * 60_000);
    v += Math.round((r() - 0.35) * 8);
    out.push({ t, v });
  }
  return out;
}

/** The rate rule as the engine computed it before: an array of the window's readings trimmed with shift(). */
function referenceSignals(rule: RateRule, readings: { t: number; v: number }[]): [string, string, number, number | null][] {
  let lastAt = -Infinity;
  let h: Hysteresis = IDLE;
  const w: { t: number; v: number }[] = [];
  const out: [string, string, number, number | null][] = [];
  for (const { t, v } of readings) {
    if (t <= lastAt) continue;
    lastAt = t;
    w.push({ t, v });
    while (w.length > 1 && t - w[0]!.t > rule.windowSec * 1000) w.shift();
    const first = w[0]!;
    if (t - first.t < (rule.windowSec * 1000) / 2) continue;
    const perHour = ((v - first.v) / (t - first.t)) * 3_600_000;
    const step = stepHysteresis(h, t, perHour >= rule.risePerHour, perHour < rule.risePerHour - rule.deadband, rule.holdSec * 1000);
    h = step.next;
    if (step.signal) out.push([step.signal.type === 'on' ? 'raise' : 'cleared', `${rule.id}:wl-can-tho:${step.signal.startedAt}`, t, v]);
  }
  return out;
}

const brief = (s: AlertSignal): [string, string, number, number | null] => [s.type, s.alertId, s.at, s.value];

describe('RateWindow', () => {
  it('keeps the same readings as an array trimmed with shift(), at every step', () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= 50; seed++) {
      const r = seededRandom(seed);
      const span = 1_000 + Math.floor(r() * 3_600_000);
      const w = new RateWindow(2);
      const ref: { t: number; v: number }[] = [];
      let t = T0;
      for (let i = 0; i < 2_000; i++) {
        t += r() < 0.2 ? 0 : Math.floor(r() * (r() < 0.5 ? 2_000 : 600_000));
        const v = Math.round(r() * 300);
        w.push(t, v, span);
        ref.push({ t, v });
        while (ref.length > 1 && t - ref[0]!.t > span) ref.shift();
        if (w.size !== ref.length || w.firstTime() !== ref[0]!.t || w.firstValue() !== ref[0]!.v) mismatches.push(`seed ${seed}, step ${i}`);
      }
      expect(w.toJSON()).toEqual(ref);
      expect(RateWindow.from(w.toJSON()).toJSON()).toEqual(ref);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('rate rule: the constant-cost window gives the same signals as before', () => {
  it('on random sequences with repeated, late and burst readings, and across a checkpoint at a random cut', () => {
    let signals = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = seededRandom(seed);
      const rule: RateRule = {
        id: 'rise',
        kind: 'rate',
        indicator: 'water_level',
        risePerHour: 5 + Math.floor(r() * 40),
        windowSec: 60 + Math.floor(r() * 3600),
        deadband: Math.floor(r() * 10),
        holdSec: r() < 0.5 ? 0 : Math.floor(r() * 1800),
        severity: 'medium',
      };
      const readings = sequence(r, 400);
      const expected = referenceSignals(rule, readings);
      const reading = (x: { t: number; v: number }) => ({ indicator: 'water_level', area: '916', station: 'wl-can-tho', observedAt: x.t, value: x.v });
      const e = new AlertEngine(index, [rule]);
      expect(readings.flatMap((x) => e.observe(reading(x))).map(brief), `seed ${seed}`).toEqual(expected);

      const cut = Math.floor(r() * readings.length);
      const before = new AlertEngine(index, [rule]);
      const head = readings.slice(0, cut).flatMap((x) => before.observe(reading(x)));
      const after = new AlertEngine(index, [rule]);
      after.importState(JSON.parse(JSON.stringify(before.exportState())));
      const tail = readings.slice(cut).flatMap((x) => after.observe(reading(x)));
      expect([...head, ...tail].map(brief), `seed ${seed}, cut ${cut}`).toEqual(expected);
      signals += expected.length;
    }
    // the sequences do exercise the rule
    expect(signals).toBeGreaterThan(200);
  });
});
