import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../auth/session.ts';
import { canAnswerDirective, canIssueDirective, issueBody, reportBody, subjectText } from './directive-form.model.ts';
import { score766Vi } from '../../i18n/score766.data.ts';

const subject = { kind: 'score766', id: '2.1', label: 'Tiến độ giải quyết' } as const;
const person = (role: SessionUser['role'], kind: SessionUser['kind'] = 'user'): SessionUser => ({
  id: 'u',
  name: 'Ai đó',
  role,
  kind,
  scopes: { units: ['92'], agencies: [] },
});

describe('directive forms', () => {
  it('builds the issue body: trimmed text, units without repeats, a deadline in working days', () => {
    expect(issueBody({ text: '  Rà soát hồ sơ trễ hạn ', units: '31135, 000.135.00.H13 31135', deadlineWorkingDays: '5', subject })).toEqual({
      ok: true,
      body: { text: 'Rà soát hồ sơ trễ hạn', units: ['31135', '000.135.00.H13'], deadlineWorkingDays: 5, subject },
    });
  });

  it('names every field that cannot be sent', () => {
    expect(issueBody({ text: ' ', units: '', deadlineWorkingDays: '0', subject })).toEqual({ ok: false, errors: ['text', 'units', 'deadlineWorkingDays'] });
    expect(issueBody({ text: 'x', units: '<b>', deadlineWorkingDays: '2.5', subject })).toEqual({ ok: false, errors: ['units', 'deadlineWorkingDays'] });
  });

  it('builds the report body of a unit', () => {
    expect(reportBody('31135', ' Đã rà soát xong ', true)).toEqual({ ok: true, body: { unit: '31135', text: 'Đã rà soát xong', done: true } });
    expect(reportBody('31135', '', false)).toEqual({ ok: false, errors: ['text'] });
    expect(reportBody('31135', 'Kèm biên bản', false, ['att-1', 'att-2', 'att-1'])).toEqual({
      ok: true,
      body: { unit: '31135', text: 'Kèm biên bản', done: false, attachments: ['att-1', 'att-2'] },
    });
    expect(
      reportBody(
        '31135',
        'x',
        true,
        Array.from({ length: 11 }, (_, i) => `att-${i}`),
      ),
    ).toEqual({ ok: false, errors: ['attachments'] });
  });

  it('lets leaders issue and operators answer; a wall screen neither', () => {
    expect(['leader', 'operator', 'analyst', 'admin'].map((r) => canIssueDirective(person(r as SessionUser['role'])))).toEqual([true, false, false, false]);
    expect(['leader', 'operator', 'analyst', 'admin'].map((r) => canAnswerDirective(person(r as SessionUser['role'])))).toEqual([false, true, false, false]);
    expect([canIssueDirective(person('leader', 'device')), canIssueDirective(null), canAnswerDirective(null)]).toEqual([false, false, false]);
  });

  it('writes the source a directive was issued from, its kind in Vietnamese, the label as text or else the id', () => {
    const kinds = score766Vi.score766.directives.subject;
    const t = (key: string) => kinds[key.split('.').at(-1) as keyof typeof kinds];
    expect(subjectText({ kind: 'alert', id: 'flood-band|wl-can-tho|1', label: 'Mực nước <b>185 cm</b>' }, t)).toBe('Cảnh báo: Mực nước <b>185 cm</b>');
    expect(subjectText({ kind: 'pakn', id: 'PAKN-7' }, t)).toBe('Phản ánh, kiến nghị: PAKN-7');
    expect(subjectText({ kind: 'unit', id: '31135', label: 'Phường Ninh Kiều' }, t)).toBe('Đơn vị: Phường Ninh Kiều');
  });
});
