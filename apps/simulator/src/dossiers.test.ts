import type { ObservationInput } from '@cityioc/contracts';
import { CAN_THO_AREAS, CAN_THO_CATALOGUE, indexCatalogue, validateObservation } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { arrivalRate, DOSSIER_DISTRICTS, dossierObservations, initDossiers, stepDossiers, type DossierOptions, type DossierState } from './dossiers.ts';
import { createRng } from './rng.ts';
import { localMonthKey } from './time.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const at = (s: string) => Date.parse(s);
const index = indexCatalogue(CAN_THO_CATALOGUE);

const CUMULATIVE = ['received', 'receivedOnline', 'feeBearing', 'paidOnline', 'finished', 'finishedOnTime'] as const;

function run(
  state: DossierState,
  fromMs: number,
  toMs: number,
  stepMs: number,
  opts: DossierOptions,
  seed: number,
  onStep?: (prev: DossierState, next: DossierState, t: number) => void,
): DossierState {
  const rng = createRng(seed);
  let s = state;
  for (let t = fromMs + stepMs; t <= toMs; t += stepMs) {
    const next = stepDossiers(s, t, opts, rng).state;
    onStep?.(s, next, t);
    s = next;
  }
  return s;
}

function cityRatio(obs: ObservationInput[], indicator: string): number {
  const xs = obs.filter((o) => o.indicator === indicator);
  return xs.reduce((s, o) => s + o.numerator!, 0) / xs.reduce((s, o) => s + o.denominator!, 0);
}

describe('dossier generator', () => {
  it('covers exactly the nine legacy districts of the catalogue, weighted by population', () => {
    const districts = CAN_THO_AREAS.filter((a) => a.level === 'district').map((a) => a.code);
    expect(DOSSIER_DISTRICTS.map((d) => d.code).sort()).toEqual(districts.sort());
    const largest = [...DOSSIER_DISTRICTS].sort((a, b) => arrivalRate(b) - arrivalRate(a))[0]!;
    expect(largest.name).toBe('Ninh Kiều');
  });

  it('starts a month at zero and mid-month with the month-to-date at real pace', () => {
    const first = initDossiers(at('2026-11-01T00:00:00+07:00'));
    expect(first.monthKey).toBe('2026-11');
    for (const c of Object.values(first.districts)) expect(c.received).toBe(0);
    // Mon 16 Nov 2026 00:00 local: 10 working days (100 office hours) have passed.
    const mid = initDossiers(at('2026-11-16T00:00:00+07:00'));
    const nk = DOSSIER_DISTRICTS.find((d) => d.code === '916')!;
    expect(mid.districts['916']!.received).toBe(Math.round(arrivalRate(nk) * 100));
  });

  it('receives nothing outside office hours unless always-open is set', () => {
    // Friday 18:00 → Monday 06:59 local, real pace.
    const from = at('2026-11-20T18:00:00+07:00');
    const to = at('2026-11-23T06:59:00+07:00');
    const s0 = initDossiers(from);
    const closed = run(s0, from, to, 5 * MIN, { speed: 1, alwaysOpen: false }, 1);
    expect(closed.districts).toEqual(s0.districts);
    const open = run(s0, from, to, 5 * MIN, { speed: 1, alwaysOpen: true }, 1);
    expect(open.districts['916']!.received).toBeGreaterThan(s0.districts['916']!.received);
  });

  it('receives during office hours, faster with acceleration', () => {
    const from = at('2026-11-17T08:00:00+07:00');
    const to = from + HOUR;
    const s0 = initDossiers(from);
    const gain = (speed: number) => {
      const s = run(s0, from, to, MIN, { speed, alwaysOpen: false }, 2);
      return DOSSIER_DISTRICTS.reduce((n, d) => n + s.districts[d.code]!.received - s0.districts[d.code]!.received, 0);
    };
    const real = gain(1);
    const fast = gain(60);
    const expected = DOSSIER_DISTRICTS.reduce((n, d) => n + arrivalRate(d), 0);
    expect(real).toBeGreaterThan(expected * 0.7);
    expect(real).toBeLessThan(expected * 1.3);
    expect(fast / expected).toBeGreaterThan(50);
    expect(fast / expected).toBeLessThan(70);
  });

  it('never lets counters decrease within a month, resets them at the local month boundary, keeps numerators ≤ denominators', () => {
    const from = at('2026-10-29T12:00:00+07:00');
    const to = at('2026-11-02T12:00:00+07:00');
    const boundary = at('2026-11-01T00:00:00+07:00');
    let resets = 0;
    // Plain checks collected into one list: thousands of expect() calls would be slow.
    const problems: string[] = [];
    run(initDossiers(from), from, to, 5 * MIN, { speed: 60, alwaysOpen: true }, 3, (prev, next, t) => {
      if (next.monthKey !== localMonthKey(t)) problems.push(`month key at ${t}`);
      const sameMonth = prev.monthKey === next.monthKey;
      if (!sameMonth) {
        resets++;
        if (t < boundary || t - boundary >= 5 * MIN) problems.push(`reset at ${t}, boundary ${boundary}`);
      }
      for (const d of DOSSIER_DISTRICTS) {
        const a = prev.districts[d.code]!;
        const b = next.districts[d.code]!;
        if (sameMonth) {
          for (const k of CUMULATIVE) if (b[k] < a[k]) problems.push(`${d.code} ${k} decreased at ${t}`);
        } else if (b.received >= a.received / 10) problems.push(`${d.code} not reset at ${t}`);
        if (b.pendingInTime < 0 || b.pendingOverdue < 0) problems.push(`${d.code} negative queue at ${t}`);
      }
      for (const o of dossierObservations(next, t)) {
        if (o.denominator !== undefined ? o.numerator! > o.denominator : o.value! < 0) problems.push(`${o.id} out of range`);
      }
    });
    expect(problems).toEqual([]);
    expect(resets).toBe(1);
  });

  it('lands near the published Cần Thơ rates', () => {
    const from = at('2026-11-02T00:00:00+07:00');
    const s = run(initDossiers(from), from, from + 8 * HOUR, MIN, { speed: 60, alwaysOpen: true }, 4);
    const obs = dossierObservations(s, from + 8 * HOUR);
    expect(cityRatio(obs, 'online_payment_rate')).toBeGreaterThan(0.38);
    expect(cityRatio(obs, 'online_payment_rate')).toBeLessThan(0.46);
    expect(cityRatio(obs, 'dossiers_on_time_rate')).toBeGreaterThanOrEqual(0.95);
    expect(cityRatio(obs, 'dossiers_on_time_rate')).toBeLessThanOrEqual(0.99);
    expect(cityRatio(obs, 'dossiers_online_rate')).toBeGreaterThanOrEqual(0.55);
    expect(cityRatio(obs, 'dossiers_online_rate')).toBeLessThanOrEqual(0.7);
    for (const o of obs.filter((x) => x.indicator === 'dossiers_on_time_rate')) {
      expect(o.numerator! / o.denominator!).toBeGreaterThan(0.93);
    }
    const overdue = obs.filter((o) => o.indicator === 'dossiers_overdue').reduce((n, o) => n + o.value!, 0);
    expect(overdue).toBeGreaterThan(0);
  });

  it('emits five valid observations per district, with deterministic ids', () => {
    const t = at('2026-11-18T09:30:00+07:00');
    const s = initDossiers(t);
    const obs = dossierObservations(s, t);
    expect(obs).toHaveLength(5 * 9);
    for (const o of obs) {
      expect(o.id).toBe(`sim-${o.area}-${o.indicator}-${t}`);
      const r = validateObservation(o, { index, now: t, source: 'simulator' });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    expect(dossierObservations(s, t, ['918'])).toHaveLength(5);
  });

  it('reports which districts changed and is reproducible for a seed', () => {
    const from = at('2026-11-18T09:30:00+07:00');
    const s0 = initDossiers(from);
    const copy = structuredClone(s0);
    const a = stepDossiers(s0, from + 5_000, { speed: 60, alwaysOpen: false }, createRng(9));
    const b = stepDossiers(s0, from + 5_000, { speed: 60, alwaysOpen: false }, createRng(9));
    expect(a).toEqual(b);
    expect(s0).toEqual(copy);
    for (const code of DOSSIER_DISTRICTS.map((d) => d.code)) {
      const moved = JSON.stringify(a.state.districts[code]) !== JSON.stringify(s0.districts[code]);
      // pendingInTime alone may move without a visible change; every reported change is real.
      if (a.changed.includes(code)) expect(moved).toBe(true);
    }
    // Nothing moves at night with office hours honoured.
    const night = at('2026-11-18T22:00:00+07:00');
    expect(stepDossiers(initDossiers(night), night + 5_000, { speed: 60, alwaysOpen: false }, createRng(1)).changed).toEqual([]);
  });
});
