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
  it('working days skip the 2026 swaps: 1 day from Wed 31 Dec 2025 → Mon 5 Jan 17:00; 2 days from Fri 28 Aug 2026 → Fri 4 Sep 17:00', () => {
    expect(show(legalDueAt(at('2025-12-31', 10), { value: 1, unit: 'working_days' }, cal))).toBe('2026-01-05T17:00:00+07:00');
    expect(show(legalDueAt(at('2026-08-28', 9), { value: 2, unit: 'working_days' }, cal))).toBe('2026-09-04T17:00:00+07:00');
    // 0: the same working day
    expect(show(legalDueAt(at('2025-03-03', 9), { value: 0, unit: 'working_days' }, cal))).toBe('2025-03-03T17:00:00+07:00');
  });

  it('calendar days end on the n-th day, moved to the next working day when it is off', () => {
    // Mon 3 Mar 2025 + 5 days → Sat 8 Mar → Mon 10 Mar 17:00
    expect(show(legalDueAt(at('2025-03-03', 9), { value: 5, unit: 'days' }, cal))).toBe('2025-03-10T17:00:00+07:00');
    expect(show(legalDueAt(at('2025-03-03', 9), { value: 3, unit: 'days' }, cal))).toBe('2025-03-06T17:00:00+07:00');
  });

  it('months end on the same day of the month, or the month’s last day', () => {
    expect(show(legalDueAt(at('2025-01-31', 9), { value: 1, unit: 'months' }, cal))).toBe('2025-02-28T17:00:00+07:00');
    // 15 Aug 2026 + 1 month = Tue 15 Sep 2026
    expect(show(legalDueAt(at('2026-08-15', 9), { value: 1, unit: 'months' }, cal))).toBe('2026-09-15T17:00:00+07:00');
    // 1 Aug 2026 + 1 month = Tue 1 Sep (National Day) → Thu 3 Sep
    expect(show(legalDueAt(at('2026-08-01', 9), { value: 1, unit: 'months' }, cal))).toBe('2026-09-03T17:00:00+07:00');
  });

  it('hours count working time only (each working day counts whole): 10 h from Fri 16:00 end Mon 02:00', () => {
    expect(show(legalDueAt(at('2025-03-07', 16), { value: 10, unit: 'hours' }, cal))).toBe('2025-03-10T02:00:00+07:00');
    expect(show(legalDueAt(at('2025-03-03', 9), { value: 4, unit: 'hours' }, cal))).toBe('2025-03-03T13:00:00+07:00');
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
