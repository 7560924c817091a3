import { describe, expect, it } from 'vitest';
import { cell, delta, snapshot } from '../test/fixtures.ts';
import { applyDelta } from './live-store.ts';

const received = cell('92', null, 'dossiers_received', 1164);
const overdue = cell('92', null, 'dossiers_overdue', 12);
const base = snapshot([received, overdue], { version: 10 });

describe('applyDelta', () => {
  it('replaces changed cells by key, keeps the others, and moves to toVersion', () => {
    const r = applyDelta(base, delta(10, 14, [{ ...received, value: 1170, eventId: 'x' }]));
    expect(r.outcome).toBe('applied');
    expect(r.needsResync).toBe(false);
    expect(r.state!.version).toBe(14);
    expect(r.state!.serverTime).toBe(base.serverTime + 1000);
    expect(r.state!.cells.map((c) => [c.key, c.value])).toEqual([
      ['92||dossiers_received', 1170],
      ['92||dossiers_overdue', 12],
    ]);
    expect(base.cells[0]!.value).toBe(1164); // the input is not mutated
  });

  it('appends cells it has not seen before', () => {
    const wl = cell('916', 'wl-can-tho', 'water_level', 182);
    const r = applyDelta(base, delta(10, 11, [wl]));
    expect(r.state!.cells).toHaveLength(3);
    expect(r.state!.cells[2]).toBe(wl);
  });

  it('applies a delta that overlaps what we hold (fromVersion < version < toVersion)', () => {
    const r = applyDelta(base, delta(8, 12, [{ ...overdue, value: 13 }]));
    expect(r.outcome).toBe('applied');
    expect(r.state!.version).toBe(12);
  });

  it('ignores a delta we already have, returning the same object', () => {
    for (const d of [delta(9, 10, [{ ...received, value: 1 }]), delta(5, 7, [])]) {
      const r = applyDelta(base, d);
      expect(r).toEqual({ state: base, needsResync: false, outcome: 'ignored' });
      expect(r.state).toBe(base);
    }
  });

  it('asks for a resync on a gap and keeps the old state', () => {
    const r = applyDelta(base, delta(11, 15, [{ ...received, value: 2000 }]));
    expect(r.outcome).toBe('gap');
    expect(r.needsResync).toBe(true);
    expect(r.state).toBe(base);
  });

  it('asks for a resync when the epoch changed, even with a lower version', () => {
    const r = applyDelta(base, delta(0, 3, [received], { epoch: 'e2' }));
    expect(r.outcome).toBe('epoch');
    expect(r.needsResync).toBe(true);
  });

  it('asks for a resync when it has no snapshot, and ignores other scopes', () => {
    expect(applyDelta(undefined, delta(0, 1, [])).needsResync).toBe(true);
    expect(applyDelta(base, delta(10, 11, [], { scope: '916' })).outcome).toBe('ignored');
  });

  it('folds a sequence of contiguous deltas into the same state as their union', () => {
    let s = base;
    s = applyDelta(s, delta(10, 11, [{ ...received, value: 1165 }])).state!;
    s = applyDelta(s, delta(11, 13, [{ ...overdue, value: 11 }])).state!;
    s = applyDelta(s, delta(13, 14, [{ ...received, value: 1166 }])).state!;
    expect(s.version).toBe(14);
    expect(s.cells.map((c) => c.value)).toEqual([1166, 11]);
  });
});
