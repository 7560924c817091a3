import { describe, expect, it } from 'vitest';
import type { NewAuditRecord } from '../audit-store.ts';
import { useStore, type StoreHarness } from './harness.ts';

const T0 = Date.parse('2026-11-22T07:00:00+07:00');
const rec = (action: string, patch: Partial<NewAuditRecord> = {}): NewAuditRecord => ({
  at: T0,
  actor: 'dung.nt',
  actorRole: 'operator',
  action,
  target: null,
  unit: '916',
  scope: { units: ['916'], agencies: [] },
  ip: '10.0.0.7',
  details: null,
  ...patch,
});

/** The audit part of the Store conformance suite. */
export function auditConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, audit log: ${name}`, () => {
    const t = useStore(harness);

    it('[ST-AU1] appends in order, reads back whole, newest first', async () => {
      const s = (await t.open()).auditLog;
      const seqs = await s.appendAudit([
        rec('auth.login'),
        rec('dossier.view', { target: 'HS-001', details: { code: 'HS-001', note: 'Hồ sơ đất đai' } }),
        rec('auth.login_failed', { actor: 'khách', actorRole: null, unit: null, scope: null, ip: null }),
      ]);
      expect(seqs).toHaveLength(3);
      expect(seqs[1]! > seqs[0]! && seqs[2]! > seqs[1]!).toBe(true);
      const all = await s.queryAudit({ limit: 10 });
      expect(all.map((r) => r.action)).toEqual(['auth.login_failed', 'dossier.view', 'auth.login']);
      expect(all[1]).toEqual({ ...rec('dossier.view', { target: 'HS-001', details: { code: 'HS-001', note: 'Hồ sơ đất đai' } }), seq: seqs[1] });
      expect(all[0]).toMatchObject({ actor: 'khách', actorRole: null, unit: null, scope: null, ip: null, details: null });
    });

    it('[ST-AU2] filters by actor, unit, action or action family, period; limit; survives a restart', async () => {
      const s = (await t.open()).auditLog;
      await s.appendAudit([
        rec('alert.ack', { at: T0 + 1 }),
        rec('alert.resolve', { at: T0 + 2, unit: '917' }),
        rec('alert_x', { at: T0 + 3 }),
        rec('export', { at: T0 + 4, actor: 'an.lv', actorRole: 'analyst' }),
        rec('user.create', { at: T0 + 5, actor: 'admin' }),
      ]);
      const actions = async (f: Parameters<typeof s.queryAudit>[0]) => (await s.queryAudit(f)).map((r) => r.action);
      expect(await actions({ actor: 'an.lv', limit: 10 })).toEqual(['export']);
      expect(await actions({ unit: '917', limit: 10 })).toEqual(['alert.resolve']);
      expect(await actions({ action: 'alert.', limit: 10 })).toEqual(['alert.resolve', 'alert.ack']);
      expect(await actions({ action: 'alert.ack', limit: 10 })).toEqual(['alert.ack']);
      expect(await actions({ from: T0 + 2, to: T0 + 4, limit: 10 })).toEqual(['export', 'alert_x', 'alert.resolve']);
      expect(await actions({ limit: 2 })).toEqual(['user.create', 'export']);
      const again = (await t.reopen()).auditLog;
      expect((await again.queryAudit({ limit: 100 })).length).toBe(5);
    });
  });
}
