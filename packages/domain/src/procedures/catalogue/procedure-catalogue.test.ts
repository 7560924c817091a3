import { describe, expect, it } from 'vitest';
import { localTimeMs, toLocalRfc3339 } from '../../calendar/local-time.ts';
import { createWorkCalendar } from '../../calendar/work-calendar.ts';
import { foldDossier } from '../dossier/dossier-record.ts';
import { onTime, processingWorkingDays, timeliness } from '../dossier/dossier-rules.ts';
import { ev, procedure, t } from '../dossier/dossier.fixtures.ts';
import { AdminIndicatorState } from '../indicators/dossier-indicators.ts';
import { applyProcedure, legalDueAt, ProcedureCatalogue, procedureItemErrors } from './procedure-catalogue.ts';

const cal = createWorkCalendar();
const at = (date: string, h = 0, m = 0) => localTimeMs(date, h, m);
const show = (ms: number) => toLocalRfc3339(ms);

describe('legal due date by unit (DonViTinh)', () => {
  // [case, received (local date, hour), legal time, due (local time)]
  it.each([
    ['working days skip the 2026 New Year swap: 1 day from Wed 31 Dec 2025 → Mon 5 Jan', ['2025-12-31', 10], 1, 'working_days', '2026-01-05T17:00:00+07:00'],
    ['working days skip the 2026 National Day swap: 2 days from Fri 28 Aug → Fri 4 Sep', ['2026-08-28', 9], 2, 'working_days', '2026-09-04T17:00:00+07:00'],
    ['0 working days: the same working day', ['2025-03-03', 9], 0, 'working_days', '2025-03-03T17:00:00+07:00'],
    ['calendar days: Mon 3 Mar + 5 → Sat 8 Mar, off → Mon 10 Mar', ['2025-03-03', 9], 5, 'days', '2025-03-10T17:00:00+07:00'],
    ['calendar days: Mon 3 Mar + 3 → Thu 6 Mar', ['2025-03-03', 9], 3, 'days', '2025-03-06T17:00:00+07:00'],
    ['months: 31 Jan + 1 → the month’s last day, 28 Feb', ['2025-01-31', 9], 1, 'months', '2025-02-28T17:00:00+07:00'],
    ['months: 15 Aug 2026 + 1 → the same day, Tue 15 Sep', ['2026-08-15', 9], 1, 'months', '2026-09-15T17:00:00+07:00'],
    ['months: 1 Aug 2026 + 1 → Tue 1 Sep (National Day) → Thu 3 Sep', ['2026-08-01', 9], 1, 'months', '2026-09-03T17:00:00+07:00'],
    ['hours count working time only (each working day whole): 10 h from Fri 16:00 → Mon 02:00', ['2025-03-07', 16], 10, 'hours', '2025-03-10T02:00:00+07:00'],
    ['hours: 4 h from Mon 09:00 → 13:00', ['2025-03-03', 9], 4, 'hours', '2025-03-03T13:00:00+07:00'],
  ] as const)('%s', (_, [date, hour], value, unit, due) => {
    expect(show(legalDueAt(at(date, hour), { value, unit }, cal))).toBe(due);
  });
});

describe('versions', () => {
  const c = new ProcedureCatalogue([
    procedure({ version: 1, validFrom: '2020-01-01', legalTime: { value: 5, unit: 'working_days' } }),
    procedure({ version: 2, validFrom: '2026-01-01', legalTime: { value: 3, unit: 'working_days' } }),
    procedure({ version: 3, validFrom: '2026-01-01', legalTime: { value: 2, unit: 'working_days' } }),
  ]);
  it('applies the version in force on the local reception date; a later version of the same date corrects it', () => {
    expect(c.at('1.000494', Date.parse('2025-12-31T16:59:00Z'))?.version).toBe(1); // 23:59 local on 31 Dec
    expect(c.at('1.000494', Date.parse('2025-12-31T17:00:00Z'))?.version).toBe(3); // 00:00 local on 1 Jan
    expect(c.at('1.000494', Date.parse('2019-06-01T00:00:00Z'))).toBeUndefined();
    expect(c.at('2.000815', Date.parse('2026-06-01T00:00:00Z'))).toBeUndefined();
    expect(c.at('1.000494.000.00.00.H29', Date.parse('2026-06-01T00:00:00Z'))?.version).toBe(3);
    expect(c.versions().map((v) => v.version)).toEqual([1, 2, 3]);
  });
});

describe('a dossier without NgayHenTra is judged against its procedure', () => {
  const noDue = foldDossier([ev('N', 2, '2025-12-31 10:00', { dueAt: null, receivedAt: t('2025-12-31 10:00') }), ev('N', 9, '2026-01-05 16:00')])!;

  it('gets a due date from the legal time, and a verdict instead of "unknown"', () => {
    expect(timeliness(noDue, 0, cal).verdict).toBe('unknown');
    const r = applyProcedure(noDue, procedure({ legalTime: { value: 1, unit: 'working_days' } }), cal);
    expect(r).toMatchObject({ dueAt: at('2026-01-05', 17), dueSource: 'legal_time' });
    expect(onTime(r, at('2026-02-01'), cal)).toBe(true);
  });

  it('keeps the appointment date when there is one, and reports it as such', () => {
    const withDue = foldDossier([ev('A', 2, '2025-12-31 10:00', { dueAt: t('2026-01-02 17:00') })])!;
    expect(applyProcedure(withDue, procedure(), cal)).toMatchObject({ dueAt: at('2026-01-02', 17), dueSource: 'appointment' });
  });

  it('counts the dossier in the on-time ratio (it was left out of both parts before)', () => {
    const without = new AdminIndicatorState({ calendar: cal });
    without.put(noDue);
    expect(without.query('2025-12', at('2026-02-01')).onTime).toEqual({ numerator: 0, denominator: 0 });
    const withCatalogue = new AdminIndicatorState({ calendar: cal });
    withCatalogue.put(applyProcedure(noDue, procedure({ legalTime: { value: 1, unit: 'working_days' } }), cal));
    expect(withCatalogue.query('2025-12', at('2026-02-01')).onTime).toEqual({ numerator: 1, denominator: 1 });
  });

  it('takes the fee flag from the procedure when the dossier carries no fee data', () => {
    expect(applyProcedure(noDue, procedure({ feeBearing: false }), cal).feeBearing).toBe(false);
    const fee = foldDossier([ev('F', 2, '2025-12-31 10:00', { feeBearing: true, dueAt: t('2026-01-02 17:00') })])!;
    expect(applyProcedure(fee, procedure({ feeBearing: false }), cal)).toBe(fee);
  });

  it('counts the same days off in average processing working days: Wed 31 Dec 10:00 → Mon 5 Jan 16:00 is 14/24 + 16/24 (1, 2 Jan and the weekend do not count)', () => {
    expect(processingWorkingDays(noDue, cal)).toBeCloseTo(14 / 24 + 16 / 24, 12);
  });
});

describe('item checks beyond the schema', () => {
  it('refuses a date that does not exist and a legal time out of reason, naming the field', () => {
    expect(procedureItemErrors(procedure({ validFrom: '2026-02-30' }))).toEqual([
      { field: '/validFrom', reason: 'date_format', message: "validFrom '2026-02-30' is not a calendar date (YYYY-MM-DD)" },
    ]);
    expect(procedureItemErrors(procedure({ legalTime: { value: 400, unit: 'working_days' } }))[0]).toMatchObject({
      field: '/legalTime/value',
      reason: 'range',
    });
    expect(procedureItemErrors(procedure({ legalTime: { value: 1.5, unit: 'months' } }))[0]).toMatchObject({ field: '/legalTime/value', reason: 'integer' });
    expect(procedureItemErrors(procedure())).toEqual([]);
  });
});
