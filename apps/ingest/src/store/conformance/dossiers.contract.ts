import { describe, expect, it } from 'vitest';
import { dossierEvent, useStore, type StoreHarness } from './harness.ts';

/** The dossier-event log and the official 766 scores [ST9, ST10]. */
export function dossierConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, dossier events and official 766 scores: ${name}`, () => {
    const t = useStore(harness);

    it('[ST9] keeps dossier events idempotent by eventId and replays them in order', async () => {
      const s = await t.open();
      const r1 = await s.appendDossierEvents([dossierEvent('a', 2), dossierEvent('b', 4), dossierEvent('a', 2)]);
      expect(r1[0]).toBeTypeOf('number');
      expect(r1[2]).toBeNull();
      expect((await s.appendDossierEvents([dossierEvent('b', 4)]))[0]).toBeNull();
      const got: string[] = [];
      await s.replayDossierEvents(0, (b) => got.push(...b.map((x) => `${x.event.eventId}:${x.event.status}`)), 1);
      expect(got).toEqual(['a:2', 'b:4']);
      expect(await s.countDossierEvents()).toBe(2);
      const store = await t.reopen();
      expect(await store.countDossierEvents()).toBe(2);
    });

    it('[ST10] keeps one official 766 score per unit, period and origin; the latest fetch wins', async () => {
      const s = await t.open();
      const score = (period: string, total: number, fetchedAt: string) => ({
        kind: 'official' as const,
        origin: 'dvcqg-evaluation-api' as const,
        unitCode: 'H13',
        period,
        total,
        groups: [{ id: 'dvc-progress-tree', score: 18.5, maxScore: 20 }],
        fetchedAt,
      });
      await s.putOfficialScores([score('2026-10', 80, '2026-11-01T00:00:00+07:00'), score('2026-09', 75, '2026-10-01T00:00:00+07:00')]);
      await s.putOfficialScores([score('2026-10', 82.5, '2026-11-02T00:00:00+07:00')]);
      await s.putOfficialScores([score('2026-10', 10, '2026-10-31T00:00:00+07:00')]); // older fetch: ignored
      expect((await s.officialScores({ unitCode: 'H13' })).map((x) => [x.period, x.total])).toEqual([
        ['2026-09', 75],
        ['2026-10', 82.5],
      ]);
      expect(await s.officialScores({ period: '2026-10', unitCode: 'H99' })).toEqual([]);
    });
  });
}
