import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '@cityioc/contracts';
import { alertTrailRows } from './alert-trail.model.ts';

const T0 = Date.parse('2026-11-22T07:00:00+07:00');
const TZ = 'Asia/Ho_Chi_Minh';
const ev = (seq: number, patch: Partial<AlertEvent>): AlertEvent => ({
  alertId: 'a',
  seq,
  at: T0 + seq * 60_000,
  actor: 'system',
  action: 'raised',
  note: null,
  detail: {},
  ...patch,
});
const EVENTS = [
  ev(4, { action: 'assigned', actor: 'Nguyễn Thị Dung (vanhanh)', detail: { unit: 'Đội ứng cứu', deadline: Date.parse('2026-11-23T17:00:00+07:00') } }),
  ev(1, {}),
  ev(2, { action: 'escalated', detail: { band: 'bd2', value: 201 } }),
  ev(3, { action: 'acknowledged', actor: 'Nguyễn Thị Dung (vanhanh)', note: 'Đã nhận' }),
  ev(5, { action: 'cleared', detail: { value: 170 } }),
  ev(6, { action: 'deescalated', detail: { band: 'custom-band' } }),
];
const view = (lang: 'vi' | 'en') => alertTrailRows(EVENTS, lang, TZ).map((r) => [r.when, r.actionLabel, r.actor, r.detail, r.note]);

describe('alert trail in the reader’s language', () => {
  it('Vietnamese: the system is "Hệ thống", actions and levels worded, times in the city zone, oldest first', () => {
    expect(view('vi')).toEqual([
      ['22/11/2026 07:01', 'Phát sinh cảnh báo', 'Hệ thống', null, null],
      ['22/11/2026 07:02', 'Tăng cấp', 'Hệ thống', 'Mức: BĐ II', null],
      ['22/11/2026 07:03', 'Tiếp nhận', 'Nguyễn Thị Dung (vanhanh)', null, 'Đã nhận'],
      ['22/11/2026 07:04', 'Giao xử lý', 'Nguyễn Thị Dung (vanhanh)', 'Đội ứng cứu — hạn 23/11/2026 17:00', null],
      ['22/11/2026 07:05', 'Hết điều kiện cảnh báo', 'Hệ thống', null, null],
      ['22/11/2026 07:06', 'Giảm cấp', 'Hệ thống', 'Mức: custom-band', null],
    ]);
  });
  it('English only when the UI is in English; names and notes stay as written', () => {
    expect(view('en')).toEqual([
      ['22/11/2026 07:01', 'Alert raised', 'System', null, null],
      ['22/11/2026 07:02', 'Escalated', 'System', 'Level: Alert level II', null],
      ['22/11/2026 07:03', 'Acknowledged', 'Nguyễn Thị Dung (vanhanh)', null, 'Đã nhận'],
      ['22/11/2026 07:04', 'Assigned', 'Nguyễn Thị Dung (vanhanh)', 'Đội ứng cứu — due 23/11/2026 17:00', null],
      ['22/11/2026 07:05', 'Condition cleared', 'System', null, null],
      ['22/11/2026 07:06', 'De-escalated', 'System', 'Level: custom-band', null],
    ]);
  });
  it('never says "system" in Vietnamese, and a person literally named like a template stays as written', () => {
    const rows = alertTrailRows([ev(1, {}), ev(2, { action: 'note', actor: '{{unit}} <b>x</b>', note: '{{deadline}}' })], 'vi', TZ);
    expect(rows.map((r) => r.actor)).toEqual(['Hệ thống', '{{unit}} <b>x</b>']);
    expect(rows[1]!.note).toBe('{{deadline}}');
  });
});
