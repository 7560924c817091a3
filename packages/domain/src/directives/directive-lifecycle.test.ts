import type { Directive } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/work-calendar.ts';
import { applyDirectiveCommand, directiveView, type DirectiveCommand } from './directive-lifecycle.ts';

const cal = createWorkCalendar();
const ms = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+07:00`);
const leader = { name: 'Phó Chủ tịch UBND', unit: 'UBND thành phố' };
const op = { name: 'Trực ban phường', unit: 'UBND phường' };

function directive(): Directive {
  const a = (unit: string) => ({ unit, unitName: null, status: 'issued' as const, updatedAt: ms('2026-03-02 09:00'), reports: [], decisions: [] });
  return {
    id: 'D1',
    title: null,
    text: 'Xử lý dứt điểm hồ sơ trễ hạn',
    subject: { kind: 'score766', id: '2.1' },
    issuedBy: leader,
    issuedAt: ms('2026-03-02 09:00'),
    deadlineWorkingDays: 3,
    dueAt: ms('2026-03-05 17:00'),
    status: 'open',
    assignments: [a('916'), a('917')],
    revision: 1,
    updatedAt: ms('2026-03-02 09:00'),
  };
}
const report = (unit: string, done: boolean, at = '2026-03-03 10:00'): DirectiveCommand => ({
  action: 'report',
  unit,
  reportId: `r-${unit}-${at}`,
  text: 'Đã rà soát',
  done,
  attachments: [],
  by: op,
  at: ms(at),
});
const decide = (action: 'accept' | 'return', unit: string, note: string | null = null): DirectiveCommand => ({
  action,
  unit,
  note,
  by: leader,
  at: ms('2026-03-04 10:00'),
});

function run(d: Directive, ...cmds: DirectiveCommand[]): Directive {
  for (const c of cmds) {
    const r = applyDirectiveCommand(d, c);
    if (!r.ok) throw new Error(r.message);
    d = r.directive;
  }
  return d;
}

describe('directive lifecycle', () => {
  it('issued → in progress → done → returned → done → accepted; closed when every unit is accepted', () => {
    let d = run(
      directive(),
      report('916', false),
      report('916', true),
      decide('return', '916', 'Thiếu số liệu'),
      report('916', true, '2026-03-04 15:00'),
      decide('accept', '916'),
    );
    expect(d.assignments[0]).toMatchObject({ status: 'accepted' });
    expect(d.assignments[0]!.reports.map((r) => r.done)).toEqual([false, true, true]);
    expect(d.assignments[0]!.decisions.map((x) => [x.action, x.note])).toEqual([
      ['returned', 'Thiếu số liệu'],
      ['accepted', null],
    ]);
    expect(d).toMatchObject({ status: 'open', revision: 6 });
    d = run(d, report('917', true), decide('accept', '917'));
    expect(d.status).toBe('closed');
  });
  it('refuses forbidden transitions with 409 and the reason', () => {
    const d = directive();
    expect(applyDirectiveCommand(d, decide('accept', '916'))).toMatchObject({ ok: false, status: 409, reason: 'not_done' });
    const done = run(d, report('916', true));
    expect(applyDirectiveCommand(done, report('916', false))).toMatchObject({ ok: false, status: 409, reason: 'awaiting_decision' });
    const accepted = run(done, decide('accept', '916'));
    expect(applyDirectiveCommand(accepted, decide('return', '916', 'x'))).toMatchObject({ ok: false, status: 409, reason: 'already_accepted' });
    expect(applyDirectiveCommand(accepted, report('916', true))).toMatchObject({ ok: false, status: 409, reason: 'already_accepted' });
    expect(applyDirectiveCommand(d, report('918', true))).toMatchObject({ ok: false, status: 404, reason: 'not_responsible' });
    expect(applyDirectiveCommand(done, decide('return', '916'))).toMatchObject({ ok: false, status: 422, reason: 'note_required' });
  });
  it('is overdue past its due instant while a unit owes an answer; due today on its local date', () => {
    const d = directive();
    expect(directiveView(d, ms('2026-03-05 09:00'), cal)).toMatchObject({ overdue: false, dueToday: true, workingDaysLate: 0 });
    expect(directiveView(d, ms('2026-03-06 17:00'), cal)).toMatchObject({ overdue: true, dueToday: false, workingDaysLate: 1 });
    const answered = run(d, report('916', true), report('917', true));
    expect(directiveView(answered, ms('2026-03-09 09:00'), cal)).toMatchObject({ overdue: false, dueToday: false });
  });
});
