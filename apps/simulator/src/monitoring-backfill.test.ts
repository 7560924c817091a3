import { MAX_BATCH_ITEMS, type ObservationInput } from '@cityioc/contracts';
import {
  AlertEngine,
  CAN_THO_ALERT_RULES,
  CAN_THO_CATALOGUE,
  CAN_THO_DEMO_ALERT_RULES,
  indexCatalogue,
  type AlertRule,
  type AlertSignal,
} from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config.ts';
import { BACKFILL_STEP_MS, monitoringBackfill } from './monitoring-backfill.ts';
import { initAir, stepAir } from './air.ts';
import { createRng } from './rng.ts';
import { alertLevelsCm, DEMO_TIDE_SPEED, M2_PERIOD_MS, tideHistory, tideObservations, WATER_LEVEL_STATIONS, type TideClock } from './tide.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
/** A start off the 5-minute grid, as a real `npm start` is. */
const T0 = Date.parse('2026-11-11T08:03:17.250+07:00');
const CLOCK: TideClock = { originMs: T0, speed: DEMO_TIDE_SPEED, seed: DEFAULT_CONFIG.seed };
const index = indexCatalogue(CAN_THO_CATALOGUE);
const at = (o: ObservationInput) => Date.parse(o.observedAt);
const of = (obs: ObservationInput[], station: string) => obs.filter((o) => o.station === station);

describe('the monitoring back-fill plan', () => {
  const plan = monitoringBackfill(T0, 48, CLOCK, createRng(DEFAULT_CONFIG.seed));

  it('is 48 hours of air (oldest first) before the live readings and of water levels after them, every 5 minutes on the grid', () => {
    expect(new Set(plan.before.map((o) => o.indicator))).toEqual(new Set(['pm25', 'aqi', 'pm10', 'o3', 'no2', 'co', 'so2']));
    expect(new Set(plan.after.map((o) => o.indicator))).toEqual(new Set(['water_level']));
    // 576 instants (48 h of 5 minutes) for every station: 3 air stations × 7 indicators, 4 water-level stations
    expect(plan.before).toHaveLength(576 * 3 * 7);
    expect(plan.after).toHaveLength(576 * WATER_LEVEL_STATIONS.length);
    for (const part of [plan.before, plan.after]) {
      const times = part.map(at);
      expect(times.every((t, i) => t % BACKFILL_STEP_MS === 0 && t < T0 && t >= T0 - 48 * HOUR && (i === 0 || t >= times[i - 1]!))).toBe(true);
      expect(new Set(part.map((o) => o.id)).size).toBe(part.length);
    }
    // without a back-fill the air still gets the 12 hours the NowCast needs
    const none = monitoringBackfill(T0, 0, CLOCK, createRng(1));
    expect([none.before.length, none.after.length]).toEqual([144 * 3 * 7, 0]);
  });

  it('a restart re-creates the same ids for the same instants (the IOC answers duplicate)', () => {
    const later = tideHistory(T0 + 2 * HOUR, 48, BACKFILL_STEP_MS, { ...CLOCK, originMs: T0 + 2 * HOUR });
    const ids = new Set(plan.after.map((o) => o.id));
    expect(later.filter((o) => ids.has(o.id))).toHaveLength(plan.after.length - 24 * WATER_LEVEL_STATIONS.length);
  });

  it('the water levels are the river at its real pace: highs 12 h 25 min apart over BĐ I, ≤ 10 cm an hour, joined to the first live reading', () => {
    for (const st of WATER_LEVEL_STATIONS) {
      const series = of(plan.after, st.id);
      const bd1 = alertLevelsCm(st)[0]!;
      const steps = series.slice(1).map((o, i) => Math.abs(o.value! - series[i]!.value!));
      // 10 cm an hour is 0.83 cm in 5 minutes; the ±1 cm wobble and the rounding to whole cm add at most 1
      expect(Math.max(...steps)).toBeLessThanOrEqual(2);
      // every high crosses BĐ I (a flood-season spring tide)
      const ups = series.filter((o, i) => i > 0 && o.value! >= bd1 && series[i - 1]!.value! < bd1).map(at);
      expect(ups.length).toBeGreaterThanOrEqual(3);
      expect(ups.length).toBeLessThanOrEqual(4);
      // hours apart, not the demo's minutes: the crossing moves with the height of the high (a lower one crosses nearer its top)
      for (let i = 1; i < ups.length; i++) expect(Math.abs(ups[i]! - ups[i - 1]! - M2_PERIOD_MS)).toBeLessThan(3 * HOUR);
      const live = tideObservations(T0, CLOCK).find((o) => o.station === st.id)!;
      expect(Math.abs(live.value! - series.at(-1)!.value!)).toBeLessThanOrEqual(2);
    }
  });
});

/** What the IOC's alert engine derives from the demo's first hour, posted as simulator.ts posts it (batches, receipt times, clock checks). */
function firstHour(rules: AlertRule[], order: 'history-after-live' | 'history-first'): AlertSignal[] {
  const engine = new AlertEngine(index, rules);
  const plan = monitoringBackfill(T0, 48, CLOCK, createRng(DEFAULT_CONFIG.seed));
  const rng = createRng(7);
  let air = initAir(T0, rng);
  const live = (t: number) => {
    const a = stepAir(air, t, rng);
    air = a.state;
    return [...tideObservations(t, CLOCK), ...a.observations];
  };
  const start = order === 'history-after-live' ? [...plan.before, ...live(T0), ...plan.after] : [...plan.before, ...plan.after, ...live(T0)];
  const out: AlertSignal[] = [];
  const post = (batch: ObservationInput[], receivedAt: number) => {
    for (const o of batch)
      out.push(...engine.observe({ indicator: o.indicator, area: o.area, station: o.station ?? null, observedAt: at(o), value: o.value!, receivedAt }));
    out.push(...engine.checkSilence(receivedAt + 100));
  };
  for (let i = 0; i < start.length; i += MAX_BATCH_ITEMS) post(start.slice(i, i + MAX_BATCH_ITEMS), T0 + 200 * (i / MAX_BATCH_ITEMS + 1));
  for (let t = T0 + DEFAULT_CONFIG.monitoringIntervalMs; t <= T0 + HOUR; t += DEFAULT_CONFIG.monitoringIntervalMs) post(live(t), t + 50);
  return out;
}

const raises = (signals: AlertSignal[], rule: string, station = 'wl-can-tho') =>
  signals.filter((s): s is Extract<AlertSignal, { type: 'raise' }> => s.type === 'raise' && s.ruleId === rule && s.station === station);

describe('the demo on the alert rules', () => {
  const signals = firstHour(CAN_THO_DEMO_ALERT_RULES, 'history-after-live');

  it('no alert from the back-fill but the air stations’ silence, each cleared by the station’s first live reading', () => {
    expect(signals.filter((s) => s.type === 'raise' && s.kind !== 'silence' && s.startedAt < T0)).toEqual([]);
    const silent = signals.filter((s): s is Extract<AlertSignal, { type: 'raise' }> => s.type === 'raise' && s.kind === 'silence');
    for (const s of silent) expect(signals.some((c) => c.type === 'cleared' && c.alertId === s.alertId && c.at <= T0 + MIN)).toBe(true);
  });

  it('the water levels of the past posted before the live ones would raise a flood alert for every past high (why they go after)', () => {
    const past = raises(firstHour(CAN_THO_DEMO_ALERT_RULES, 'history-first'), 'flood-band').filter((s) => s.startedAt < T0);
    expect(past.length).toBeGreaterThanOrEqual(3);
  });

  it('a BĐ I crossing raises a flood alert within the first 5 minutes at Cần Thơ, and the next high 20–30 minutes later', () => {
    const flood = raises(signals, 'flood-band');
    expect(flood.length).toBeGreaterThanOrEqual(2);
    expect(flood[0]!.at - T0).toBeLessThan(5 * MIN);
    expect(flood[1]!.at - flood[0]!.at).toBeGreaterThan(20 * MIN);
    expect(flood[1]!.at - flood[0]!.at).toBeLessThan(30 * MIN);
  });

  it('the rise rule judges river hours: quiet on the spring tide, raised within a river hour by a surge the uncompressed rule cannot see', () => {
    for (const st of WATER_LEVEL_STATIONS) expect(raises(signals, 'water-rise', st.id)).toEqual([]);
    // 10 wall minutes of the tide at Cần Thơ with a surge from minute 5: +35 cm per river hour for 1.5 river hours (3 wall minutes)
    const surge = (rules: AlertRule[]) => {
      const e = new AlertEngine(index, rules);
      const out: AlertSignal[] = [];
      for (let t = T0; t <= T0 + 10 * MIN; t += DEFAULT_CONFIG.monitoringIntervalMs) {
        const base = tideObservations(t, CLOCK).find((o) => o.station === 'wl-can-tho')!;
        const riverHours = (Math.min(Math.max(0, t - T0 - 5 * MIN), 3 * MIN) * DEMO_TIDE_SPEED) / HOUR;
        const value = base.value! + Math.round(35 * riverHours);
        out.push(...e.observe({ indicator: 'water_level', area: base.area, station: 'wl-can-tho', observedAt: t, receivedAt: t, value }));
      }
      return raises(out, 'water-rise');
    };
    const compressed = surge(CAN_THO_DEMO_ALERT_RULES);
    expect(compressed).toHaveLength(1);
    expect(compressed[0]!.at - (T0 + 5 * MIN)).toBeLessThan(2 * MIN);
    // uncompressed it needs 30 wall minutes of data (15 river hours) and holds 15 (7.5 river hours): blind to the demo's river
    expect(surge(CAN_THO_ALERT_RULES)).toEqual([]);
  });
});
