import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../calendar/work-calendar.ts';
import { foldDossier, insertFact, toDossierFact, type DossierFact } from './dossier-record.ts';
import { dueWithinWorkingDays, isOverdueAt, lateAfter, onTime, processingWorkingDays, timeliness } from './dossier-rules.ts';
import { ev, procedure, t } from './dossier.fixtures.ts';
import { applyProcedure } from '../catalogue/procedure-catalogue.ts';

const cal = createWorkCalendar();
const ms = (local: string) => Date.parse(t(local));
const PERIOD_END_MARCH = ms('2025-04-01 00:00');

/**
 * A dossier received (status 2) with an appointment date, held on the applicant (5 → 4) for each
 * [asked, supplied] span, and finished (9).
 */
function heldDossier(code: string, received: { at: string; due: string }, held: readonly [string, string][], finishedAt: string) {
  return foldDossier([
    ev(code, 2, received.at, { dueAt: t(received.due) }),
    ...held.flatMap(([asked, supplied]) => [ev(code, 5, asked), ev(code, 4, supplied)]),
    ev(code, 9, finishedAt),
  ])!;
}

describe('folding events into a dossier record', () => {
  const events = [
    ev('A', 1, '2025-03-02 20:00', { channel: 2, submittedAt: t('2025-03-02 20:00') }),
    ev('A', 2, '2025-03-03 08:00', { channel: 2, receivedAt: t('2025-03-03 08:00'), dueAt: t('2025-03-05 17:00'), feeBearing: true }),
    ev('A', 4, '2025-03-03 09:00', { channel: 2 }),
    ev('A', 5, '2025-03-04 10:00', { channel: 2 }),
    ev('A', 4, '2025-03-04 15:00', { channel: 2, onlinePayment: 1 }),
    ev('A', 9, '2025-03-06 11:00', { channel: 2, finishedAt: t('2025-03-06 11:00'), digitized: true }),
    ev('A', 10, '2025-03-06 14:00', { channel: 2, returnedAt: t('2025-03-06 14:00'), eResult: true }),
  ];

  it('gives the current status, reception, due date, end time by 766 priority, supplements and flags', () => {
    const r = foldDossier(events)!;
    expect(r).toMatchObject({
      status: 10,
      statusAt: ms('2025-03-06 14:00'),
      received: true,
      receivedAt: ms('2025-03-03 08:00'),
      submittedAt: ms('2025-03-02 20:00'),
      dueAt: ms('2025-03-05 17:00'),
      endAt: ms('2025-03-06 11:00'), // 9 before 10
      endStatus: 9,
      returnedAt: ms('2025-03-06 14:00'),
      supplements: [{ requestedAt: ms('2025-03-04 10:00'), completedAt: ms('2025-03-04 15:00') }],
      supplementRequests: 1,
      channel: 2,
      feeBearing: true,
      onlinePayment: 1,
      digitized: true,
      eResult: true,
    });
    expect(r.trail.map((x) => x.status)).toEqual([1, 2, 4, 5, 4, 9, 10]);
  });

  it('gives the same record whatever the arrival order, with duplicates and retries', () => {
    const expected = foldDossier(events);
    const shuffled = [events[6]!, events[2]!, events[0]!, events[5]!, events[3]!, events[1]!, events[4]!];
    expect(foldDossier(shuffled)).toEqual(expected);
    expect(foldDossier([...events, ...shuffled, events[3]!])).toEqual(expected);
    // incremental insertion in any order ends in the same record
    let facts: readonly DossierFact[] = [];
    for (const e of [...shuffled].reverse().concat(shuffled)) facts = insertFact(facts, toDossierFact(e));
    expect(facts).toHaveLength(7);
    expect(foldDossier(events.slice().reverse())).toEqual(expected);
  });

  it('keeps the same event whichever copy of a reused event id arrives first', () => {
    const a = toDossierFact(ev('Z', 4, '2025-03-03 09:00', { eventId: 'dup' }));
    const b = toDossierFact(ev('Z', 4, '2025-03-03 10:00', { eventId: 'dup' }));
    const first = insertFact(insertFact([], a), b);
    const second = insertFact(insertFact([], b), a);
    expect(first).toEqual(second);
    expect(first.map((f) => f.statusAt)).toEqual([ms('2025-03-03 10:00')]);
    expect(foldDossier([ev('Z', 4, '2025-03-03 09:00', { eventId: 'dup' }), ev('Z', 4, '2025-03-03 10:00', { eventId: 'dup' })])!.statusAt).toBe(
      ms('2025-03-03 10:00'),
    );
  });

  it('breaks equal times by status order', () => {
    const r = foldDossier([ev('B', 4, '2025-03-03 08:00'), ev('B', 2, '2025-03-03 08:00')])!;
    expect(r.status).toBe(4);
    expect(r.receivedAt).toBe(ms('2025-03-03 08:00'));
  });

  it('does not count a dossier refused at reception or only submitted', () => {
    expect(foldDossier([ev('C', 1, '2025-03-03 08:00'), ev('C', 3, '2025-03-03 09:00')])).toMatchObject({ received: false, receivedAt: null });
  });

  it('does not count a dossier withdrawn (1 → 7) or stopped (1 → 8) before reception, in any arrival order', () => {
    const withdrawn = [ev('W', 1, '2025-03-03 08:00'), ev('W', 7, '2025-03-03 15:00')];
    expect(foldDossier(withdrawn)).toMatchObject({ received: false, receivedAt: null, status: 7 });
    expect(foldDossier([...withdrawn].reverse())).toMatchObject({ received: false, receivedAt: null });
    expect(foldDossier([ev('S', 1, '2025-03-03 08:00'), ev('S', 8, '2025-03-04 08:00')])).toMatchObject({ received: false });
    expect(foldDossier([ev('L', 7, '2025-03-03 15:00')])).toMatchObject({ received: false });
    expect(foldDossier([ev('R', 1, '2025-03-03 08:00'), ev('R', 3, '2025-03-03 09:00'), ev('R', 7, '2025-03-03 10:00')])).toMatchObject({ received: false });
  });

  it('counts a withdrawal or stop after reception, or one that carries NgayTiepNhan', () => {
    expect(foldDossier([ev('X', 1, '2025-03-03 08:00'), ev('X', 2, '2025-03-03 09:00'), ev('X', 7, '2025-03-04 10:00')])).toMatchObject({
      received: true,
      receivedAt: ms('2025-03-03 09:00'),
      endStatus: 7,
    });
    expect(foldDossier([ev('Y', 7, '2025-03-04 10:00', { receivedAt: t('2025-03-03 09:00') })])).toMatchObject({
      received: true,
      receivedAt: ms('2025-03-03 09:00'),
    });
    // a supplement or payment request, or a result, can only follow reception
    for (const st of [5, 6, 9, 10] as const) expect(foldDossier([ev('Z', 1, '2025-03-03 08:00'), ev('Z', st, '2025-03-04 08:00')])!.received).toBe(true);
  });

  it('takes reception from the first status that counts when NgayTiepNhan is not sent', () => {
    expect(foldDossier([ev('D', 1, '2025-03-02 20:00'), ev('D', 4, '2025-03-03 10:00'), ev('D', 2, '2025-03-03 09:00')])!.receivedAt).toBe(
      ms('2025-03-03 09:00'),
    );
  });

  it('ends at a stop (8) or a withdrawal (7) when nothing finished, and at a lone supplement request', () => {
    expect(foldDossier([ev('E', 2, '2025-03-03 08:00'), ev('E', 8, '2025-03-04 08:00')])).toMatchObject({ endStatus: 8, endAt: ms('2025-03-04 08:00') });
    expect(foldDossier([ev('F', 2, '2025-03-03 08:00'), ev('F', 5, '2025-03-04 10:00')])).toMatchObject({ endStatus: 5, endAt: ms('2025-03-04 10:00') });
    expect(foldDossier([ev('G', 2, '2025-03-03 08:00'), ev('G', 4, '2025-03-03 09:00')])).toMatchObject({ endStatus: null, endAt: null });
  });

  it('does not count a supplement twice when it comes both as a list and as a status', () => {
    const list = { supplements: [{ requestedAt: t('2025-03-04 10:00'), completedAt: t('2025-03-04 15:00') }] };
    const r = foldDossier([ev('H', 2, '2025-03-03 08:00'), ev('H', 5, '2025-03-04 10:00'), ev('H', 4, '2025-03-04 15:00', list)])!;
    expect(r.supplementRequests).toBe(1);
  });

  it('compares with the appointment date from before a supplement moved it', () => {
    const r = foldDossier([
      ev('I', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }),
      ev('I', 4, '2025-03-04 15:00', {
        dueAt: t('2025-03-07 17:00'),
        supplements: [
          { requestedAt: t('2025-03-04 10:00'), completedAt: t('2025-03-04 15:00'), dueBefore: t('2025-03-05 17:00'), dueAfter: t('2025-03-07 17:00') },
        ],
      }),
    ])!;
    expect(r.dueAt).toBe(ms('2025-03-05 17:00'));
  });
});

describe('766 timeliness, worked examples', () => {
  it('Tết boundary: received Thu 23 Jan 2025, 3 working days → due Tue 4 Feb 17:00; finished 16:00 is on time, next morning is late', () => {
    const received = ev('T', 2, '2025-01-23 10:00', { receivedAt: t('2025-01-23 10:00'), dueAt: t('2025-02-04 17:00') });
    expect(cal.addWorkingDays(ms('2025-01-23 10:00'), 3)).toBe(ms('2025-02-04 17:00'));
    const inTime = foldDossier([received, ev('T', 9, '2025-02-04 16:00')])!;
    const late = foldDossier([received, ev('T', 9, '2025-02-05 09:00')])!;
    expect(onTime(inTime, ms('2025-03-01 00:00'), cal)).toBe(true);
    expect(onTime(late, ms('2025-03-01 00:00'), cal)).toBe(false);
    // working time: Thu 14 h + Fri 24 h + Mon 24 h + Tue 16 h = 78 h = 3.25 days
    expect(processingWorkingDays(inTime, cal)).toBe(3.25);
  });

  it('the applicant’s supplement time is taken off: due Wed 5 Mar 17:00, held Tue 10:00 → Thu 10:00 (2 working days), finished Fri 15:00 → on time', () => {
    const r = heldDossier('S', { at: '2025-03-03 08:00', due: '2025-03-05 17:00' }, [['2025-03-04 10:00', '2025-03-06 10:00']], '2025-03-07 15:00');
    // effective due = Wed 17:00 + 48 working hours = Fri 7 Mar 17:00
    expect(timeliness(r, PERIOD_END_MARCH, cal)).toEqual({
      verdict: 'on_time',
      reason: 'by_due',
      comparedAt: ms('2025-03-07 15:00'),
      effectiveDueAt: ms('2025-03-07 17:00'),
    });
    const noPause = foldDossier([ev('S2', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }), ev('S2', 9, '2025-03-07 15:00')])!;
    expect(onTime(noPause, PERIOD_END_MARCH, cal)).toBe(false);
  });

  it('working-time pause vs elapsed pause: held Mon 10:00 → Fri 10:00 (4 days), due Thu 17:00, finished Tue 12:00', () => {
    const r = heldDossier('W', { at: '2025-03-03 08:00', due: '2025-03-06 17:00' }, [['2025-03-03 10:00', '2025-03-07 10:00']], '2025-03-11 12:00');
    // working: Thu 17:00 + 96 working hours = Wed 12 Mar 17:00 (the weekend does not count) → on time
    expect(timeliness(r, PERIOD_END_MARCH, cal)).toMatchObject({ verdict: 'on_time', effectiveDueAt: ms('2025-03-12 17:00') });
    // elapsed: Thu 17:00 + 96 h = Mon 10 Mar 17:00 → late
    expect(timeliness(r, PERIOD_END_MARCH, cal, { pauseMeasure: 'elapsed' })).toMatchObject({ verdict: 'late', effectiveDueAt: ms('2025-03-10 17:00') });
  });

  it('two supplement requests make the dossier late even when it finished early', () => {
    const held: [string, string][] = [
      ['2025-03-03 10:00', '2025-03-03 15:00'],
      ['2025-03-04 09:00', '2025-03-04 11:00'],
    ];
    const r = heldDossier('M', { at: '2025-03-03 08:00', due: '2025-03-07 17:00' }, held, '2025-03-05 09:00');
    expect(r.supplementRequests).toBe(2);
    expect(timeliness(r, PERIOD_END_MARCH, cal)).toMatchObject({ verdict: 'late', reason: 'multiple_supplements' });
  });

  it('a lone supplement request as the end state: on time if asked before the due date', () => {
    const asked = foldDossier([ev('L', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }), ev('L', 5, '2025-03-04 10:00')])!;
    expect(onTime(asked, PERIOD_END_MARCH, cal)).toBe(true);
    expect(isOverdueAt(asked, ms('2025-03-20 09:00'), cal)).toBe(false); // the clock is paused on the applicant
    const askedLate = foldDossier([ev('L2', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }), ev('L2', 5, '2025-03-06 10:00')])!;
    expect(onTime(askedLate, PERIOD_END_MARCH, cal)).toBe(false);
    expect(isOverdueAt(askedLate, ms('2025-03-20 09:00'), cal)).toBe(true);
  });

  it('unfinished dossiers are judged at the end of the period', () => {
    const r = foldDossier([ev('U', 2, '2025-03-28 08:00', { dueAt: t('2025-04-02 17:00') }), ev('U', 4, '2025-03-28 09:00')])!;
    expect(onTime(r, PERIOD_END_MARCH, cal)).toBe(true); // still within its deadline on 1 April 00:00
    expect(onTime(r, ms('2025-05-01 00:00'), cal)).toBe(false); // April's view: past due
  });

  it('no appointment date: the legal time in working days counts from reception (2 days from Mon 28 Apr 2025 → Mon 5 May 17:00)', () => {
    const r = foldDossier([ev('N', 2, '2025-04-28 09:00', { dueAt: null }), ev('N', 9, '2025-05-05 10:00')])!;
    const legal = (value: number) => applyProcedure(r, procedure({ legalTime: { value, unit: 'working_days' } }), cal);
    expect(onTime(legal(2), PERIOD_END_MARCH, cal)).toBe(true);
    expect(legal(2)).toMatchObject({ dueAt: ms('2025-05-05 17:00'), dueSource: 'legal_time' });
    expect(timeliness(legal(2), 0, cal).effectiveDueAt).toBe(ms('2025-05-05 17:00'));
    expect(onTime(legal(1), PERIOD_END_MARCH, cal)).toBe(false);
    expect(onTime(r, PERIOD_END_MARCH, cal)).toBeNull();
    expect(r.dueSource).toBeNull();
  });
});

describe('overdue by the clock', () => {
  const open = foldDossier([ev('O', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }), ev('O', 4, '2025-03-03 09:00')])!;

  it('turns overdue the instant the due date passes, with no event', () => {
    expect(isOverdueAt(open, ms('2025-03-05 16:59'), cal)).toBe(false);
    expect(isOverdueAt(open, ms('2025-03-05 17:00'), cal)).toBe(false);
    expect(isOverdueAt(open, ms('2025-03-05 17:00') + 1, cal)).toBe(true);
    expect(lateAfter(open, cal)).toBe(ms('2025-03-05 17:00'));
  });

  it('a finished dossier is never "currently overdue"', () => {
    const done = foldDossier([ev('O2', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }), ev('O2', 9, '2025-03-10 09:00')])!;
    expect(isOverdueAt(done, ms('2025-03-20 09:00'), cal)).toBe(false);
    expect(lateAfter(done, cal)).toBeNull();
  });

  it('isOverdueAt and lateAfter agree at every hour of a month', () => {
    const records = [
      open,
      foldDossier([ev('P', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }), ev('P', 5, '2025-03-04 10:00'), ev('P', 4, '2025-03-10 08:00')])!,
      foldDossier([ev('Q', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }), ev('Q', 5, '2025-03-04 10:00')])!,
      foldDossier([ev('R', 2, '2025-03-03 08:00', { dueAt: t('2025-03-05 17:00') }), ev('R', 5, '2025-03-06 10:00')])!,
    ];
    for (const r of records)
      for (let now = ms('2025-03-03 00:00'); now < ms('2025-04-01 00:00'); now += 3_600_000)
        expect(isOverdueAt(r, now, cal), `${r.dossierCode} ${now}`).toBe(now > lateAfter(r, cal)!);
  });

  it('due within 2 working days: Tue 4 Feb 2025 is within reach from Fri 24 Jan, across Tết', () => {
    const r = foldDossier([ev('X', 2, '2025-01-23 10:00', { dueAt: t('2025-02-04 17:00') })])!;
    expect(dueWithinWorkingDays(r, ms('2025-01-24 10:00'), 2, cal)).toBe(true);
    expect(dueWithinWorkingDays(r, ms('2025-01-23 11:00'), 2, cal)).toBe(false); // Fri 24 + Mon 3 Feb → Mon 17:00
    expect(dueWithinWorkingDays(r, ms('2025-02-05 09:00'), 2, cal)).toBe(false); // already overdue
  });
});
