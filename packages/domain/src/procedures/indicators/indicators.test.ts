import type { DossierEvent } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../calendar/work-calendar.ts';
import { foldDossier, type DossierRecord } from '../dossier/dossier-record.ts';
import { ev, procedure, t } from '../dossier/dossier.fixtures.ts';
import { applyProcedure } from '../catalogue/procedure-catalogue.ts';
import { AdminIndicatorState, ratioOf } from './dossier-indicators.ts';
import { DeadlineBag } from './deadline-bag.ts';

const cal = createWorkCalendar();
const ms = (local: string) => Date.parse(t(local));
const X = { agencyCode: '000.00.01.H13', adminUnitCode: '916' };
const Y = { agencyCode: '000.00.02.H13', adminUnitCode: '917' };

describe('DeadlineBag', () => {
  it('counts instants strictly before t, across days, with removals', () => {
    const b = new DeadlineBag();
    for (const x of ['2025-03-05 17:00', '2025-03-05 17:00', '2025-03-06 09:00', '2025-02-01 08:00']) b.add(ms(x));
    expect(b.countBefore(ms('2025-03-05 17:00'))).toBe(1);
    expect(b.countBefore(ms('2025-03-05 17:01'))).toBe(3);
    expect(b.remove(ms('2025-03-05 17:00'))).toBe(true);
    expect(b.remove(ms('2025-01-01 00:00'))).toBe(false);
    expect(b.countBefore(ms('2025-12-31 00:00'))).toBe(3);
    expect(b.size).toBe(3);
  });
});

/** The worked example: five dossiers received in March 2025, one in April, one never received. */
function march(): Record<string, DossierEvent[]> {
  return {
    // online, fee paid via DVCQG, digitised; due Wed 5 Mar 17:00, finished Tue 4 Mar 15:00 → on time
    A1: [
      ev('A1', 2, '2025-03-03 08:00', { ...X, channel: 2, dueAt: t('2025-03-05 17:00'), feeBearing: true, onlinePayment: 1, digitized: true }),
      ev('A1', 9, '2025-03-04 15:00', { ...X, channel: 2 }),
    ],
    // in person, fee not paid online; finished Thu 6 Mar 10:00 → late
    A2: [ev('A2', 2, '2025-03-03 09:00', { ...X, dueAt: t('2025-03-05 17:00'), feeBearing: true }), ev('A2', 9, '2025-03-06 10:00', X)],
    // online, no fee, due Wed 12 Mar 17:00, still in process
    A3: [ev('A3', 2, '2025-03-10 08:00', { ...X, channel: 2, dueAt: t('2025-03-12 17:00') }), ev('A3', 4, '2025-03-10 09:00', { ...X, channel: 2 })],
    // received 23:30 on 31 March: March's; online, paid via the province's gateway, digitised; due Wed 2 Apr 17:00
    B1: [ev('B1', 2, '2025-03-31 23:30', { ...Y, channel: 2, dueAt: t('2025-04-02 17:00'), feeBearing: true, onlinePayment: 2, digitized: true })],
    // submitted online, never received
    B2: [ev('B2', 1, '2025-03-15 10:00', { ...Y, channel: 2 })],
    // April's
    B3: [ev('B3', 2, '2025-04-01 08:00', { ...Y, dueAt: t('2025-04-03 17:00') })],
  };
}

function stateOf(dossiers: Record<string, DossierEvent[]>): AdminIndicatorState {
  const s = new AdminIndicatorState({ calendar: cal });
  for (const events of Object.values(dossiers)) s.put(foldDossier(events)!);
  return s;
}

describe('AdminIndicatorState, worked example (March 2025)', () => {
  const now = ms('2025-04-03 12:00');

  it('counts and ratios for the month', () => {
    const v = stateOf(march()).query('2025-03', now);
    expect(v).toMatchObject({
      received: 4,
      inProcess: 2,
      completed: 2,
      completedOnTime: 1,
      completedLate: 1,
      stopped: 0,
      overdue: 2, // A3 since 12 Mar, B1 since 2 Apr 17:00
      // A1 on time + B1 still within its deadline at the period end (1 Apr 00:00); A3 was late by then
      onTime: { numerator: 2, denominator: 4 },
      onlineSubmission: { numerator: 3, denominator: 4 },
      onlinePayment: { numerator: 2, denominator: 3 },
      digitisation: { numerator: 2, denominator: 4 },
      electronicResult: { numerator: 0, denominator: 2 },
    });
    // A1: Mon 16 h + Tue 15 h = 31 h; A2: Mon 15 h + Tue 24 h + Wed 24 h + Thu 10 h = 73 h → (31 + 73) / 24 days over 2
    expect(v.avgProcessingWorkingDays.denominator).toBe(2);
    expect(v.avgProcessingWorkingDays.numerator).toBeCloseTo(104 / 24, 12);
    expect(ratioOf(v.onlinePayment)).toBeCloseTo(2 / 3, 12);
    expect(ratioOf({ numerator: 0, denominator: 0 })).toBeNull();
  });

  it('quarter, year and all-time cells follow the reception date', () => {
    const s = stateOf(march());
    expect(s.query('2025-Q1', now).received).toBe(4);
    expect(s.query('2025-04', now).received).toBe(1);
    expect(s.query('2025', now).received).toBe(5);
    expect(s.query('all', now).received).toBe(5);
  });

  it('combines as Σnumerator/Σdenominator across agencies and areas', () => {
    const s = stateOf(march());
    const perArea = s.breakdown('2025-03', now, 'area');
    expect([...perArea.keys()].sort()).toEqual(['916', '917']);
    expect(perArea.get('916')!.onlinePayment).toEqual({ numerator: 1, denominator: 2 });
    expect(perArea.get('917')!.onlinePayment).toEqual({ numerator: 1, denominator: 1 });
    // (1 + 1) / (2 + 1) = 66.7 %, not the mean of 50 % and 100 %
    expect(s.query('2025-03', now).onlinePayment).toEqual({ numerator: 2, denominator: 3 });
    expect(s.query('2025-03', now, { agency: (a) => a === X.agencyCode }).received).toBe(3);
  });

  it('"currently overdue" moves with the clock alone', () => {
    const s = stateOf(march());
    expect(s.query('2025-03', ms('2025-03-12 17:00')).overdue).toBe(0);
    expect(s.query('2025-03', ms('2025-03-12 17:00') + 1).overdue).toBe(1);
    expect(s.query('2025-03', ms('2025-04-02 17:00') + 1).overdue).toBe(2);
    // and the on-time ratio of the month in progress judges open dossiers at `now`: A1, and A3 and B1 still within their deadlines
    expect(s.query('2025-03', ms('2025-03-12 12:00')).onTime).toEqual({ numerator: 3, denominator: 4 });
    expect(s.query('2025-03', ms('2025-03-13 12:00')).onTime).toEqual({ numerator: 2, denominator: 4 });
  });

  it('replaces a dossier’s part when its record changes', () => {
    const d = march();
    const s = stateOf(d);
    d.A3!.push(ev('A3', 9, '2025-04-03 10:00', { ...X, channel: 2 }));
    s.put(foldDossier(d.A3!)!);
    expect(s.query('2025-03', now)).toMatchObject({ received: 4, inProcess: 1, completed: 3, completedLate: 2, overdue: 1 });
    s.remove('A3');
    expect(s.query('2025-03', now).received).toBe(3);
    expect(s.size).toBe(4);
  });

  it('a replay of shuffled, duplicated events ends in the same state as the final records', () => {
    const d = march();
    const all = Object.values(d).flat();
    // deterministic shuffle with duplicates
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const stream = [...all, ...all.slice(0, 5)]
      .map((e) => [rnd(), e] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, e]) => e);
    const s = new AdminIndicatorState({ calendar: cal });
    const seen = new Map<string, DossierEvent[]>();
    for (const e of stream) {
      const list = seen.get(e.dossierCode) ?? [];
      list.push(e);
      seen.set(e.dossierCode, list);
      const r: DossierRecord = foldDossier(list)!;
      s.put(r);
    }
    for (const p of ['2025-03', '2025-04', '2025-Q1', '2025', 'all']) expect(s.query(p, now), p).toEqual(stateOf(d).query(p, now));
  });

  it('uses the legal time of a procedure when a dossier has no appointment date', () => {
    const s = new AdminIndicatorState({ calendar: cal });
    s.put(applyProcedure(foldDossier([ev('N', 2, '2025-04-28 09:00', { dueAt: null })])!, procedure(), cal));
    expect(s.query('2025-04', ms('2025-05-05 17:00')).overdue).toBe(0);
    expect(s.query('2025-05', ms('2025-05-05 17:00')).received).toBe(0);
    expect(s.query('2025-04', ms('2025-05-05 17:01')).overdue).toBe(1);
    const unknown = new AdminIndicatorState({ calendar: cal });
    unknown.put(foldDossier([ev('N', 2, '2025-04-28 09:00', { dueAt: null })])!);
    expect(unknown.query('2025-04', ms('2025-06-01 00:00'))).toMatchObject({ received: 1, overdue: 0, onTime: { numerator: 0, denominator: 0 } });
  });
});

describe('periods made of whole months (9 months, custom ranges)', () => {
  const s = new AdminIndicatorState({ calendar: cal });
  const put = (code: string, day: string, due: string, extra = {}) =>
    s.put(foldDossier([ev(code, 2, `${day} 08:00`, { ...X, receivedAt: t(`${day} 08:00`), dueAt: t(due), ...extra }), ev(code, 4, `${day} 09:00`, X)])!);
  put('J', '2025-01-06', '2025-01-08 17:00'); // open, overdue since January
  put('S', '2025-09-29', '2025-10-06 17:00'); // open, due after the 9 months end
  put('O', '2025-10-06', '2025-10-08 17:00', { agencyCode: '000.00.02.H13' }); // outside the 9 months
  const now = ms('2025-12-01 00:00');

  it('answers 2025-9M from the months January–September, judged at the end of September', () => {
    const v = s.query('2025-9M', now);
    expect(v).toMatchObject({ received: 2, overdue: 2, onTime: { numerator: 1, denominator: 2 } });
    expect(s.query('2025', now)).toMatchObject({ received: 3 });
    expect([...s.breakdown('2025-9M', now, 'agency').keys()]).toEqual(['000.00.01.H13']);
  });

  it('answers a range of whole months, and nothing for a range that cuts a month', () => {
    expect(s.query('2025-09-01..2025-10-31', now)).toMatchObject({ received: 2, onTime: { numerator: 0, denominator: 2 } });
    expect(s.query('2025-09-02..2025-10-31', now).received).toBe(0);
  });
});
