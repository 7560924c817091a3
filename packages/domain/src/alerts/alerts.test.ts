import { describe, expect, it } from 'vitest';
import type { Alert } from '@cityioc/contracts';
import { indexCatalogue } from '../catalogue/catalogue-index.ts';
import { CAN_THO_CATALOGUE } from '../geo/can-tho.ts';
import { createWorkCalendar } from '../calendar/work-calendar.ts';
import { AlertEngine, type AlertSignal, type RaiseSignal } from './engine.ts';
import { alertFromRaise, applyCommand, applySignal, transitionBlock, type LifecycleCommand, type LifecycleError, type LifecycleResult } from './lifecycle.ts';
import { CAN_THO_ALERT_RULES, ruleSetErrors, type AlertRule, type BandRule } from './rules.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const MIN = 60_000;
const T0 = Date.parse('2026-11-20T06:00:00+07:00'); // a Friday
const wl = (t: number, value: number, station = 'wl-can-tho', area = '31135') => ({ indicator: 'water_level', area, station, observedAt: t, value });

function run(engine: AlertEngine, values: number[], stepMin = 5, start = T0): AlertSignal[] {
  return values.flatMap((v, i) => engine.observe(wl(start + i * stepMin * MIN, v)));
}

describe('threshold rule with hysteresis', () => {
  const rule: AlertRule = { id: 't', kind: 'threshold', indicator: 'water_level', level: { band: 'bd1' }, deadband: 5, holdSec: 600, severity: 'high' };
  it('a level oscillating around BĐ I (180 cm) raises exactly one alert', () => {
    const e = new AlertEngine(index, [rule]);
    // 179 ↔ 182 every 5 minutes for 4 hours: within the deadband it never clears
    const values = Array.from({ length: 48 }, (_, i) => (i % 2 === 0 ? 179 : 182));
    const signals = run(e, [170, 181, 182, 183, ...values]);
    expect(signals.filter((s) => s.type === 'raise')).toHaveLength(1);
    expect(signals.filter((s) => s.type === 'cleared')).toHaveLength(0);
    // the episode starts at the first reading ≥ 180 (06:05) and is confirmed after the 10-minute hold (06:15)
    expect(signals[0]).toMatchObject({ type: 'raise', startedAt: T0 + 5 * MIN, at: T0 + 15 * MIN, level: 180, value: 183, area: '31135' });
    expect((signals[0] as RaiseSignal).title.vi).toContain('BĐ I');
  });
  it('a spike shorter than the hold time raises nothing', () => {
    const e = new AlertEngine(index, [rule]);
    expect(run(e, [170, 185, 170, 186, 170])).toEqual([]);
  });
  it('clears only after the value stays below level − deadband for the hold time, then can raise a new alert', () => {
    const e = new AlertEngine(index, [rule]);
    const s = run(e, [181, 181, 181, 174, 174, 176, 174, 174, 174, 181, 181, 181]);
    expect(s.map((x) => x.type)).toEqual(['raise', 'cleared', 'raise']);
    expect(s[1]!.alertId).toBe(s[0]!.alertId);
    expect(s[2]!.alertId).not.toBe(s[0]!.alertId);
  });
  it('ignores readings older than the newest of the series (late arrivals)', () => {
    const e = new AlertEngine(index, [{ ...rule, holdSec: 0 }]);
    expect(e.observe(wl(T0 + 10 * MIN, 170))).toEqual([]);
    expect(e.observe(wl(T0, 190))).toEqual([]);
  });
});

describe('band rule', () => {
  const rule = CAN_THO_ALERT_RULES.find((r) => r.id === 'flood-band') as BandRule;
  it('one alert per episode: raised at BĐ I, escalated to II and III, de-escalated, cleared below BĐ I − 3 cm', () => {
    const e = new AlertEngine(index, [rule]);
    // 10-minute hold: each band change needs 3 readings 5 minutes apart
    const s = run(e, [175, 181, 182, 183, 191, 192, 193, 201, 202, 203, 195, 194, 193, 179, 179, 179, 176, 176, 176]);
    expect(s.map((x) => [x.type, 'band' in x ? x.band : null])).toEqual([
      ['raise', 'bd1'],
      ['escalated', 'bd2'],
      ['escalated', 'bd3'],
      ['deescalated', 'bd2'],
      ['cleared', null],
    ]);
    expect(new Set(s.map((x) => x.alertId)).size).toBe(1);
    expect(s[2]).toMatchObject({ severity: 'critical' });
    expect((s[0] as RaiseSignal).title.vi).toBe('Trạm thủy văn Cần Thơ (sông Hậu): Mực nước 183 cm — BĐ I (+3 cm)');
  });
  it('compares each station with its own levels: 188 cm is BĐ I at Cần Thơ, nothing at Ô Môn (BĐ I 185 → yes), Thốt Nốt (190 → no)', () => {
    const e = new AlertEngine(index, [{ ...rule, holdSec: 0 }]);
    expect(e.observe(wl(T0, 188, 'wl-thot-not', '31228'))).toEqual([]);
    expect(e.observe(wl(T0, 188, 'wl-o-mon', '31153'))).toMatchObject([{ type: 'raise', band: 'bd1', area: '31153', level: 185 }]);
  });
  it('VN_AQI NowCast bands: poor (≥ 101) raises, a later drop to moderate clears', () => {
    const aqi = CAN_THO_ALERT_RULES.find((r) => r.id === 'aqi-band')!;
    const e = new AlertEngine(index, [aqi]);
    const r = (t: number, value: number) => ({ indicator: 'aqi_nowcast', area: '31174', station: 'aq-tra-noc', observedAt: t, value });
    expect(e.observe(r(T0, 90))).toEqual([]);
    expect(e.observe(r(T0 + 60 * MIN, 120))).toMatchObject([{ type: 'raise', band: 'poor', severity: 'medium' }]);
    expect(e.observe(r(T0 + 120 * MIN, 98))).toEqual([]); // within the 5-point deadband
    expect(e.observe(r(T0 + 180 * MIN, 80))).toMatchObject([{ type: 'cleared' }]);
  });
});

describe('rate-of-rise rule', () => {
  const rule: AlertRule = { id: 'rise', kind: 'rate', indicator: 'water_level', risePerHour: 20, windowSec: 3600, deadband: 5, holdSec: 0, severity: 'medium' };
  it('raises when the level rises faster than 20 cm/h over the last hour', () => {
    const e = new AlertEngine(index, [rule]);
    // +1 cm per 5 minutes = 12 cm/h: nothing; then +3 cm per 5 min = 36 cm/h
    const slow = run(
      e,
      Array.from({ length: 13 }, (_, i) => 150 + i),
    );
    expect(slow).toEqual([]);
    const fast = run(
      e,
      Array.from({ length: 12 }, (_, i) => 162 + 3 * (i + 1)),
      5,
      T0 + 65 * MIN,
    );
    const raise = fast.find((s) => s.type === 'raise') as RaiseSignal;
    expect(raise).toBeDefined();
    expect(raise.kind).toBe('rate');
    expect(fast.filter((s) => s.type === 'raise')).toHaveLength(1);
  });
  it('needs half a window of data before judging a rate', () => {
    const e = new AlertEngine(index, [rule]);
    expect(run(e, [150, 170, 190])).toEqual([]);
  });
});

describe('silence rule (2 × cadence)', () => {
  const rule = CAN_THO_ALERT_RULES.find((r) => r.id === 'water-level-silent')!;
  it('raises once when a station is silent past 2 × 300 s and clears on the next reading', () => {
    const e = new AlertEngine(index, [rule]);
    e.observe(wl(T0, 150));
    expect(e.checkSilence(T0 + 10 * MIN)).toEqual([]);
    const raised = e.checkSilence(T0 + 10 * MIN + 1);
    expect(raised).toMatchObject([{ type: 'raise', kind: 'silence', station: 'wl-can-tho', startedAt: T0, at: T0 + 10 * MIN }]);
    expect(e.checkSilence(T0 + 30 * MIN)).toEqual([]);
    expect(e.observe(wl(T0 + 31 * MIN, 151))).toMatchObject([{ type: 'cleared', alertId: raised[0]!.alertId }]);
  });
  it('never raises for a station never heard from', () => {
    expect(new AlertEngine(index, [rule]).checkSilence(T0)).toEqual([]);
  });
});

describe('determinism', () => {
  it('the same readings give the same alert ids (a replay after a restart raises nothing new)', () => {
    const values = [170, 181, 183, 185, 192, 193, 194, 176, 176, 176];
    const a = run(new AlertEngine(index, CAN_THO_ALERT_RULES), values);
    const b = run(new AlertEngine(index, CAN_THO_ALERT_RULES), values);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});

describe('engine state export (checkpoints)', () => {
  it('export at any cut + JSON + import, then the rest, gives the same signals as one engine fed everything', () => {
    // every default rule; a level that rises fast through BĐ I and II, falls below BĐ I, goes silent, comes back
    const values = [160, 161, 166, 172, 178, 183, 186, 189, 192, 194, 191, 186, 181, 176, 172, 170, 171, 178, 184, 188, 190];
    const readings = values.map((v, i) => wl(T0 + i * 5 * MIN + (i > 15 ? 2 * 60 * MIN : 0), v));
    const reference = new AlertEngine(index, CAN_THO_ALERT_RULES);
    const all: AlertSignal[][] = readings.map((r, i) => [...reference.observe(r), ...(i === 15 ? reference.checkSilence(r.observedAt + 60 * MIN) : [])]);
    expect(all.flat().map((s) => s.type)).toEqual(expect.arrayContaining(['raise', 'escalated', 'cleared']));
    for (let cut = 0; cut <= readings.length; cut++) {
      const first = new AlertEngine(index, CAN_THO_ALERT_RULES);
      readings.slice(0, cut).forEach((r, i) => {
        first.observe(r);
        if (i === 15) first.checkSilence(r.observedAt + 60 * MIN);
      });
      const restored = new AlertEngine(index, CAN_THO_ALERT_RULES);
      restored.importState(JSON.parse(JSON.stringify(first.exportState())));
      const rest = readings.slice(cut).map((r, j) => [...restored.observe(r), ...(cut + j === 15 ? restored.checkSilence(r.observedAt + 60 * MIN) : [])]);
      expect(rest, `cut at ${cut}`).toEqual(all.slice(cut));
    }
  });
  it('importState needs a fresh engine', () => {
    const e = new AlertEngine(index, CAN_THO_ALERT_RULES);
    e.observe(wl(T0, 170));
    expect(() => e.importState(e.exportState())).toThrow(/fresh/);
  });
});

describe('rule sets from configuration', () => {
  it('accepts the default set and names each problem of a bad one', () => {
    expect(ruleSetErrors(CAN_THO_ALERT_RULES, index)).toEqual([]);
    expect(ruleSetErrors({}, index)).toEqual(['the rule set must be a JSON array']);
    const errs = ruleSetErrors(
      [
        { id: 'x', kind: 'threshold', indicator: 'nope', level: 'high', deadband: -1, holdSec: 0, severity: 'urgent' },
        { id: 'x', kind: 'gossip', indicator: 'pm25' },
      ],
      index,
    );
    expect(errs).toEqual([
      "rule 0 (x): unknown indicator 'nope'",
      'rule 0 (x): level must be a number or {"band": id}',
      'rule 0 (x): deadband must be a number ≥ 0',
      'rule 0 (x): severity must be one of low, medium, high, critical',
      'rule 1 (x): duplicate id',
      'rule 1 (x): kind must be threshold, band, rate or silence',
    ]);
  });
});

describe('alert lifecycle', () => {
  const cal = createWorkCalendar();
  const raise = run(
    new AlertEngine(index, [{ id: 't', kind: 'threshold', indicator: 'water_level', level: 180, deadband: 5, holdSec: 0, severity: 'high' }]),
    [185],
  )[0] as RaiseSignal;
  const NOW = Date.parse('2026-11-20T09:00:00+07:00'); // Friday
  const open: Alert = alertFromRaise(raise, NOW);

  it('open → acknowledged → assigned with a deadline in working days → resolved, one audit event each', () => {
    const a = applyCommand(open, { action: 'ack' }, 'Nguyễn Văn An', NOW, cal);
    if (!a.ok) throw new Error(a.error.message);
    expect(a.alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An', revision: 2 });
    expect(a.event).toMatchObject({ action: 'acknowledged', actor: 'Nguyễn Văn An', at: NOW });
    // 2 working days from Friday 20/11: Mon 23, Tue 24 → Tuesday 24/11 17:00 +07:00
    const b = applyCommand(
      a.alert,
      { action: 'assign', unit: 'Phòng Quản lý đô thị Ninh Kiều', deadline: { workingDays: 2 } },
      'Nguyễn Văn An',
      NOW + MIN,
      cal,
    );
    if (!b.ok) throw new Error(b.error.message);
    expect(b.alert).toMatchObject({ status: 'assigned', assignedUnit: 'Phòng Quản lý đô thị Ninh Kiều', deadline: Date.parse('2026-11-24T17:00:00+07:00') });
    const h = applyCommand(b.alert, { action: 'assign', unit: 'Đội cứu hộ', deadline: { hours: 4 } }, 'x', NOW + 2 * MIN, cal);
    expect(h.ok && h.alert.deadline).toBe(NOW + 2 * MIN + 4 * 3_600_000);
    const c = applyCommand(b.alert, { action: 'resolve', note: 'Đã gia cố bờ kè' }, 'Trần Thị Bình', NOW + 60 * MIN, cal);
    if (!c.ok) throw new Error(c.error.message);
    expect(c.alert).toMatchObject({ status: 'resolved', resolvedBy: 'Trần Thị Bình', resolvedAt: NOW + 60 * MIN });
    expect(c.event.note).toBe('Đã gia cố bờ kè');
  });
  it('refuses invalid transitions with 409 and a reason, bad requests with 422', () => {
    const done = (r: LifecycleResult): Alert => {
      if (!r.ok) throw new Error(r.error.message);
      return r.alert;
    };
    const acked = done(applyCommand(open, { action: 'ack' }, 'a', NOW, cal));
    const resolved = done(applyCommand(acked, { action: 'resolve', note: 'ok' }, 'a', NOW, cal));
    const refused: [Alert, LifecycleCommand, Partial<LifecycleError>][] = [
      [open, { action: 'assign', unit: 'U', deadline: { hours: 1 } }, { status: 409, reason: 'invalid_transition' }],
      [open, { action: 'resolve', note: 'x' }, { status: 409, reason: 'invalid_transition' }],
      [acked, { action: 'ack' }, { status: 409, reason: 'invalid_transition', message: expect.stringContaining('already acknowledged') }],
      [acked, { action: 'resolve', note: '  ' }, { status: 422, reason: 'note_required' }],
      [acked, { action: 'assign', unit: ' ', deadline: { hours: 1 } }, { status: 422, reason: 'unit_required' }],
      [resolved, { action: 'ack' }, { status: 409, reason: 'invalid_transition', message: expect.stringContaining('already resolved') }],
    ];
    for (const [alert, cmd, error] of refused) expect(applyCommand(alert, cmd, 'a', NOW, cal)).toMatchObject({ ok: false, error });
    // notes are allowed at any time
    expect(applyCommand(resolved, { action: 'note', note: 'kiểm tra lại sau 1 giờ' }, 'a', NOW, cal)).toMatchObject({
      ok: true,
      event: { action: 'note' },
    });
  });
  it('applies rule signals once: a replayed signal (not newer than signalAt) changes nothing', () => {
    const cleared = applySignal(open, { type: 'cleared', alertId: open.id, value: 170, at: raise.at + 10 * MIN }, NOW);
    expect(cleared?.alert.clearedAt).toBe(raise.at + 10 * MIN);
    expect(applySignal(cleared!.alert, { type: 'cleared', alertId: open.id, value: 170, at: raise.at + 10 * MIN }, NOW)).toBeNull();
    expect(applySignal(open, { type: 'cleared', alertId: open.id, value: 170, at: raise.at }, NOW)).toBeNull();
  });
});

describe('what blocks a lifecycle step (the 409 and the inbox reason)', () => {
  it('names why each step is refused in each state; notes are never blocked', () => {
    const table = (['open', 'acknowledged', 'assigned', 'resolved'] as const).map((s) =>
      (['ack', 'assign', 'resolve', 'note'] as const).map((a) => transitionBlock(s, a)),
    );
    expect(table).toEqual([
      [null, 'ackFirst', 'ackFirst', null],
      ['alreadyAcknowledged', null, null, null],
      ['alreadyAcknowledged', null, null, null],
      ['resolved', 'resolved', 'resolved', null],
    ]);
  });
});
