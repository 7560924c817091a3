import type { PaknEvent } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/work-calendar.ts';
import { paknCounts, paknFlags } from './pakn-metrics.ts';
import { foldPakn, paknEventFieldErrors, paknTransitionError, toPaknFact, type PaknFact } from './pakn-record.ts';
import { answerDueAt, paknDeadlines, paknPending, paknSatisfied, paknStatus, paknTimeliness } from './pakn-rules.ts';

const cal = createWorkCalendar();
const ms = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+07:00`);
let n = 0;
function f(step: PaknEvent['step'], at: string, extra: Partial<PaknEvent> = {}): PaknFact {
  return toPaknFact({ eventId: `e${++n}`, paknId: 'P1', step, at: `${at.replace(' ', 'T')}:00+07:00`, ...extra });
}
const received = () => f('received', '2026-03-02 09:00', { adminUnitCode: '916', title: 'Đường ngập nước' });

describe('PAKN deadlines (working days: reject 2, supplement 5, answer 15, publish 2)', () => {
  it('counts from the day after reception to 17:00 of the n-th working day', () => {
    const r = foldPakn([received()])!;
    const d = paknDeadlines(r, ms('2026-03-02 10:00'), cal);
    expect(d.map((x) => [x.step, new Date(x.dueAt!).toISOString(), x.verdict])).toEqual([
      ['reject', '2026-03-04T10:00:00.000Z', 'not_applicable'],
      ['supplement', '2026-03-09T10:00:00.000Z', 'not_applicable'],
      ['answer', '2026-03-23T10:00:00.000Z', 'pending'],
    ]);
  });
  it('an answer on time, published a working day late, is late (5.2)', () => {
    const r = foldPakn([received(), f('answered', '2026-03-20 10:00'), f('published', '2026-03-25 08:00')])!;
    expect(paknDeadlines(r, ms('2026-04-01 00:00'), cal).slice(2)).toEqual([
      { step: 'answer', dueAt: ms('2026-03-23 17:00'), doneAt: ms('2026-03-20 10:00'), verdict: 'on_time' },
      { step: 'publish', dueAt: ms('2026-03-24 17:00'), doneAt: ms('2026-03-25 08:00'), verdict: 'late' },
    ]);
    expect(paknTimeliness(r, ms('2026-04-01 00:00'), cal)).toBe('late');
    // judged at the end of the 24th it was not yet late
    expect(paknTimeliness(r, ms('2026-03-24 12:00'), cal)).toBe('on_time');
  });
  it("the citizen's supplement time moves the answer's due date by as much working time", () => {
    // asked Wed 4 Mar 09:00, supplemented Fri 6 Mar 09:00: two working days held
    const r = foldPakn([received(), f('supplement_requested', '2026-03-04 09:00'), f('supplemented', '2026-03-06 09:00')])!;
    expect(answerDueAt(r, ms('2026-03-10 00:00'), cal)).toBe(ms('2026-03-25 17:00'));
    expect(paknDeadlines(r, ms('2026-03-10 00:00'), cal)[1]).toMatchObject({ step: 'supplement', verdict: 'on_time' });
  });
  it('a rejection after 2 working days is late; a supplement asked after 5 is late', () => {
    const rejected = foldPakn([received(), f('rejected', '2026-03-05 08:00')])!;
    expect(paknTimeliness(rejected, ms('2026-03-31 00:00'), cal)).toBe('late');
    expect(paknStatus(rejected)).toBe('rejected');
    const asked = foldPakn([received(), f('supplement_requested', '2026-03-10 08:00')])!;
    expect(paknTimeliness(asked, ms('2026-03-11 00:00'), cal)).toBe('late');
  });
  it('an open PAKN turns late when the clock passes its answer due date, with no event', () => {
    const r = foldPakn([received(), f('assigned', '2026-03-02 10:00', { agencyCode: '000.00.01.H13' })])!;
    expect(paknTimeliness(r, ms('2026-03-23 16:59'), cal)).toBe('on_time');
    expect(paknTimeliness(r, ms('2026-03-23 17:01'), cal)).toBe('late');
    expect(paknPending(r, ms('2026-03-10 00:00'), cal)).toEqual({ pending: 'answer', dueAt: ms('2026-03-23 17:00') });
    expect(paknStatus(r)).toBe('in_process');
  });
});

describe('5.3 satisfaction', () => {
  const answered = () => [received(), f('answered', '2026-03-10 10:00'), f('published', '2026-03-11 10:00')];
  it('a PAKN with more dislikes than likes is not satisfied; as many likes as dislikes is', () => {
    const more = foldPakn([
      ...answered(),
      f('reaction', '2026-03-12 08:00', { reaction: 'dislike' }),
      f('reaction', '2026-03-12 09:00', { reaction: 'dislike' }),
      f('reaction', '2026-03-12 10:00', { reaction: 'like' }),
    ])!;
    expect([more.likes, more.dislikes]).toEqual([1, 2]);
    expect(paknSatisfied(more, ms('2026-03-31 00:00'), cal)).toBe(false);
    expect(paknFlags(more, ms('2026-03-31 00:00'), cal)).toMatchObject({ onTime: true, satisfied: false, moreDislikes: true });
    const even = foldPakn([
      ...answered(),
      f('reaction', '2026-03-12 08:00', { reaction: 'dislike' }),
      f('reaction', '2026-03-12 09:00', { reaction: 'like' }),
    ])!;
    expect(paknSatisfied(even, ms('2026-03-31 00:00'), cal)).toBe(true);
    // as of the 12th at 08:30 only the dislike had come in
    expect(paknSatisfied(even, ms('2026-03-12 08:30'), cal)).toBe(false);
  });
  it('a repeat complaint about the result, or lateness, is not satisfied', () => {
    const repeat = foldPakn([...answered(), f('repeat_complaint', '2026-03-20 08:00')])!;
    expect(paknFlags(repeat, ms('2026-03-31 00:00'), cal)).toMatchObject({ onTime: true, satisfied: false, repeated: true });
  });
  it('paknCounts: 5.1 classes, 5.2 and 5.3 over the PAKN received in the period', () => {
    const a = foldPakn([...answered(), f('classified', '2026-03-02 10:00', { classification: 'procedure' })])!;
    const b = foldPakn([
      { ...received(), paknId: 'P2', eventId: 'b1' },
      { ...f('classified', '2026-03-03 10:00', { classification: 'staff' }), paknId: 'P2' },
    ])!;
    const c = foldPakn([{ ...f('received', '2026-04-02 09:00', { adminUnitCode: '916' }), paknId: 'P3' }])!; // April
    const bounds = { start: ms('2026-03-01 00:00'), end: ms('2026-04-01 00:00') };
    // judged at the end of March: b's answer was due 23 March and never came
    expect(paknCounts([a, b, c], bounds, ms('2026-06-01 00:00'), cal)).toEqual({ received: 2, classified: 2, procedure: 1, staff: 1, onTime: 1, satisfied: 1 });
  });
});

describe('any order, retries and impossible transitions', () => {
  it('folds the same record whatever the arrival order; a retried event changes nothing', () => {
    const events = [
      received(),
      f('classified', '2026-03-02 10:00', { classification: 'procedure' }),
      f('answered', '2026-03-09 10:00'),
      f('published', '2026-03-10 10:00'),
    ];
    const one = foldPakn(events);
    expect(foldPakn([...events].reverse())).toEqual(one);
    expect(foldPakn([...events, events[2]!])).toEqual(one);
    expect(one).toMatchObject({ classification: 'procedure', adminUnitCode: '916', title: 'Đường ngập nước' });
  });
  it('refuses a step before the reception, a publication before the answer, a like before the publication, an answer to a rejected PAKN', () => {
    const known = foldPakn([received(), f('answered', '2026-03-09 10:00'), f('published', '2026-03-10 10:00')])!;
    expect(paknTransitionError(known, f('assigned', '2026-03-01 10:00'))).toMatchObject({ field: '/at', reason: 'impossible_transition' });
    expect(paknTransitionError(foldPakn([received(), f('answered', '2026-03-09 10:00')]), f('published', '2026-03-08 10:00'))!.reason).toBe(
      'impossible_transition',
    );
    expect(paknTransitionError(known, f('reaction', '2026-03-10 09:00', { reaction: 'like' }))!.message).toContain('before the answer was published');
    expect(paknTransitionError(known, f('rejected', '2026-03-11 09:00'))).toMatchObject({ field: '/step' });
    const rejected = foldPakn([received(), f('rejected', '2026-03-03 09:00')])!;
    expect(paknTransitionError(rejected, f('answered', '2026-03-05 09:00'))).toMatchObject({ field: '/step', reason: 'impossible_transition' });
    expect(paknTransitionError(known, f('reaction', '2026-03-11 09:00', { reaction: 'like' }))).toBeNull();
    expect(paknTransitionError(null, f('published', '2026-03-01 09:00'))).toBeNull();
  });
  it('per-event fields: a classification, a reaction, an assigned agency, a unit on reception', () => {
    const e = (x: Partial<PaknEvent>): PaknEvent => ({ eventId: 'x', paknId: 'P', step: 'received', at: '2026-03-02T09:00:00+07:00', ...x });
    expect(paknEventFieldErrors(e({}))).toEqual([
      { field: '/adminUnitCode', reason: 'required', message: "a 'received' event needs adminUnitCode or agencyCode: the unit it is attributed to" },
    ]);
    expect(paknEventFieldErrors(e({ step: 'classified' }))[0]).toMatchObject({ field: '/classification', reason: 'required' });
    expect(paknEventFieldErrors(e({ step: 'reaction' }))[0]).toMatchObject({ field: '/reaction', reason: 'required' });
    expect(paknEventFieldErrors(e({ step: 'assigned' }))[0]).toMatchObject({ field: '/agencyCode', reason: 'required' });
    expect(paknEventFieldErrors(e({ step: 'answered', reaction: 'like' }))[0]).toMatchObject({ field: '/reaction', reason: 'unexpected' });
    expect(paknEventFieldErrors(e({ adminUnitCode: '916' }))).toEqual([]);
  });
});
