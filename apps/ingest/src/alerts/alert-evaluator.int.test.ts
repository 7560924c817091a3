import { afterEach, describe, expect, it } from 'vitest';
import type { AlertPush, Observation } from '@cityioc/contracts';
import { CAN_THO_CATALOGUE, createWorkCalendar, indexCatalogue, type AlertRule } from '@cityioc/domain';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { AlertService } from './alert.service.ts';

/**
 * Several nodes (issue 16): every node's AlertService derives the signals of the shared log, only
 * the evaluator (the holder of the advisory lock) stores them. A follower holds its signals until
 * the evaluator's stored position covers them, and stores them itself when it takes over.
 */
const RULE: AlertRule = { id: 'wl-test', kind: 'threshold', indicator: 'water_level', level: 200, deadband: 5, holdSec: 0, severity: 'high' };
const T0 = Date.parse('2026-11-20T08:00:00+07:00');
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) void s.close();
});

/** Readings seq from..to of wl-cai-rang: every 5th above the level (one episode each), the rest below it. */
function readings(from: number, to: number): Observation[] {
  const out: Observation[] = [];
  for (let seq = from; seq <= to; seq++)
    out.push({
      seq,
      id: `r${seq}`,
      indicator: 'water_level',
      area: '31201',
      agency: null,
      station: 'wl-cai-rang',
      observedAt: T0 + seq * 60_000,
      receivedAt: T0 + seq * 60_000,
      value: seq % 5 === 0 ? 230 : 150,
      numerator: null,
      denominator: null,
      source: 'test',
    });
  return out;
}

function node(store: Store) {
  const pushes: AlertPush[] = [];
  const alerts = new AlertService(
    indexCatalogue(CAN_THO_CATALOGUE),
    store,
    createWorkCalendar(),
    [RULE],
    () => T0 + 3600_000,
    (p) => pushes.push(p),
  );
  alerts.goLive();
  return { alerts, pushes };
}

/** Two nodes on one store: the evaluator (lead) and a follower (which holds its signals instead of storing them). */
function evaluatorAndFollower() {
  const store = openSqliteStore({ file: ':memory:' });
  stores.push(store);
  const lead = node(store);
  const follow = node(store);
  follow.alerts.setLeader(false);
  return { store, lead, follow };
}

async function raisedOnce(store: Store): Promise<{ starts: number[]; raisedEvents: number }> {
  const list = await store.listAlerts({ limit: 100 });
  let raisedEvents = 0;
  for (const a of list) raisedEvents += (await store.alertEvents(a.id)).filter((e) => e.action === 'raised').length;
  return { starts: list.map((a) => a.startedAt).sort((x, y) => x - y), raisedEvents };
}

const startsOf = (from: number, to: number) =>
  readings(from, to)
    .filter((r) => r.value === 230)
    .map((r) => r.observedAt);

describe('one alert evaluator among several nodes', () => {
  it('a follower stores nothing and forgets what the evaluator covered; after the evaluator dies it raises what is due, nothing twice', async () => {
    const { store, lead, follow } = evaluatorAndFollower();
    for (const n of [lead, follow]) n.alerts.observe(readings(1, 20));
    await lead.alerts.flush();
    await follow.alerts.flush();
    expect(follow.pushes).toEqual([]);
    expect(follow.alerts.heldCount).toBeGreaterThan(0);
    expect(lead.alerts.storedUpTo()).toBe(20);
    follow.alerts.dropCovered(lead.alerts.storedUpTo());
    expect(follow.alerts.heldCount).toBe(0);

    // the evaluator dies: readings 21..40 reach only the follower, which holds their signals, then takes the lock
    follow.alerts.observe(readings(21, 40));
    expect(follow.pushes).toEqual([]);
    follow.alerts.setLeader(true);
    await follow.alerts.flush();
    expect(await raisedOnce(store)).toEqual({ starts: startsOf(1, 40), raisedEvents: startsOf(1, 40).length });
    expect(follow.pushes.filter((p) => p.event.action === 'raised').map((p) => p.alert.startedAt)).toEqual(startsOf(21, 40));
  });

  it('a takeover before the evaluator published its position stores again what was stored: idempotent, nothing raised twice', async () => {
    const { store, lead, follow } = evaluatorAndFollower();
    for (const n of [lead, follow]) n.alerts.observe(readings(1, 30));
    await lead.alerts.flush();
    follow.alerts.setLeader(true);
    await follow.alerts.flush();
    expect(await raisedOnce(store)).toEqual({ starts: startsOf(1, 30), raisedEvents: startsOf(1, 30).length });
    expect(follow.pushes.filter((p) => p.event.action === 'raised')).toEqual([]);
  });

  it('a follower checkpoint carries the held signals; restored on the evaluator, they are stored', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    stores.push(store);
    const follow = node(store);
    follow.alerts.setLeader(false);
    follow.alerts.observe(readings(1, 10));
    const state = JSON.parse(JSON.stringify(follow.alerts.exportState())) as ReturnType<AlertService['exportState']>;
    expect(state.pending.filter((s) => s.type === 'raise')).toHaveLength(2);
    const restarted = node(store);
    restarted.alerts.importState(state);
    await restarted.alerts.flush();
    expect(await raisedOnce(store)).toEqual({ starts: startsOf(1, 10), raisedEvents: 2 });
  });
});
