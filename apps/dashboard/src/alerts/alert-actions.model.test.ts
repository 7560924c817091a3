import { describe, expect, it } from 'vitest';
import type { AlertStatus } from '@cityioc/contracts';
import { opsdeskEn, opsdeskVi } from '../i18n/opsdesk.data.ts';
import { actionStates, deadlineAmountOk, type ActionForm } from './alert-actions.model.ts';

const EMPTY: ActionForm = { note: '', unit: '', kind: 'workingDays', amount: 1 };
const FILLED: ActionForm = { note: 'Đã cử đội kiểm tra', unit: 'Phòng Quản lý đô thị', kind: 'workingDays', amount: 1 };
const reasons = (status: AlertStatus, form: ActionForm, canAct = true, pending = false) => {
  const s = actionStates({ status }, { canAct }, form, pending);
  return { ack: s.ack.reason, assign: s.assign.reason, resolve: s.resolve.reason, note: s.note.reason };
};

describe('why an alert action is disabled', () => {
  it('an open alert: acknowledge first; resolve says so, not "write a note"', () => {
    expect(reasons('open', EMPTY)).toEqual({ ack: null, assign: 'ackFirst', resolve: 'ackFirst', note: 'needNote' });
    expect(reasons('open', FILLED)).toEqual({ ack: null, assign: 'ackFirst', resolve: 'ackFirst', note: null });
  });
  it('an acknowledged or assigned alert: resolving needs a note saying what was done, assigning needs a unit', () => {
    for (const s of ['acknowledged', 'assigned'] as const) {
      expect(reasons(s, EMPTY)).toEqual({ ack: 'alreadyAcknowledged', assign: 'needUnit', resolve: 'needNote', note: 'needNote' });
      expect(reasons(s, FILLED)).toEqual({ ack: 'alreadyAcknowledged', assign: null, resolve: null, note: null });
    }
    expect(reasons('assigned', { ...FILLED, kind: 'hours', amount: 0 }).assign).toBe('badAmount');
    expect(reasons('assigned', { ...FILLED, amount: 1.5 }).assign).toBe('badAmount');
  });
  it('a resolved alert takes notes only', () => {
    expect(reasons('resolved', FILLED)).toEqual({ ack: 'resolved', assign: 'resolved', resolve: 'resolved', note: null });
  });
  it('a leader reads: every action says only operators and administrators act; a request in flight blocks the rest', () => {
    expect(reasons('acknowledged', FILLED, false)).toEqual({ ack: 'readOnlyRole', assign: 'readOnlyRole', resolve: 'readOnlyRole', note: 'readOnlyRole' });
    expect(reasons('acknowledged', FILLED, true, true)).toEqual({ ack: 'alreadyAcknowledged', assign: 'pending', resolve: 'pending', note: 'pending' });
    const s = actionStates({ status: 'acknowledged' }, { canAct: true }, FILLED, false);
    expect(s.resolve).toEqual({ enabled: true, reason: null });
  });
  it('deadline amounts the server accepts', () => {
    expect([0, 60, 61, -1].map((n) => deadlineAmountOk('workingDays', n))).toEqual([true, true, false, false]);
    expect([0, 1, 720, 721].map((n) => deadlineAmountOk('hours', n))).toEqual([false, true, true, false]);
  });
  it('every reason reads in Vietnamese (with its diacritics) and in English', () => {
    expect(opsdeskVi.opsdesk.why).toMatchObject({
      readOnlyRole: 'Chỉ vận hành viên của đơn vị hoặc quản trị viên mới xử lý được cảnh báo',
      ackFirst: 'Cần tiếp nhận cảnh báo trước',
      needNote: 'Ghi rõ việc đã làm vào ô Ghi chú trước',
    });
    expect(Object.keys(opsdeskEn.opsdesk.why).sort()).toEqual(Object.keys(opsdeskVi.opsdesk.why).sort());
    expect(opsdeskEn.opsdesk.why.ackFirst).toBe('Acknowledge the alert first');
  });
});
