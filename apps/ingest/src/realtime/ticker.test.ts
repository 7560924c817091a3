import { afterEach, describe, expect, it } from 'vitest';
import type { Delta, Heartbeat, Observation } from '@cityioc/contracts';
import { CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { LiveService } from '../live/live.service.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Broadcaster } from './broadcaster.ts';
import { startTicker, type TickerTimers } from './ticker.ts';

/** Timers on a clock the test moves: timeouts and intervals fire in time order, immediates when the turn ends. */
class ManualTimers implements TickerTimers {
  t = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; every: number | null; fn: () => void }>();
  private immediates = new Map<number, () => void>();
  setTimeout = (fn: () => void, ms: number) => this.add(fn, ms, null);
  setInterval = (fn: () => void, ms: number) => this.add(fn, ms, ms);
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  clearInterval = (h: unknown) => void this.timers.delete(h as number);
  setImmediate = (fn: () => void) => {
    this.immediates.set(++this.seq, fn);
    return this.seq;
  };
  clearImmediate = (h: unknown) => void this.immediates.delete(h as number);
  now = () => this.t;
  private add(fn: () => void, ms: number, every: number | null): number {
    this.timers.set(++this.seq, { at: this.t + ms, every, fn });
    return this.seq;
  }
  /** The end of the current turn. */
  endTurn(): void {
    const run = [...this.immediates.values()];
    this.immediates = new Map();
    for (const fn of run) fn();
  }
  /** Moves the clock to `to`, firing what falls due on the way. */
  advanceTo(to: number): void {
    this.endTurn();
    for (;;) {
      const next = [...this.timers.entries()].filter(([, x]) => x.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      const [id, x] = next;
      this.t = x.at;
      if (x.every === null) this.timers.delete(id);
      else x.at += x.every;
      x.fn();
      this.endTurn();
    }
    this.t = to;
  }
}

const index = indexCatalogue(CAN_THO_CATALOGUE);
let seq = 0;
/** A reading of today's city: phường Ninh Kiều (31135) is live from 1 July 2025. */
const TODAY = Date.parse('2026-11-22T07:00:00+07:00');
function level(value: number): Observation {
  seq++;
  return {
    seq,
    id: `t-${seq}`,
    indicator: 'water_level',
    area: '31135',
    agency: null,
    station: 'wl-can-tho',
    observedAt: TODAY + seq,
    receivedAt: TODAY + seq,
    value,
    numerator: null,
    denominator: null,
    source: 'test',
  };
}

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

function setup(tickMs = 250, fanout?: () => 'ok' | 'degraded') {
  const store = openSqliteStore({ file: ':memory:' });
  const live = new LiveService(index, store, tickMs);
  live.markReady();
  const timers = new ManualTimers();
  const sent: { at: number; delta: Delta }[] = [];
  const beats: Heartbeat[] = [];
  const pushes: number[] = [];
  const clockTicks: number[] = [];
  const broadcaster = {
    delta: (d: Delta) => (sent.push({ at: timers.t, delta: d }), 1),
    heartbeat: (hb: Heartbeat) => beats.push(hb),
  } as unknown as Broadcaster;
  const stop = startTicker({
    live,
    broadcaster,
    clock: () => 1_700_000_000_000 + timers.t,
    tickMs,
    heartbeatMs: 1000,
    fanout,
    beforeTick: (now) => clockTicks.push(now),
    onPush: (_s, deltas) => deltas > 0 && pushes.push(timers.t),
    timers,
  });
  stops.push(stop);
  timers.endTurn(); // the start's own (empty) push
  /** Delivers one committed observation, as the group-commit writer does. */
  const commit = (value: number) => live.applyCommitted([level(value)]);
  const city = () => sent.filter((s) => s.delta.scope === '92');
  return { live, timers, sent, city, beats, pushes, clockTicks, commit, stop };
}

describe('adaptive coalescing', () => {
  it('pushes a change at once when nothing was pushed during the last tick', () => {
    const { timers, city, commit } = setup();
    timers.advanceTo(1000);
    commit(150);
    expect(city()).toHaveLength(0); // not inside the commit: after the turn, with what the commit derived
    timers.endTurn();
    expect(city().map((s) => s.at)).toEqual([1000]);
    // the next quiet change, 500 ms later (one event every 500 ms): at once again
    timers.advanceTo(1500);
    commit(151);
    timers.endTurn();
    expect(city().map((s) => s.at)).toEqual([1000, 1500]);
  });

  it('when busy, coalesces until the end of the tick that started with the last push, then chains the versions', () => {
    const { live, timers, city, commit, pushes } = setup();
    timers.advanceTo(1000);
    commit(150);
    timers.endTurn();
    timers.advanceTo(1010);
    commit(151);
    timers.advanceTo(1100);
    commit(152);
    timers.advanceTo(1249);
    expect(city()).toHaveLength(1);
    timers.advanceTo(1250);
    expect(city()).toHaveLength(2);
    const [first, second] = city().map((s) => s.delta);
    expect(second!.fromVersion).toBe(first!.toVersion);
    expect(second!.toVersion).toBe(live.state.version('92'));
    expect(second!.changes.find((c) => c.key === '31135|wl-can-tho|water_level')?.value).toBe(152);
    // a steady stream: one push per tick, never more
    for (let t = 1260; t < 3000; t += 10) {
      timers.advanceTo(t);
      commit(100 + (t % 50));
    }
    timers.advanceTo(3000);
    const gaps = pushes.slice(1).map((t, i) => t - pushes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    expect(pushes.length).toBe(2 + Math.floor((3000 - 1250) / 250));
  });

  it('keeps the clock work and the heartbeat on their periods, and stops everything', () => {
    const { timers, beats, clockTicks, commit, city, stop } = setup();
    timers.advanceTo(2000);
    expect(clockTicks).toHaveLength(8);
    expect(beats.map((b) => b.tickMs)).toEqual([250, 250]);
    commit(150);
    stop();
    timers.advanceTo(5000);
    expect(city()).toHaveLength(0);
    expect(beats).toHaveLength(2);
  });

  it("says in every heartbeat whether the pushes across nodes get through: 'ok' alone, the Redis link's state read at each beat", () => {
    expect(
      (() => {
        const { timers, beats } = setup();
        timers.advanceTo(1000);
        return beats.map((b) => b.fanout);
      })(),
    ).toEqual(['ok']);
    let redisUp = true;
    const { timers, beats } = setup(250, () => (redisUp ? 'ok' : 'degraded'));
    timers.advanceTo(1000);
    redisUp = false;
    timers.advanceTo(3000);
    redisUp = true;
    timers.advanceTo(4000);
    expect(beats.map((b) => b.fanout)).toEqual(['ok', 'degraded', 'degraded', 'ok']);
  });
});
