import { describe, expect, it } from 'vitest';
import type { Observation } from '@cityioc/contracts';
import { indexCatalogue } from '../catalogue/catalogue-index.ts';
import { CAN_THO_CATALOGUE, CAN_THO_REGISTRY } from '../geo/can-tho.ts';
import { LiveState } from './live-state.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE, CAN_THO_REGISTRY);
/** Today's communes (from 1 July 2025): the running tree of the live state. */
const T0 = Date.parse('2026-11-22T00:00:00+07:00');
let seq = 0;
function o(p: Partial<Observation> & Pick<Observation, 'id' | 'indicator' | 'area'>): Observation {
  return {
    seq: ++seq,
    agency: null,
    station: null,
    observedAt: T0 + 1000,
    receivedAt: 1000,
    value: null,
    numerator: null,
    denominator: null,
    source: 't',
    ...p,
  };
}
const val = (s: LiveState, scope: string, key: string) => s.snapshot(scope).cells.find((c) => c.key === key);

describe('LiveState aggregation up the area tree', () => {
  it('ratio: Σnumerator/Σdenominator over communes and agencies, not the mean of rates', () => {
    const s = new LiveState(index);
    s.apply(o({ id: 'a', indicator: 'online_payment_rate', area: '31135', agency: 'A', numerator: 1, denominator: 10 }));
    s.apply(o({ id: 'b', indicator: 'online_payment_rate', area: '31135', agency: 'B', numerator: 9, denominator: 10 }));
    s.apply(o({ id: 'c', indicator: 'online_payment_rate', area: '31153', numerator: 80, denominator: 80 }));
    const city = val(s, '92', '92||online_payment_rate')!;
    expect(city.numerator).toBe(90);
    expect(city.denominator).toBe(100);
    expect(city.value).toBeCloseTo(0.9, 12); // the mean of 10 %, 90 %, 100 % would be 66.7 %
    expect(city.count).toBe(3);
    expect(val(s, '92', '31135||online_payment_rate')!.value).toBeCloseTo(0.5, 12);
  });

  it('ratio with a zero denominator is null, not 0 or NaN', () => {
    const s = new LiveState(index);
    s.apply(o({ id: 'a', indicator: 'dossiers_on_time_rate', area: '31135', numerator: 0, denominator: 0 }));
    expect(val(s, '92', '92||dossiers_on_time_rate')!.value).toBeNull();
  });

  it('sum replaces a series value rather than adding a new one', () => {
    const s = new LiveState(index);
    s.apply(o({ id: 'a', indicator: 'dossiers_received', area: '31135', value: 10 }));
    s.apply(o({ id: 'b', indicator: 'dossiers_received', area: '31153', value: 5 }));
    s.apply(o({ id: 'c', indicator: 'dossiers_received', area: '31135', value: 12, observedAt: T0 + 2000 }));
    expect(val(s, '92', '92||dossiers_received')!.value).toBe(17);
  });

  it('avg is the mean of the latest value of each series', () => {
    const s = new LiveState(index);
    s.apply(o({ id: 'a', indicator: 'pm25', area: '31135', station: 'aq-ninh-kieu', value: 10 }));
    s.apply(o({ id: 'b', indicator: 'pm25', area: '31174', station: 'aq-tra-noc', value: 30 }));
    s.apply(o({ id: 'c', indicator: 'pm25', area: '31174', station: 'aq-tra-noc', value: 50, observedAt: T0 + 3000 }));
    expect(val(s, '92', '92||pm25')!.value).toBe(30);
  });

  it('max follows the highest station, and finds the next one when the holder drops', () => {
    const s = new LiveState(index);
    s.apply(o({ id: 'a', indicator: 'water_level', area: '31135', station: 'wl-can-tho', value: 195 }));
    s.apply(o({ id: 'b', indicator: 'water_level', area: '31201', station: 'wl-cai-rang', value: 170 }));
    s.apply(o({ id: 'c', indicator: 'water_level', area: '31153', station: 'wl-o-mon', value: 150 }));
    expect(val(s, '92', '92||water_level')!.value).toBe(195);
    s.apply(o({ id: 'd', indicator: 'water_level', area: '31135', station: 'wl-can-tho', value: 120, observedAt: T0 + 2000 }));
    expect(val(s, '92', '92||water_level')!.value).toBe(170);
    expect(val(s, '92', '31135|wl-can-tho|water_level')!.value).toBe(120);
  });

  it('an older observation arriving late is ignored; any arrival order gives the same state', () => {
    const events = [
      o({ id: 'x1', indicator: 'water_level', area: '31135', station: 'wl-can-tho', value: 150, observedAt: T0 + 1000 }),
      o({ id: 'x2', indicator: 'water_level', area: '31135', station: 'wl-can-tho', value: 160, observedAt: T0 + 3000 }),
      o({ id: 'x3', indicator: 'water_level', area: '31135', station: 'wl-can-tho', value: 155, observedAt: T0 + 2000 }),
      o({ id: 'x4', indicator: 'water_level', area: '31135', station: 'wl-can-tho', value: 170, observedAt: T0 + 3000 }),
    ];
    const run = (order: number[]) => {
      const s = new LiveState(index);
      for (const i of order) s.apply(events[i]!);
      return s.snapshot('92').cells.map((c) => [c.key, c.value]);
    };
    const ref = run([0, 1, 2, 3]);
    expect(ref).toContainEqual(['31135|wl-can-tho|water_level', 170]); // equal times: the larger id wins
    expect(run([3, 2, 1, 0])).toEqual(ref);
    expect(run([2, 0, 3, 1])).toEqual(ref);
  });

  it('scopes: the city sees its communes and all stations; a commune sees only its own', () => {
    const s = new LiveState(index);
    s.apply(o({ id: 'a', indicator: 'water_level', area: '31201', station: 'wl-cai-rang', value: 100 }));
    expect(
      s
        .snapshot('92')
        .cells.map((c) => c.key)
        .sort(),
    ).toEqual(['31201_wl', '31201||water_level', '92||water_level'].map((k) => (k === '31201_wl' ? '31201|wl-cai-rang|water_level' : k)).sort());
    expect(
      s
        .snapshot('31201')
        .cells.map((c) => c.key)
        .sort(),
    ).toEqual(['31201|wl-cai-rang|water_level', '31201||water_level']);
    expect(s.snapshot('31135').cells).toEqual([]);
  });

  it('deltas chain versions per scope and carry only changed cells, coalesced', () => {
    const s = new LiveState(index);
    const a = o({ id: 'a', indicator: 'dossiers_received', area: '31135', value: 1 });
    const b = o({ id: 'b', indicator: 'dossiers_received', area: '31135', value: 2, observedAt: T0 + 2000 });
    s.apply(a);
    s.apply(b);
    const d1 = s.drain();
    const city = d1.find((d) => d.scope === '92')!;
    expect(city).toMatchObject({ fromVersion: 0, toVersion: b.seq });
    expect(city.changes.map((c) => [c.key, c.value]).sort()).toEqual([
      ['31135||dossiers_received', 2],
      ['92||dossiers_received', 2],
    ]);
    expect(s.drain()).toEqual([]);
    const c = o({ id: 'c', indicator: 'dossiers_received', area: '31153', value: 5 });
    s.apply(c);
    const d2 = s.drain();
    expect(d2.find((d) => d.scope === '92')).toMatchObject({ fromVersion: b.seq, toVersion: c.seq });
    expect(d2.find((d) => d.scope === '31135')).toBeUndefined();
    expect(s.version('31135')).toBe(b.seq);
  });

  it('old-coded data of before the reform is not in today’s cells; a commune’s data from the reform is', () => {
    const s = new LiveState(index);
    const before = Date.parse('2025-06-30T12:00:00+07:00');
    // a 2025 reading of the old district, and of the old ward whose code phường Ninh Kiều took over
    expect(s.apply(o({ id: 'old1', indicator: 'dossiers_received', area: '916', value: 7, observedAt: before }))).toBe(false);
    expect(s.apply(o({ id: 'old2', indicator: 'dossiers_received', area: '31135', value: 9, observedAt: before }))).toBe(false);
    expect(s.snapshot('92').cells).toEqual([]);
    expect(s.apply(o({ id: 'new', indicator: 'dossiers_received', area: '31135', value: 4, observedAt: Date.parse('2025-07-01T00:00:00+07:00') }))).toBe(true);
    expect(val(s, '92', '92||dossiers_received')!.value).toBe(4);
    // the city continues across the reform: its own figures of before still count
    expect(s.apply(o({ id: 'city', indicator: 'e_document_rate', area: '92', numerator: 1, denominator: 2, observedAt: before }))).toBe(true);
  });

  it('markAllEmitted starts deltas from the rebuilt versions', () => {
    const s = new LiveState(index);
    const a = o({ id: 'a', indicator: 'dossiers_received', area: '31135', value: 1 });
    s.apply(a);
    s.markAllEmitted();
    expect(s.drain()).toEqual([]);
    const b = o({ id: 'b', indicator: 'dossiers_received', area: '31135', value: 3, observedAt: T0 + 5000 });
    s.apply(b);
    expect(s.drain().find((d) => d.scope === '92')).toMatchObject({ fromVersion: a.seq, toVersion: b.seq });
  });
});

describe('LiveState checkpoints (exportState / importState)', () => {
  // max (water level), last, sum, avg and ratio series with ties on observedAt and fractional values
  function log(n: number): Observation[] {
    let x = 11;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    return Array.from({ length: n }, (_, i) => {
      const at = T0 + 1000 + Math.floor(rnd() * 50) * 10;
      const area = ['31135', '31153', '31201'][Math.floor(rnd() * 3)]!;
      switch (i % 4) {
        case 0:
          return o({
            id: `w${i}`,
            indicator: 'water_level',
            area,
            station: `st-${area}`,
            observedAt: at,
            value: rnd() < 0.1 ? null : Math.round(rnd() * 3000) / 7,
          });
        case 1:
          return o({ id: `r${i}`, indicator: 'e_document_rate', area, agency: `A${i % 5}`, observedAt: at, numerator: rnd() * 10, denominator: 10 });
        case 2:
          return o({ id: `s${i}`, indicator: 'citizen_reports_received', area, observedAt: at, value: rnd() * 100 });
        default:
          return o({ id: `a${i}`, indicator: 'aqi', area, station: `aq-${area}`, observedAt: at, value: Math.round(rnd() * 300) });
      }
    });
  }
  const all = (s: LiveState) => ['92', '31135', '31153', '31201'].map((scope) => s.snapshot(scope));

  it('export at any point + import + the rest of the log = the whole log applied, bit for bit', () => {
    const events = log(4000);
    const full = new LiveState(index);
    for (const e of events) full.apply(e);
    for (const cut of [0, 1, 1234, 3999]) {
      const head = new LiveState(index);
      for (const e of events.slice(0, cut)) head.apply(e);
      const restored = new LiveState(index);
      restored.importState(JSON.parse(JSON.stringify(head.exportState())) as ReturnType<LiveState['exportState']>);
      for (const e of events.slice(cut)) restored.apply(e);
      expect(all(restored)).toEqual(all(full));
      expect(restored.seq).toBe(full.seq);
    }
  });

  it('leaves out excluded indicators and refuses inconsistent data without changing the state', () => {
    const s = new LiveState(index);
    for (const e of log(40)) s.apply(e);
    const data = s.exportState((i) => i !== 'aqi');
    expect(data.nodes.some((n) => n[3] === 'aqi')).toBe(false);
    expect(data.leaves.some((l) => l[0].startsWith('aqi|'))).toBe(false);
    const bad = { ...data, leaves: [...data.leaves, ['x', ['nope||water_level'], 1, 'x', 1, null, null] as (typeof data.leaves)[number]] };
    const t = new LiveState(index);
    expect(() => t.importState(bad)).toThrow(/missing cell/);
    expect(t.snapshot('92').cells).toEqual([]);
  });
});
