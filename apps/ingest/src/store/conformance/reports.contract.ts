import { describe, expect, it } from 'vitest';
import type { ReportSubmission } from '@cityioc/contracts';
import { T0, useStore, type StoreHarness } from './harness.ts';

const report = (unit: string, period: string, value: number, patch: Partial<ReportSubmission> = {}): ReportSubmission => ({
  regime: 'par-index',
  unit,
  period,
  values: [{ indicator: 'par_index', value, provenance: 'published' }],
  submittedAt: T0,
  receivedAt: T0 + 5,
  source: 'snv',
  origin: 'api',
  signedBy: null,
  fileName: null,
  ...patch,
});

/** Decree 09 report submissions [ST-R…]: versions, round trip, one transaction per batch, reviews. */
export function reportConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, reporting (Decree 09 submissions): ${name}`, () => {
    const t = useStore(harness);

    it('[ST-R1] numbers versions per (regime, unit, period) and keeps every version', async () => {
      const s = await t.open();
      expect(await s.putReportSubmissions([report('SNV', '2023', 90), report('STP', '2023', 91)])).toEqual([1, 1]);
      expect(await s.putReportSubmissions([report('SNV', '2023', 92, { submittedAt: T0 + 60_000 })])).toEqual([2]);
      expect(await s.putReportSubmissions([report('SNV', '2022', 88)])).toEqual([1]);
      const snv = await s.reportSubmissions({ unit: 'SNV', period: '2023' });
      expect(snv.map((r) => [r.version, r.values[0]!.value, r.submittedAt])).toEqual([
        [1, 90, T0],
        [2, 92, T0 + 60_000],
      ]);
    });

    it('[ST-R2] round-trips every field, nulls included, and filters by regime, unit and period', async () => {
      const s = await t.open();
      const full = report('916', '2024-Q1', 0, {
        regime: 'cchc-cds',
        values: [{ indicator: 'e_document_rate', numerator: 328330, denominator: 342006, note: 'Trục liên thông' }],
        origin: 'import-xlsx',
        signedBy: 'Nguyễn Văn A',
        fileName: 'báo cáo quý 1.xlsx',
      });
      await s.putReportSubmissions([full, report('SNV', '2023', 90)]);
      const got = await s.reportSubmissions({ regime: 'cchc-cds' });
      expect(got).toEqual([{ ...full, version: 1, review: null, reviewedAt: null, reviewNote: null }]);
      expect(await s.reportSubmissions({ period: '2023' })).toHaveLength(1);
      expect(await s.reportSubmissions({})).toHaveLength(2);
      expect(await s.reportSubmissions({ unit: 'nope' })).toEqual([]);
    });

    it('[ST-R3] a batch is one transaction: a failing item leaves nothing stored', async () => {
      const s = await t.open();
      // a row the database refuses (NOT NULL columns), past the type checker on purpose
      const bad = { ...report('STP', '2023', 1), values: undefined, regime: null } as unknown as ReportSubmission;
      await expect(s.putReportSubmissions([report('SNV', '2023', 90), bad])).rejects.toBeTruthy();
      expect(await s.reportSubmissions({})).toEqual([]);
    });

    it('[ST-R4] records a review on one version, and survives a restart', async () => {
      const s = await t.open();
      await s.putReportSubmissions([report('SNV', '2023', 90)]);
      expect(
        await s.reviewReportSubmission(
          { regime: 'par-index', unit: 'SNV', period: '2023', version: 1 },
          { review: 'returned', at: T0 + 9, note: 'sai số liệu' },
        ),
      ).toBe(true);
      expect(await s.reviewReportSubmission({ regime: 'par-index', unit: 'SNV', period: '2023', version: 7 }, { review: 'accepted', at: T0, note: null })).toBe(
        false,
      );
      const store = await t.reopen();
      const [r] = await store.reportSubmissions({ unit: 'SNV' });
      expect([r!.review, r!.reviewedAt, r!.reviewNote]).toEqual(['returned', T0 + 9, 'sai số liệu']);
    });
  });
}
