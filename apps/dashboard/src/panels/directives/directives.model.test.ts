import type { DirectiveBoardResponse, DirectiveView } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { buildBoard } from './directives.model.ts';

const view = (id: string, extra: Partial<DirectiveView>): DirectiveView => ({
  id,
  title: null,
  text: `Chỉ đạo ${id}`,
  subject: { kind: 'score766', id: '2.1' },
  issuedBy: { name: 'Lãnh đạo', unit: '92' },
  issuedAt: Date.parse('2026-12-01T02:00:00Z'),
  deadlineWorkingDays: 2,
  dueAt: Date.parse('2026-12-03T10:00:00Z'),
  status: 'open',
  assignments: [{ unit: '31135', unitName: { vi: 'Phường Ninh Kiều', en: 'Ninh Kieu Ward' }, status: 'issued', updatedAt: 0, reports: [], decisions: [] }],
  revision: 1,
  updatedAt: 0,
  overdue: false,
  dueToday: false,
  workingDaysLate: 0,
  ...extra,
});

const board: DirectiveBoardResponse = {
  serverTime: Date.parse('2026-12-05T05:00:00Z'),
  today: '2026-12-05',
  overdue: [view('a', { overdue: true, workingDaysLate: 0.5 }), view('b', { overdue: true, workingDaysLate: 2, title: '<i>Khắc phục trễ hạn</i>' })],
  dueToday: [
    view('d', { dueToday: true, dueAt: Date.parse('2026-12-05T10:00:00Z') }),
    view('c', { dueToday: true, dueAt: Date.parse('2026-12-05T08:00:00Z') }),
    view('b', { dueToday: true }),
  ],
};

describe('the directive board', () => {
  it('lists the overdue first, most late first, then those due today, soonest first, each once', () => {
    const rows = buildBoard(board, 'vi');
    expect(rows.map((r) => [r.id, r.kind, r.lateText])).toEqual([
      ['b', 'overdue', '2'],
      ['a', 'overdue', '0,5'],
      ['c', 'dueToday', null],
      ['d', 'dueToday', null],
    ]);
  });

  it('writes the title (else the text) as text, the due time and the units by name', () => {
    const [b, a] = buildBoard(board, 'vi');
    expect(b!.title).toBe('<i>Khắc phục trễ hạn</i>');
    expect(a).toMatchObject({
      title: 'Chỉ đạo a',
      dueText: '03/12/2026 17:00',
      issuedBy: 'Lãnh đạo',
      units: [{ unit: '31135', name: 'Phường Ninh Kiều', status: 'issued' }],
    });
    expect(buildBoard(board, 'en')[0]!.units[0]!.name).toBe('Ninh Kieu Ward');
    expect(buildBoard(undefined, 'vi')).toEqual([]);
  });
});
