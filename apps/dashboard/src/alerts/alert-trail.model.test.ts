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

/** A text worded in the reader's language; a plain string is written by a person or a feed and stays as it is. */
type Worded = { vi: string; en: string };
const SYSTEM: Worded = { vi: 'Hệ thống', en: 'System' };
const DUNG = 'Nguyễn Thị Dung (vanhanh)';
/** The trail of EVENTS, oldest first: when, action, by whom, detail, note. */
const TRAIL: [string, Worded, Worded | string, Worded | null, string | null][] = [
  ['22/11/2026 07:01', { vi: 'Phát sinh cảnh báo', en: 'Alert raised' }, SYSTEM, null, null],
  ['22/11/2026 07:02', { vi: 'Tăng cấp', en: 'Escalated' }, SYSTEM, { vi: 'Mức: BĐ II', en: 'Level: Alert level II' }, null],
  ['22/11/2026 07:03', { vi: 'Tiếp nhận', en: 'Acknowledged' }, DUNG, null, 'Đã nhận'],
  [
    '22/11/2026 07:04',
    { vi: 'Giao xử lý', en: 'Assigned' },
    DUNG,
    { vi: 'Đội ứng cứu — hạn 23/11/2026 17:00', en: 'Đội ứng cứu — due 23/11/2026 17:00' },
    null,
  ],
  ['22/11/2026 07:05', { vi: 'Hết điều kiện cảnh báo', en: 'Condition cleared' }, SYSTEM, null, null],
  ['22/11/2026 07:06', { vi: 'Giảm cấp', en: 'De-escalated' }, SYSTEM, { vi: 'Mức: custom-band', en: 'Level: custom-band' }, null],
];
const inLang = (text: Worded | string | null, lang: 'vi' | 'en') => (text === null || typeof text === 'string' ? text : text[lang]);

describe('alert trail in the reader’s language', () => {
  it.each(['vi', 'en'] as const)(
    '%s: the system, actions and levels worded in that language, times in the city zone, oldest first; names and notes as written',
    (lang) => {
      expect(view(lang)).toEqual(TRAIL.map((row) => row.map((text) => inLang(text, lang))));
    },
  );
  it('never says "system" in Vietnamese, and a person literally named like a template stays as written', () => {
    const rows = alertTrailRows([ev(1, {}), ev(2, { action: 'note', actor: '{{unit}} <b>x</b>', note: '{{deadline}}' })], 'vi', TZ);
    expect(rows.map((r) => r.actor)).toEqual(['Hệ thống', '{{unit}} <b>x</b>']);
    expect(rows[1]!.note).toBe('{{deadline}}');
  });
});
