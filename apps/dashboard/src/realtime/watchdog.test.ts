import { describe, expect, it } from 'vitest';
import { visibleNotes } from './recovery-notes.ts';
import {
  mapContextStep,
  silenceLimitMs,
  WATCHDOG_DEFAULTS,
  WATCHDOG_IDLE,
  watchdogStep,
  type LinkView,
  type WatchdogAction,
  type WatchdogState,
} from './watchdog.ts';

const T0 = 1_800_000_000_000;
const S = 1000;

const link = (patch: Partial<LinkView> = {}): LinkView => ({
  connected: true,
  synced: true,
  lastSignalAt: T0,
  startedAt: T0 - 60 * S,
  heartbeatMs: 1000,
  refused: null,
  ...patch,
});

/** Runs the watchdog once a second from `from` to `to` on a link that `at(now)` describes; returns the actions taken with their times. */
function run(at: (now: number) => LinkView, from: number, to: number, state: WatchdogState = WATCHDOG_IDLE) {
  const actions: { t: number; action: WatchdogAction }[] = [];
  let s = state;
  for (let now = from; now <= to; now += S) {
    const step = watchdogStep(s, at(now), now);
    s = step.state;
    if (step.action.kind !== 'none') actions.push({ t: now - from, action: step.action });
  }
  return { actions, state: s };
}

describe('wall watchdog: the link', () => {
  it('does nothing while heartbeats arrive', () => {
    const { actions } = run((now) => link({ lastSignalAt: now - 400 }), T0, T0 + 10 * 60 * S);
    expect(actions).toEqual([]);
  });

  it('waits 10 missed heartbeats (never less than 5 s) before acting', () => {
    expect(silenceLimitMs(1000)).toBe(10_000);
    expect(silenceLimitMs(500)).toBe(5000);
    expect(silenceLimitMs(200)).toBe(5000);
    expect(silenceLimitMs(30_000)).toBe(300_000);
    // silent since T0 on an open socket (a half-open connection): the first re-subscribe at 10 s, not at 9
    const silent = () => link({ lastSignalAt: T0 });
    expect(watchdogStep(WATCHDOG_IDLE, silent(), T0 + 9 * S).action).toEqual({ kind: 'none' });
    expect(watchdogStep(WATCHDOG_IDLE, silent(), T0 + 10 * S).action).toEqual({ kind: 'resubscribe', attempt: 1 });
  });

  it('re-subscribes every 15 s while the silence lasts, three times, then asks for a reload every 15 s', () => {
    const { actions } = run(() => link({ lastSignalAt: T0 }), T0, T0 + 100 * S);
    expect(actions.map((a) => [a.t / S, a.action.kind])).toEqual([
      [10, 'resubscribe'],
      [25, 'resubscribe'],
      [40, 'resubscribe'],
      [55, 'reload'],
      [70, 'reload'],
      [85, 'reload'],
      [100, 'reload'],
    ]);
    expect(actions.slice(0, 3).map((a) => (a.action as { attempt: number }).attempt)).toEqual([1, 2, 3]);
  });

  it('counts the silence in heartbeat periods: at 5 s a beat it waits 50 s', () => {
    const { actions } = run(() => link({ lastSignalAt: T0, heartbeatMs: 5000 }), T0, T0 + 60 * S);
    expect(actions.map((a) => [a.t / S, a.action.kind])).toEqual([[50, 'resubscribe']]);
  });

  it('acts on a socket that is down too (Socket.IO retrying alone), and before the first heartbeat of the page', () => {
    const down = run(() => link({ connected: false, synced: false, lastSignalAt: T0 }), T0, T0 + 12 * S);
    expect(down.actions.map((a) => [a.t / S, a.action.kind])).toEqual([[10, 'resubscribe']]);
    const never = run(() => link({ connected: false, synced: false, lastSignalAt: null, startedAt: T0 }), T0, T0 + 12 * S);
    expect(never.actions.map((a) => [a.t / S, a.action.kind])).toEqual([[10, 'resubscribe']]);
  });

  it('notes the recovery of an outage the wall showed, with its start and end, and starts afresh', () => {
    // heartbeats stop at T0, come back at T0 + 30 s (after two re-subscribes)
    const at = (now: number) => (now < T0 + 30 * S ? link({ lastSignalAt: T0 }) : link({ lastSignalAt: now }));
    const { actions, state } = run(at, T0, T0 + 60 * S);
    expect(actions.map((a) => [a.t / S, a.action.kind])).toEqual([
      [10, 'resubscribe'],
      [25, 'resubscribe'],
      [30, 'recovered'],
    ]);
    expect(actions[2]!.action).toEqual({ kind: 'recovered', since: T0 + 5 * S, at: T0 + 30 * S });
    expect(state).toEqual(WATCHDOG_IDLE);
    // a later silence starts again at attempt 1
    const again = watchdogStep(state, link({ lastSignalAt: T0 + 60 * S }), T0 + 70 * S);
    expect(again.action).toEqual({ kind: 'resubscribe', attempt: 1 });
  });

  it('says nothing about a blip shorter than the banner threshold (5 s)', () => {
    const at = (now: number) => (now < T0 + 4 * S ? link({ lastSignalAt: T0, connected: false, synced: false }) : link({ lastSignalAt: now }));
    expect(run(at, T0, T0 + 20 * S).actions).toEqual([]);
  });

  it('needs the snapshots re-read (synced) and a heartbeat before the link counts as back', () => {
    const connectedNotSynced = watchdogStep({ ...WATCHDOG_IDLE, outageSince: T0 }, link({ synced: false, lastSignalAt: T0 + 20 * S }), T0 + 20 * S);
    expect(connectedNotSynced.action.kind).toBe('none');
    expect(connectedNotSynced.state.outageSince).toBe(T0);
  });

  it('after a reload, the reloaded page notes the recovery from the outage it was told about', () => {
    const step = watchdogStep({ ...WATCHDOG_IDLE, outageSince: T0 }, link({ lastSignalAt: T0 + 90 * S }), T0 + 90 * S);
    expect(step.action).toEqual({ kind: 'recovered', since: T0, at: T0 + 90 * S });
  });

  it('leaves a refused handshake alone (the banner names the refusal; reloading would not help)', () => {
    const { actions } = run(() => link({ connected: false, synced: false, lastSignalAt: T0, refused: 'protocol_mismatch' }), T0, T0 + 120 * S);
    expect(actions).toEqual([]);
  });

  it('uses the configured limits', () => {
    const cfg = { ...WATCHDOG_DEFAULTS, missedBeats: 3, minSilenceMs: 0, outageMs: 1000, retryMs: 2000, maxResubscribes: 1 };
    let s = WATCHDOG_IDLE;
    const kinds: string[] = [];
    for (let now = T0; now <= T0 + 8 * S; now += S) {
      const step = watchdogStep(s, link({ lastSignalAt: T0 }), now, cfg);
      s = step.state;
      kinds.push(step.action.kind);
    }
    expect(kinds).toEqual(['none', 'none', 'none', 'resubscribe', 'none', 'reload', 'none', 'reload', 'none']);
  });
});

describe('wall watchdog: the map', () => {
  it('re-creates the map once a lost WebGL context has not come back within 3 s', () => {
    expect(mapContextStep({ lostAt: null }, T0)).toBe('none');
    expect(mapContextStep({ lostAt: T0 }, T0 + 2999)).toBe('none');
    expect(mapContextStep({ lostAt: T0 }, T0 + 3000)).toBe('recreate');
  });
});

describe('recovery notes', () => {
  it('shows each kind for 10 minutes, newest first', () => {
    const notes = { link: T0, map: T0 + 60 * S };
    expect(visibleNotes(notes, T0 + 2 * 60 * S)).toEqual([
      { kind: 'map', at: T0 + 60 * S },
      { kind: 'link', at: T0 },
    ]);
    expect(visibleNotes(notes, T0 + 10 * 60 * S)).toEqual([{ kind: 'map', at: T0 + 60 * S }]);
    expect(visibleNotes(notes, T0 + 11 * 60 * S)).toEqual([]);
  });
});
