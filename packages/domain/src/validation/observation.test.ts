import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../catalogue/catalogue-index.ts';
import { CAN_THO_CATALOGUE, CAN_THO_REGISTRY } from '../geo/can-tho.ts';
import { MAX_FUTURE_MS, referenceErrors, validateObservation } from './observation.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE, CAN_THO_REGISTRY);
const now = Date.parse('2026-11-22T08:00:00+07:00');
const ctx = { index, now, source: 'sim' };

describe('validateObservation', () => {
  it('turns a good item into a stored observation with the source and receipt time', () => {
    const r = validateObservation(
      { id: 'a', indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: '2026-11-22T07:59:00+07:00', value: 181 },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      observation: {
        id: 'a',
        indicator: 'water_level',
        area: '31135',
        agency: null,
        station: 'wl-can-tho',
        observedAt: now - 60_000,
        receivedAt: now,
        value: 181,
        numerator: null,
        denominator: null,
        source: 'sim',
      },
    });
  });

  it('accepts an observation up to the clock-skew allowance ahead, not beyond', () => {
    const at = (ms: number) => new Date(now + ms).toISOString();
    expect(validateObservation({ id: 'a', indicator: 'aqi', area: '31135', observedAt: at(MAX_FUTURE_MS), value: 50 }, ctx).ok).toBe(true);
    expect(validateObservation({ id: 'a', indicator: 'aqi', area: '31135', observedAt: at(MAX_FUTURE_MS + 1), value: 50 }, ctx)).toMatchObject({
      ok: false,
      errors: [{ field: '/observedAt', reason: 'in_future' }],
    });
  });

  it('refuses an observation dated before the minimum with implausible_date alone, whatever else is wrong', () => {
    const min = Date.parse('2015-01-01T00:00:00+07:00');
    const old = { id: 'a', indicator: 'nope', area: '1', observedAt: '1970-01-01T00:00:00Z', value: 50 };
    expect(validateObservation(old, { ...ctx, minMs: min })).toEqual({
      ok: false,
      errors: [
        {
          field: '/observedAt',
          reason: 'implausible_date',
          message: 'observedAt 1970-01-01T00:00:00Z is before the earliest date the IOC accepts (IOC_DATE_MIN)',
        },
      ],
    });
    expect(validateObservation({ ...old, indicator: 'aqi', area: '92', observedAt: '2015-01-01T00:00:00+07:00' }, { ...ctx, minMs: min }).ok).toBe(true);
  });

  it('checks the unit against the reading’s own date: old codes before the reform, today’s after it', () => {
    const at2024 = '2024-05-01T10:00:00+07:00';
    // an old district and an old ward, dated before 1 July 2025: accepted
    expect(validateObservation({ id: 'a', indicator: 'aqi', area: '916', observedAt: at2024, value: 50 }, ctx).ok).toBe(true);
    expect(validateObservation({ id: 'a', indicator: 'citizen_reports_received', area: '31178', observedAt: at2024, value: 5 }, ctx).ok).toBe(true);
    // a split ward dated after the reform: refused with the units that absorbed it
    expect(
      validateObservation({ id: 'a', indicator: 'citizen_reports_received', area: '31178', observedAt: '2026-11-22T07:00:00+07:00', value: 5 }, ctx),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: '/area',
          reason: 'unit_not_valid_at',
          message: "area '31178' is not in force on 2026-11-22: it ended on 2025-07-01; its successors are 31120, 31168",
          successors: ['31120', '31168'],
        },
      ],
    });
    // today's codes are old codes taken over (GSO reuses them): before the registry's history a code is not yet in force
    expect(validateObservation({ id: 'a', indicator: 'aqi', area: '31342', observedAt: '2020-06-01T10:00:00+07:00', value: 50 }, ctx)).toMatchObject({
      ok: false,
      errors: [{ field: '/area', reason: 'unit_not_valid_at', message: "area '31342' is not in force on 2020-06-01: it starts on 2021-01-01", successors: [] }],
    });
  });

  it('a station reading names the unit the station counted under on its date', () => {
    const r = (area: string, observedAt: string) =>
      validateObservation({ id: 'a', indicator: 'water_level', area, station: 'wl-can-tho', observedAt, value: 150 }, ctx);
    expect(r('916', '2024-05-01T10:00:00+07:00').ok).toBe(true);
    expect(r('31135', '2026-11-22T07:00:00+07:00').ok).toBe(true);
    expect(r('31135', '2024-05-01T10:00:00+07:00')).toMatchObject({
      ok: false,
      errors: [{ field: '/area', reason: 'station_area_mismatch', message: "station 'wl-can-tho' is in area 916 on 2024-05-01, not 31135" }],
    });
  });

  it('names every problem at once', () => {
    const r = validateObservation({ id: 'a', indicator: 'nope', area: '1', station: 'ghost', observedAt: '2026-11-22T07:00:00+07:00' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.reason).sort()).toEqual(['unknown_area', 'unknown_indicator', 'unknown_station']);
  });

  it('referenceErrors reports unknown codes of an item whose shape failed', () => {
    expect(referenceErrors({ indicator: 'x_y', area: 916, station: 'wl-can-tho' }, index)).toEqual([
      { field: '/indicator', reason: 'unknown_indicator', message: "indicator 'x_y' is not in the catalogue" },
    ]);
  });
});
