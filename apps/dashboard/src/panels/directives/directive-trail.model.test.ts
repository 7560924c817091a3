import type { DirectiveAssignment, DirectiveView } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { attachmentUploadPath, uploadContentType, uploadResult } from './attachment-upload.ts';
import { attachmentHref, awaitingUnits, decisionBody, formatSize, listStatus, sortForLeader, unitTrail } from './directive-trail.model.ts';
import { validateDirectivesSearch } from './directives-page-state.ts';

const at = (iso: string) => Date.parse(iso);
const who = { name: 'Nguyễn Văn Báo', unit: '31135' };
const pdf = {
  id: 'att-1',
  directiveId: 'dir-1',
  unit: '31135',
  name: 'Báo cáo <tuần>.pdf',
  type: 'application/pdf' as const,
  size: 12_595,
  sha256: 'x',
  uploadedAt: at('2026-12-02T03:00:00Z'),
  uploadedBy: who,
};
const assignment: DirectiveAssignment = {
  unit: '31135',
  unitName: { vi: 'Phường Ninh Kiều', en: 'Ninh Kieu Ward' },
  status: 'done',
  updatedAt: 0,
  reports: [
    { id: 'r1', at: at('2026-12-02T03:05:00Z'), by: who, text: 'Đã rà soát', done: true, attachments: [pdf] },
    { id: 'r2', at: at('2026-12-03T02:00:00Z'), by: who, text: 'Bổ sung danh sách', done: true, attachments: [] },
  ],
  decisions: [{ at: at('2026-12-02T09:30:00Z'), by: { name: 'Trần Văn Lãnh', unit: '92' }, action: 'returned', note: 'Thiếu danh sách hồ sơ' }],
};

describe("the leader's trail of a directive", () => {
  it('merges the reports and decisions of a unit in time order, in vi-VN time, with download links', () => {
    expect(unitTrail('dir-1', assignment, 'vi')).toEqual([
      {
        kind: 'report',
        at: at('2026-12-02T03:05:00Z'),
        atText: '02/12/2026 10:05',
        by: 'Nguyễn Văn Báo',
        text: 'Đã rà soát',
        done: true,
        attachments: [
          { id: 'att-1', name: 'Báo cáo <tuần>.pdf', sizeText: '12,3 KB', type: 'application/pdf', href: '/api/v1/directives/dir-1/attachments/att-1' },
        ],
      },
      { kind: 'returned', at: at('2026-12-02T09:30:00Z'), atText: '02/12/2026 16:30', by: 'Trần Văn Lãnh', text: 'Thiếu danh sách hồ sơ' },
      {
        kind: 'report',
        at: at('2026-12-03T02:00:00Z'),
        atText: '03/12/2026 09:00',
        by: 'Nguyễn Văn Báo',
        text: 'Bổ sung danh sách',
        done: true,
        attachments: [],
      },
    ]);
    expect(attachmentHref('dir 1', 'att/2', 'https://api.example')).toBe('https://api.example/api/v1/directives/dir%201/attachments/att%2F2');
    expect([formatSize(812), formatSize(12_595), formatSize(2_621_440), formatSize(12_595, 'en')]).toEqual(['812 B', '12,3 KB', '2,5 MB', '12.3 KB']);
  });

  it('asks for a note before a return, not before an accept', () => {
    expect(decisionBody('31135', 'return', '  ')).toEqual({ ok: false, errors: ['note'] });
    expect(decisionBody('31135', 'return', ' Thiếu danh sách ')).toEqual({ ok: true, body: { unit: '31135', note: 'Thiếu danh sách' } });
    expect(decisionBody('31135', 'accept', '')).toEqual({ ok: true, body: { unit: '31135' } });
    expect(decisionBody('31135', 'accept', 'Tốt')).toEqual({ ok: true, body: { unit: '31135', note: 'Tốt' } });
  });

  it('names the units awaiting a decision and lists the overdue first, then the soonest due', () => {
    const v = (id: string, overdue: boolean, due: string, statuses: DirectiveAssignment['status'][]) =>
      ({ id, overdue, dueAt: at(due), assignments: statuses.map((status, i) => ({ ...assignment, unit: `u${i}`, status })) }) as unknown as DirectiveView;
    expect(awaitingUnits(v('a', false, '2026-12-05T10:00:00Z', ['done', 'accepted', 'done', 'returned']))).toEqual(['u0', 'u2']);
    const list = [v('c', false, '2026-12-09T10:00:00Z', []), v('b', true, '2026-12-04T10:00:00Z', []), v('a', false, '2026-12-05T10:00:00Z', [])];
    expect(sortForLeader(list).map((d) => d.id)).toEqual(['b', 'a', 'c']);
    expect([listStatus('awaiting'), listStatus('open'), listStatus('closed')]).toEqual(['done', 'open', 'closed']);
  });

  it('reads the page URL, falling back to the awaiting list', () => {
    expect(validateDirectivesSearch({ show: 'closed', id: 'dir-0b6e' })).toEqual({ show: 'closed', id: 'dir-0b6e' });
    expect(validateDirectivesSearch({ show: 'all', id: '<script>' })).toEqual({ show: 'awaiting', id: undefined });
  });
});

describe("an operator's attachment upload", () => {
  it('sends the file under its own type (raw bytes when unknown), its name in the query', () => {
    expect([uploadContentType('application/pdf'), uploadContentType('')]).toEqual(['application/pdf', 'application/octet-stream']);
    expect(attachmentUploadPath('dir-1', '31135', 'Báo cáo tuần.pdf')).toBe(
      '/api/v1/directives/dir-1/attachments?unit=31135&filename=B%C3%A1o+c%C3%A1o+tu%E1%BA%A7n.pdf',
    );
  });

  it("keeps the stored attachment, or the server's words for a refusal", () => {
    expect(uploadResult(201, { id: 'att-1', name: 'a.pdf' })).toEqual({ ok: true, attachment: { id: 'att-1', name: 'a.pdf' } });
    expect(uploadResult(415, { statusCode: 415, error: 'forbidden_attachment_type', message: 'only PDF, PNG, JPEG, DOCX or XLSX' })).toEqual({
      ok: false,
      status: 415,
      code: 'forbidden_attachment_type',
      message: 'only PDF, PNG, JPEG, DOCX or XLSX',
    });
    expect(uploadResult(413, null)).toEqual({ ok: false, status: 413, code: '413', message: 'HTTP 413' });
  });
});
