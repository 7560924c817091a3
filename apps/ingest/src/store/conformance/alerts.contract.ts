import { describe, expect, it } from 'vitest';
import type { Alert } from '@cityioc/contracts';
import type { NewAlertEvent } from '../store.ts';
import { alert, T0, useStore, type StoreHarness } from './harness.ts';

const ev = (a: Alert, patch: Partial<NewAlertEvent> = {}): NewAlertEvent => ({
  alertId: a.id,
  at: a.updatedAt,
  actor: 'system',
  action: 'raised',
  note: null,
  detail: { value: a.value },
  ...patch,
});

/** Alerts and their audit trail [ST-A…]: insert once, optimistic updates, listing, restart. */
export function alertConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, alerts: ${name}`, () => {
    const t = useStore(harness);

    it('[ST-A1] inserts an alert once: a second insert of the same id stores nothing', async () => {
      const s = await t.open();
      const a = alert('flood-band:wl-can-tho:1');
      expect(await s.insertAlert(a, ev(a))).toBe(true);
      expect(await s.insertAlert({ ...a, title: { vi: 'khác', en: 'other' } }, ev(a))).toBe(false);
      expect(await s.getAlert(a.id)).toEqual(a);
      expect(await s.alertEvents(a.id)).toHaveLength(1);
      expect(await s.getAlert('nope')).toBeNull();
    });

    it('[ST-A2] updates only from the expected revision and appends the audit event in the same step', async () => {
      const s = await t.open();
      const a = alert('a1');
      await s.insertAlert(a, ev(a));
      const acked: Alert = { ...a, status: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An', revision: 2, updatedAt: T0 + 5000 };
      const e = await s.updateAlert(acked, 1, ev(a, { action: 'acknowledged', actor: 'Nguyễn Văn An', at: T0 + 5000, note: 'đã xem' }));
      expect(e).toMatchObject({ alertId: 'a1', action: 'acknowledged', actor: 'Nguyễn Văn An', note: 'đã xem' });
      // a stale writer (still at revision 1) changes nothing and leaves no event
      expect(await s.updateAlert({ ...a, status: 'resolved', revision: 2 }, 1, ev(a, { action: 'resolved' }))).toBeNull();
      expect(await s.getAlert('a1')).toEqual(acked);
      const trail = await s.alertEvents('a1');
      expect(trail.map((x) => [x.action, x.actor])).toEqual([
        ['raised', 'system'],
        ['acknowledged', 'Nguyễn Văn An'],
      ]);
      expect(trail[0]!.seq).toBeLessThan(trail[1]!.seq);
      expect(trail[0]!.detail).toEqual({ value: 185 });
    });

    it('[ST-A3] lists newest first, filtered by status, areas and since', async () => {
      const s = await t.open();
      const rows = [
        alert('x1', { area: '916', updatedAt: T0 + 1 }),
        alert('x2', { area: '917', updatedAt: T0 + 2, status: 'resolved' }),
        alert('x3', { area: '916', updatedAt: T0 + 3 }),
      ];
      for (const r of rows) await s.insertAlert(r, ev(r));
      expect((await s.listAlerts({ limit: 10 })).map((a) => a.id)).toEqual(['x3', 'x2', 'x1']);
      expect((await s.listAlerts({ limit: 2 })).map((a) => a.id)).toEqual(['x3', 'x2']);
      expect((await s.listAlerts({ limit: 10, status: ['open'] })).map((a) => a.id)).toEqual(['x3', 'x1']);
      expect((await s.listAlerts({ limit: 10, areas: ['917', '918'] })).map((a) => a.id)).toEqual(['x2']);
      expect(await s.listAlerts({ limit: 10, areas: [] })).toEqual([]);
      expect((await s.listAlerts({ limit: 10, since: T0 + 2 })).map((a) => a.id)).toEqual(['x3', 'x2']);
    });

    it('[ST-A4] alerts and their trails survive a restart', async () => {
      const s = await t.open();
      const a = alert('r1');
      await s.insertAlert(a, ev(a));
      await s.updateAlert({ ...a, revision: 2, status: 'acknowledged' }, 1, ev(a, { action: 'acknowledged' }));
      const store = await t.reopen();
      expect(await store.getAlert('r1')).toMatchObject({ status: 'acknowledged', revision: 2 });
      expect((await store.alertEvents('r1')).map((e) => e.action)).toEqual(['raised', 'acknowledged']);
    });
  });
}
