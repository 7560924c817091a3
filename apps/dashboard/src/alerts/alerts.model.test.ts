import { describe, expect, it } from 'vitest';
import type { Alert } from '@cityioc/contracts';
import { raisedAlert } from '../../../../test-support/alerts.ts';
import { deadlineState, filterInbox, mergeAlert, tickerItems, worstSeverity } from './alerts.model.ts';

const T0 = Date.parse('2026-11-22T07:00:00+07:00');
const TZ = 'Asia/Ho_Chi_Minh';
const alert = (id: string, patch: Partial<Alert> = {}): Alert => raisedAlert(id, T0, patch);

describe('alerts model', () => {
  it('merges pushes by revision: a stale push never overwrites a newer state, a new alert goes first', () => {
    const a2 = alert('a', { status: 'acknowledged', revision: 2 });
    let list = [a2];
    list = mergeAlert(list, alert('a'));
    expect(list).toEqual([a2]);
    list = mergeAlert(list, alert('b', { raisedAt: T0 + 60_000 }));
    expect(list.map((x) => x.id)).toEqual(['b', 'a']);
    list = mergeAlert(list, alert('a', { status: 'resolved', revision: 3 }));
    expect(list.find((x) => x.id === 'a')?.status).toBe('resolved');
  });
  it('ticker: unresolved only, newest first, severity colour, Vietnamese text as given (never parsed as HTML), HH:mm in the city zone', () => {
    const items = tickerItems(
      [
        alert('old', { raisedAt: T0 - 3_600_000 }),
        alert('<b>x</b>', { raisedAt: T0, severity: 'critical' }),
        alert('done', { status: 'resolved', raisedAt: T0 + 1 }),
      ],
      'vi',
      TZ,
    );
    expect(items.map((i) => i.id)).toEqual(['<b>x</b>', 'old']);
    expect(items[0]).toMatchObject({ text: 'Mực nước <b>x</b> vượt BĐ I', color: '#EB3B3B', time: '07:00', severity: 'critical' });
    // the unit a leader's directive about it goes to by default
    expect(items.map((i) => i.area)).toEqual(['916', '916']);
    expect(items[1]!.time).toBe('06:00');
    expect(tickerItems([alert('a')], 'en', TZ)[0]!.text).toBe('Water level a above alert I');
    expect(
      tickerItems(
        Array.from({ length: 12 }, (_, i) => alert(`n${i}`, { raisedAt: T0 + i })),
        'vi',
        TZ,
        5,
      ),
    ).toHaveLength(5);
  });
  it('worst severity of the unresolved alerts', () => {
    expect(worstSeverity([alert('a', { severity: 'high' }), alert('b', { severity: 'critical', status: 'resolved' })])).toBe('high');
    expect(worstSeverity([])).toBeNull();
  });
  it('filters the inbox', () => {
    const list = [alert('a'), alert('b', { status: 'resolved' }), alert('c', { status: 'assigned' })];
    expect(filterInbox(list, 'active').map((a) => a.id)).toEqual(['c', 'a']);
    expect(filterInbox(list, 'resolved').map((a) => a.id)).toEqual(['b']);
    expect(filterInbox(list, 'all')).toHaveLength(3);
  });
  it('deadline state', () => {
    const a = alert('a', { status: 'assigned', deadline: T0 });
    expect(deadlineState(a, T0)).toBe('ok');
    expect(deadlineState(a, T0 + 1)).toBe('overdue');
    expect(deadlineState({ ...a, status: 'resolved' }, T0 + 1)).toBe('none');
  });
});
