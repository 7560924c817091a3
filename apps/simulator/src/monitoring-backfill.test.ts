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
import { batchLength } from './lane.ts';
import { AIR_MAX_HOURS, BACKFILL_STEP_MS, monitoringBackfill } from './monitoring-backfill.ts';
import { initAir, stepAir } from './air.ts';
import { createRng } from './rng.ts';
import { alertLevelsCm, DEMO_TIDE_SPEED, M2_PERIOD_MS, tideHistory, tideObservations, WATER_LEVEL_STATIONS, type TideClock } from './tide.ts';

const MIN = 60_000;
/** The IOC commits a request in transactions of at most this many rows (ingest's MAX_ROWS_PER_COMMIT), its silence check free to run between two. */
const IOC_ROWS_PER_COMMIT = 2_000;
const HOUR = 3_600_000;
/** A start off the 5-minute grid, as a real `npm start` is. */
const T0 = Date.parse('2026-11-11T08:03:17.250+07:00');
const CLOCK: TideClock = { originMs: T0, speed: DEMO_TIDE_SPEED, seed: DEFAULT_CONFIG.seed };
const index = indexCatalogue(CAN_THO_CATALOGUE);
const at = (o: ObservationInput) => Date.parse(o.observedAt);
const of = (obs: ObservationInput[], station: string) => obs.filter((o) => o.station === station);

describe('the monitoring back-fill plan', () => {
  const plan = monitoringBackfill(T0, 48, CLOCK, createRng(DEFAULT_CONFIG.seed));

  it('is 48 hours of air (a group per station, oldest first) before the live readings and 48 of water levels after them, every 5 minutes on the grid', () => {
    const air = plan.air.flat();
    expect(new Set(air.map((o) => o.indicator))).toEqual(new Set(['pm25', 'aqi', 'pm10', 'o3', 'no2', 'co', 'so2']));
    expect(new Set(plan.water.map((o) => o.indicator))).toEqual(new Set(['water_level']));
    // 576 instants (48 h of 5 minutes) for each air station × 7 indicators and for each water-level station
    expect(plan.air.map((g) => [g[0]!.station, g.length, new Set(g.map((o) => o.station)).size])).toEqual([
      ['aq-ninh-kieu', 576 * 7, 1],
      ['aq-tra-noc', 576 * 7, 1],
      ['aq-cai-rang', 576 * 7, 1],
    ]);
    expect(plan.water).toHaveLength(576 * WATER_LEVEL_STATIONS.length);
    for (const part of [...plan.air, plan.water]) {
      const times = part.map(at);
      expect(times.every((t, i) => t % BACKFILL_STEP_MS === 0 && t < T0 && t >= T0 - 48 * HOUR && (i === 0 || t >= times[i - 1]!))).toBe(true);
      expect(new Set(part.map((o) => o.id)).size).toBe(part.length);
    }
    // without a back-fill the air still gets the 12 hours the NowCast needs
    const none = monitoringBackfill(T0, 0, CLOCK, createRng(1));
    expect([none.air.flat().length, none.water.length]).toEqual([144 * 3 * 7, 0]);
    // a week asked: the water levels go that far, each station's air only as far as one request holds (59 h)
    const week = monitoringBackfill(T0, 168, CLOCK, createRng(1));
    expect(week.water).toHaveLength(168 * 12 * WATER_LEVEL_STATIONS.length);
    expect(AIR_MAX_HOURS).toBe(59);
    expect(week.air.map((g) => g.length)).toEqual([AIR_MAX_HOURS * 12 * 7, AIR_MAX_HOURS * 12 * 7, AIR_MAX_HOURS * 12 * 7]);
    expect(AIR_MAX_HOURS * 12 * 7).toBeLessThanOrEqual(MAX_BATCH_ITEMS);
  });

  it('a restart re-creates the same ids for the same instants (the IOC answers duplicate)', () => {
    const later = tideHistory(T0 + 2 * HOUR, 48, BACKFILL_STEP_MS, { ...CLOCK, originMs: T0 + 2 * HOUR });
    const ids = new Set(plan.water.map((o) => o.id));
    expect(later.filter((o) => ids.has(o.id))).toHaveLength(plan.water.length - 24 * WATER_LEVEL_STATIONS.length);
  });

  it('the water levels are the river at its real pace: highs 12 h 25 min apart over BĐ I, ≤ 10 cm an hour, joined to the first live reading', () => {
    for (const st of WATER_LEVEL_STATIONS) {
      const series = of(plan.water, st.id);
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

/**
 * What the IOC's alert engine derives from the demo's first hour, posted as simulator.ts posts it: the air history (one
 * request per station: lane.ts's batchLength), the first live readings, the water history, then a live tick every
 * interval; receipt times per request, committed 2,000 rows at a time with a clock check after each, as the IOC does. `history-first`: the water history before the
 * live readings. `air-by-time`: the air history oldest first across stations, cut every MAX_BATCH_ITEMS (before). `air-one-request`: the
 * same in one request, as a feed owner's NDJSON upload.
 */
function firstHour(rules: AlertRule[], order: 'as-sent' | 'history-first' | 'air-by-time' | 'air-one-request'): AlertSignal[] {
  const engine = new AlertEngine(index, rules);
  const plan = monitoringBackfill(T0, 48, CLOCK, createRng(DEFAULT_CONFIG.seed));
  const rng = createRng(7);
  let air = initAir(T0, rng);
  const live = (t: number) => {
    const a = stepAir(air, t, rng);
    air = a.state;
    return [...tideObservations(t, CLOCK), ...a.observations];
  };
  const groups = new WeakMap<ObservationInput, number>();
  const byTime = order === 'air-by-time' || order === 'air-one-request';
  const airFirst = byTime ? plan.air.flat().sort((a, b) => at(a) - at(b)) : plan.air.flat();
  if (!byTime) for (const g of plan.air) groups.set(g[0]!, g.length);
  if (order === 'air-one-request') groups.set(airFirst[0]!, airFirst.length);
  const maxItems = order === 'air-one-request' ? Infinity : MAX_BATCH_ITEMS;
  const start = order === 'history-first' ? [...airFirst, ...plan.water, ...live(T0)] : [...airFirst, ...live(T0), ...plan.water];
  const out: AlertSignal[] = [];
  const post = (batch: ObservationInput[], receivedAt: number) => {
    for (let i = 0; i < batch.length; i += IOC_ROWS_PER_COMMIT) {
      for (const o of batch.slice(i, i + IOC_ROWS_PER_COMMIT))
        out.push(...engine.observe({ indicator: o.indicator, area: o.area, station: o.station ?? null, observedAt: at(o), value: o.value!, receivedAt }));
      out.push(...engine.checkSilence(receivedAt + 100));
    }
  };
  for (let i = 0, k = 1; i < start.length; k++) {
    const n = batchLength(start.slice(i), MAX_BATCH_ITEMS, maxItems, groups);
    post(start.slice(i, i + n), T0 + 200 * k);
    i += n;
  }
  for (let t = T0 + DEFAULT_CONFIG.monitoringIntervalMs; t <= T0 + HOUR; t += DEFAULT_CONFIG.monitoringIntervalMs) post(live(t), t + 50);
  return out;
}

const raises = (signals: AlertSignal[], rule: string, station = 'wl-can-tho') =>
  signals.filter((s): s is Extract<AlertSignal, { type: 'raise' }> => s.type === 'raise' && s.ruleId === rule && s.station === station);

describe('the demo on the alert rules', () => {
  const signals = firstHour(CAN_THO_DEMO_ALERT_RULES, 'as-sent');

  it('no alert from the back-fill: no station looks silent, no past high or episode is raised', () => {
    expect(signals.filter((s) => s.type === 'raise' && (s.kind === 'silence' || s.startedAt < T0))).toEqual([]);
  });

  it('the air history oldest first across stations in one request, committed in several transactions: no station looks silent', () => {
    const signals = firstHour(CAN_THO_DEMO_ALERT_RULES, 'air-one-request');
    expect(signals.filter((s) => s.type === 'raise' && (s.kind === 'silence' || s.startedAt < T0))).toEqual([]);
  });

  it('the air history oldest first across stations in several requests (cut every MAX_BATCH_ITEMS) makes each station look silent at the next one (why a request per station)', () => {
    const silent = firstHour(CAN_THO_DEMO_ALERT_RULES, 'air-by-time').filter((s) => s.type === 'raise' && s.kind === 'silence');
    expect(silent.map((s) => (s.type === 'raise' ? s.station : '')).sort()).toEqual(['aq-cai-rang', 'aq-ninh-kieu', 'aq-tra-noc']);
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
