import { describe, expect, it } from 'vitest';
import type { Alert } from '@cityioc/contracts';
import { indexCatalogue } from '../catalogue/catalogue-index.ts';
import { CAN_THO_CATALOGUE } from '../geo/can-tho.ts';
import { AlertEngine, type AlertSignal, type Reading } from './engine.ts';
import { CAN_THO_ALERT_RULES } from './rules.ts';
import { applyToAlertTable } from './test-alert-table.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const MIN = 60_000;
const T0 = Date.parse('2026-11-20T06:00:00+07:00');
const silent = CAN_THO_ALERT_RULES.find((r) => r.id === 'water-level-silent')!; // 2 × 300 s = 10 minutes
const wl = (observedAt: number, receivedAt: number, value = 150, station = 'wl-can-tho'): Reading => ({
  indicator: 'water_level',
  area: '916',
  station,
  observedAt,
  receivedAt,
  value,
});

const uncleared = (table: Map<string, Alert>) => [...table.values()].filter((a) => a.clearedAt === null);

/**
 * The reported case: four readings an hour old, 5 minutes apart, each posted on its own (a tick of
 * the silence clock between them), then a current one. `ticks` runs the clock check after each post.
 */
function backfillThenCurrent(engine: AlertEngine, ticks: boolean): { signals: AlertSignal[]; table: Map<string, Alert> } {
  const table = new Map<string, Alert>();
  const signals: AlertSignal[] = [];
  const now0 = T0 + 60 * MIN;
  for (let i = 0; i < 4; i++) {
    const receivedAt = now0 + i * 1000;
    const s = engine.observe(wl(T0 + i * 5 * MIN, receivedAt, 150 + i));
    if (ticks) s.push(...engine.checkSilence(receivedAt + 250));
    applyToAlertTable(table, s, receivedAt);
    signals.push(...s);
  }
  const current = engine.observe(wl(now0 + 10_000, now0 + 10_500, 160));
  applyToAlertTable(table, current, now0 + 10_500);
  signals.push(...current);
  return { signals, table };
}

describe('silence rule: back-filled readings', () => {
  it('four back-filled readings open one silence alert, and the first current reading clears it', () => {
    const { signals, table } = backfillThenCurrent(new AlertEngine(index, [silent]), true);
    expect(signals.map((s) => [s.type, s.alertId])).toEqual([
      ['raise', `water-level-silent:wl-can-tho:${T0}`],
      ['cleared', `water-level-silent:wl-can-tho:${T0}`],
    ]);
    expect(table.size).toBe(1);
    expect(uncleared(table)).toEqual([]);
    // the clear is dated by the current reading's receipt, after the raise (last reading + 10 min)
    expect(table.get(`water-level-silent:wl-can-tho:${T0}`)).toMatchObject({ signalAt: T0 + 60 * MIN + 10_500, clearedAt: T0 + 60 * MIN + 10_500 });
  });

  it('a back-filled reading neither clears the open alert nor opens another; only a fresh one (received within the limit) clears', () => {
    const e = new AlertEngine(index, [silent]);
    e.observe(wl(T0, T0 + 30_000));
    const [raise] = e.checkSilence(T0 + 11 * MIN);
    expect(raise).toMatchObject({ type: 'raise', alertId: `water-level-silent:wl-can-tho:${T0}`, startedAt: T0, at: T0 + 10 * MIN });
    // observed 5 minutes after the last one but received 20 minutes later: still silent
    expect(e.observe(wl(T0 + 5 * MIN, T0 + 25 * MIN))).toEqual([]);
    expect(e.checkSilence(T0 + 26 * MIN)).toEqual([]);
    // observed at 06:09, before the raise's 06:10, received 1 minute later: fresh, and its clear is not dropped
    const [clear] = e.observe(wl(T0 + 26 * MIN, T0 + 27 * MIN));
    expect(clear).toEqual({ type: 'cleared', alertId: raise!.alertId, value: 150, at: T0 + 27 * MIN });
    const table = new Map<string, Alert>();
    applyToAlertTable(table, [raise!], T0 + 11 * MIN);
    applyToAlertTable(table, [clear!], T0 + 27 * MIN);
    expect(uncleared(table)).toEqual([]);
  });

  it('a fresh reading observed before the raise time still clears (the old engine dated the clear by observation and lost it)', () => {
    const e = new AlertEngine(index, [silent]);
    e.observe(wl(T0, T0));
    const raised = e.checkSilence(T0 + 12 * MIN);
    // a reading taken at 06:08, delayed 4 minutes in the network: fresh, but observed before the raise (06:10)
    const cleared = e.observe(wl(T0 + 8 * MIN, T0 + 12 * MIN + 1));
    const table = new Map<string, Alert>();
    applyToAlertTable(table, raised, T0 + 12 * MIN);
    applyToAlertTable(table, cleared, T0 + 12 * MIN + 1);
    expect(uncleared(table)).toEqual([]);
  });

  it('readings of one batch (one receipt time) never raise from the log alone: only the clock does, once the limit has passed since their receipt', () => {
    const e = new AlertEngine(index, [silent]);
    const at = T0 + 60 * MIN;
    const s = [0, 5, 10, 15].flatMap((m) => e.observe(wl(T0 + m * MIN, at)));
    expect(s).toEqual([]);
    // the request may still be committing: its next transaction may hold newer readings
    expect(e.checkSilence(at + 250)).toEqual([]);
    expect(e.checkSilence(at + 10 * MIN)).toEqual([]);
    expect(e.checkSilence(at + 10 * MIN + 1)).toMatchObject([{ type: 'raise', alertId: `water-level-silent:wl-can-tho:${T0 + 15 * MIN}`, at: T0 + 25 * MIN }]);
  });

  it('a history of several stations committed in parts (one request, one receipt time): none looks silent between two parts', () => {
    const e = new AlertEngine(index, [silent]);
    const at = T0 + 48 * 60 * MIN;
    const stations = ['wl-can-tho', 'wl-cai-rang', 'wl-o-mon'];
    // 48 hours every 5 minutes, oldest first across the stations, the newest 5 minutes old; a clock check after every 1,000 readings
    const rows = Array.from({ length: 576 }, (_, k) => stations.map((st) => wl(T0 + k * 5 * MIN - 5 * MIN, at, 150, st))).flat();
    const signals: AlertSignal[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      for (const r of rows.slice(i, i + 1000)) signals.push(...e.observe(r));
      signals.push(...e.checkSilence(at + 1 + i));
    }
    expect(signals).toEqual([]);
    // a live reading of each 5 minutes later keeps them quiet; then silence: each is found silent after its last
    const live = at + 5 * MIN;
    for (const st of stations) expect(e.observe(wl(live - 1000, live, 150, st))).toEqual([]);
    expect(e.checkSilence(live + 10 * MIN)).toEqual([]);
    expect(e.checkSilence(live + 10 * MIN + 1).map((x) => x.alertId)).toEqual(stations.map((st) => `water-level-silent:${st}:${live - 1000}`));
  });
});

describe('silence rule: restart', () => {
  it('a replay of the log (no clock checks) re-derives the open episode: the next clock check and the current reading add nothing new', () => {
    // live: posts with ticks between; the process stops before the current reading
    const live = new AlertEngine(index, [silent]);
    const table = new Map<string, Alert>();
    const now0 = T0 + 60 * MIN;
    const posts = [0, 1, 2, 3].map((i) => wl(T0 + i * 5 * MIN, now0 + i * 1000, 150 + i));
    for (const r of posts) applyToAlertTable(table, [...live.observe(r), ...live.checkSilence(r.receivedAt! + 250)], r.receivedAt!);
    expect(uncleared(table)).toHaveLength(1);

    // restart without a checkpoint: the log is replayed, then the clock runs again
    const replayed = new AlertEngine(index, [silent]);
    const replaySignals = posts.flatMap((r) => replayed.observe(r));
    applyToAlertTable(table, replaySignals, now0 + 5 * MIN);
    applyToAlertTable(table, replayed.checkSilence(now0 + 5 * MIN), now0 + 5 * MIN);
    expect(table.size).toBe(1);
    expect(replayed.exportState()).toEqual(live.exportState());

    // restart from a checkpoint taken after the second post: the tail replay gives the same state
    const cut = new AlertEngine(index, [silent]);
    posts.slice(0, 2).forEach((r) => cut.observe(r));
    cut.checkSilence(posts[1]!.receivedAt! + 250);
    const restored = new AlertEngine(index, [silent]);
    restored.importState(JSON.parse(JSON.stringify(cut.exportState())));
    posts.slice(2).forEach((r) => applyToAlertTable(table, restored.observe(r), now0 + 5 * MIN));
    expect(restored.exportState()).toEqual(live.exportState());

    // the current reading clears the one alert, in every engine alike
    const current = wl(now0 + 6 * MIN, now0 + 6 * MIN + 500, 160);
    const fromReplay = replayed.observe(current);
    expect(restored.observe(current)).toEqual(fromReplay);
    expect(live.observe(current)).toEqual(fromReplay);
    applyToAlertTable(table, fromReplay, current.receivedAt!);
    expect(table.size).toBe(1);
    expect(uncleared(table)).toEqual([]);
  });

  it('engine state of an older checkpoint (without receipt times) still loads', () => {
    const e = new AlertEngine(index, [silent]);
    e.importState({ subjects: [['water-level-silent|wl-can-tho', T0, { state: 'idle' }, { b: 0, pending: null, startedAt: null }, [], T0]] });
    expect(e.observe(wl(T0 + 20 * MIN, T0 + 20 * MIN))).toMatchObject([{ type: 'cleared', alertId: `water-level-silent:wl-can-tho:${T0}` }]);
  });
});
