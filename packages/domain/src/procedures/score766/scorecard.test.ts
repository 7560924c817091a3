import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../calendar/work-calendar.ts';
import { foldDossier } from '../dossier/dossier-record.ts';
import { ev, t } from '../dossier/dossier.fixtures.ts';
import { DossierScoreCells, dossierFlagVector, dossierFlags } from './dossier-cells.ts';
import { NO_DATA, ratioValue, type MetricValue } from './formulas.ts';
import { SCORE_766_2022, SCORE_766_CURRENT } from './groups.ts';
import { metricPoints, scoreScheme, splitErrors, type Score766Split } from './scorecard.ts';

const cal = createWorkCalendar();
const r = (x: number): MetricValue => ({ ratio: x, numerator: null, denominator: null, noData: false });

describe('metricPoints', () => {
  it('Pmax at or above T, R × Pmax / T below, R × Pmax without T; no ratio → null (never 0)', () => {
    expect(metricPoints(0.85, 6, 0.9)).toBeCloseTo(5.6667, 4);
    expect(metricPoints(0.95, 6, 0.9)).toBe(6);
    expect(metricPoints(0.9712, 20, null)).toBeCloseTo(19.424, 10);
    expect(metricPoints(null, 6, 0.9)).toBeNull();
    expect(metricPoints(1.4, 4, null)).toBe(4);
  });
});

describe('scoreScheme', () => {
  /** A unit whose every metric has a value (hand-computed total below). */
  const full: Record<string, MetricValue> = {
    PUBLISH_ON_TIME: r(1), // 6
    PUBLIC_UPDATE_ON_TIME: r(0.5), // 2
    PUBLIC_CONTENT_FULL: r(1), // 2
    DOSSIER_SYNC: r(0.9), // 5.4
    '2.1': r(0.95), // 19
    '3.1': r(0.8),
    '3.2': r(0.5),
    '3.3': r(0.25),
    '3.5': r(0.7),
    '3.6': r(0.4),
    ORIGINAL_RESULT_AVAILABLE: r(0.5), // 3
    SO_HOA_GIAY_TO_GIAI_QUYET: r(0.4), // 0.4 × 4 / 0.8 = 2
    REUSED_DIGITIZED_DATA: r(0.8), // 2
    SYNCED_WITH_DVCQG_PERSONAL_STORAGE: r(0.25), // 1
    CITIZEN_DATA_CONNECTED_DOSSIER: r(0.5), // 1
    CITIZEN_DATA_CONNECTED_FORMALITY: r(1), // 2
    ELECTRONIC_CERTIFIED_COPY: r(0.5), // 1
    PETITION_PROCESSING_ON_TIME: r(0.5), // 3
    PETITION_HANDLING_SATISFACTION: r(0.25), // 1.5
    PETITION_CLASSIFICATION_TTHC: r(0.7), // tracked, 0
    PETITION_CLASSIFICATION_STAFF: r(0.3),
    DOSSIER_RECEIVING_SATISFACTION: r(0.9), // 6
  };
  it('without a configured split the online-service and payment groups show ratios and no points (like 3.6)', () => {
    const s = scoreScheme(SCORE_766_CURRENT, full);
    const g = (id: string) => s.groups.find((x) => x.id === id)!;
    expect(g('transparency')).toMatchObject({ points: 15.4, max: 18, complete: true, split: 'published' });
    expect(g('progress')).toMatchObject({ points: 19, max: 20, complete: true });
    expect(g('online-service')).toMatchObject({ points: null, max: 12, complete: false, split: 'unpublished', missing: ['3.1', '3.2', '3.3'] });
    expect(g('online-payment').metrics.find((m) => m.code === '3.6')).toMatchObject({ ratio: 0.4, points: null, max: null, split: 'unpublished' });
    expect(g('digitisation')).toMatchObject({ points: 12, max: 22, complete: true });
    expect(g('satisfaction')).toMatchObject({ points: 10.5, max: 18, complete: true });
    expect(g('satisfaction').metrics.find((m) => m.code === 'PETITION_CLASSIFICATION_TTHC')).toMatchObject({ points: 0, max: 0, scored: false });
    expect(s.total).toEqual({ points: 56.9, max: 100, complete: false, missingGroups: ['online-service', 'online-payment'] });
  });
  it('with a split the city configured every group scores: 3.1 at its 80 % threshold, 3.3 below its 50 % one', () => {
    const splits: Score766Split[] = [
      { scheme: 'dvcqg-current', group: 'online-service', metrics: { '3.1': 4, '3.2': 4, '3.3': 4 }, source: 'QĐ tỉnh (ví dụ)' },
      { scheme: 'dvcqg-current', group: 'online-payment', metrics: { '3.5': 5, '3.6': 5 }, source: 'QĐ tỉnh (ví dụ)' },
    ];
    const s = scoreScheme(SCORE_766_CURRENT, full, splits);
    const online = s.groups.find((x) => x.id === 'online-service')!;
    // 3.1: 0.8 ≥ 0.8 → 4; 3.2: 0.5 × 4 = 2; 3.3: 0.25 × 4 / 0.5 = 2
    expect(online).toMatchObject({ points: 8, complete: true, split: 'configured', splitSource: 'QĐ tỉnh (ví dụ)' });
    // 3.5: 0.7 × 5 / 0.8 = 4.375; 3.6: 0.4 × 5 = 2
    expect(s.groups.find((x) => x.id === 'online-payment')!.points).toBe(6.38);
    expect(s.total).toEqual({ points: 71.28, max: 100, complete: true, missingGroups: [] });
  });
  it('a metric without data leaves its group a lower bound, never scored as 0', () => {
    const s = scoreScheme(SCORE_766_CURRENT, { ...full, DOSSIER_SYNC: NO_DATA });
    const tr = s.groups.find((x) => x.id === 'transparency')!;
    expect(tr).toMatchObject({ points: 10, complete: false, missing: ['DOSSIER_SYNC'] });
    expect(tr.metrics.find((m) => m.code === 'DOSSIER_SYNC')).toMatchObject({ points: null, noData: true, max: 6 });
    const none = scoreScheme(SCORE_766_CURRENT, {});
    expect(none.groups.every((g) => g.points === null || g.points === 0)).toBe(true);
    expect(none.total.points).toBe(0);
    expect(none.total.missingGroups).toEqual(['transparency', 'progress', 'online-service', 'online-payment', 'digitisation', 'satisfaction']);
  });
  it('the 2022 text publishes only the progress and 5.1 maxima: other groups have no points, the maxima still add up to 100', () => {
    const s = scoreScheme(SCORE_766_2022, full);
    expect(s.total.max).toBe(100);
    expect(s.groups.map((g) => [g.id, g.points])).toEqual([
      ['transparency', null],
      ['progress', 19],
      ['digitisation', null],
      ['online', null],
      ['satisfaction', null],
    ]);
    expect(s.groups.find((g) => g.id === 'digitisation')!.metrics.map((m) => m.code)).not.toContain('ELECTRONIC_CERTIFIED_COPY');
  });
  it('splitErrors: unknown metric, a published metric, a missing one, a wrong sum', () => {
    const split = (metrics: Record<string, number>): Score766Split => ({ scheme: 'dvcqg-current', group: 'online-payment', metrics, source: 'x' });
    expect(splitErrors(split({ '3.5': 5, '3.6': 5 }), SCORE_766_CURRENT)).toEqual([]);
    expect(splitErrors(split({ '3.5': 5, '3.6': 4 }), SCORE_766_CURRENT)).toEqual(["the maxima add up to 9, not the group's 10"]);
    expect(splitErrors(split({ '3.5': 10 }), SCORE_766_CURRENT)).toEqual(['metric 3.6 of group online-payment has no maximum in the split']);
    expect(splitErrors({ ...split({ '2.1': 20 }), group: 'progress' }, SCORE_766_CURRENT)).toEqual(['metric 2.1 already has a published maximum (20)']);
    expect(splitErrors(split({ '3.5': 5, '3.6': 5, X: 0 }), SCORE_766_CURRENT)[0]).toBe("group online-payment has no metric 'X'");
  });
});

describe('DossierScoreCells', () => {
  const X = { agencyCode: '000.00.01.H13', adminUnitCode: '916' };
  it('keeps Σ counts per procedure; a dossier changed or complained about moves its part, not a second one', () => {
    const cells = new DossierScoreCells();
    const a = foldDossier([
      ev('A', 2, '2026-03-02 08:00', { ...X, channel: 2, syncedToDvcqg: true, fees: [{ code: 'LP', amountVnd: 8000 }] }),
      ev('A', 9, '2026-03-03 10:00', { ...X, channel: 2, eResult: true }),
    ])!;
    const b = foldDossier([ev('B', 2, '2026-03-05 08:00', { ...X, procedureCode: '2.000815', syncedToDvcqg: false })])!;
    cells.put('A', a, dossierFlagVector(a, false, cal));
    cells.put('B', b, dossierFlagVector(b, false, cal));
    cells.put('B', b, dossierFlagVector(b, true, cal)); // a dislike came in
    const s = cells.sum('2026-Q1');
    expect(s.total).toMatchObject({
      received: 2,
      syncKnown: 2,
      synced: 1,
      online: 1,
      onlineEResult: 1,
      completed: 1,
      feeSynced: 1,
      complained: 1,
      processed: 1,
    });
    expect(s.byProcedure.get('1.000494')).toMatchObject({ received: 1, online: 1, feeSynced: 1 });
    expect(s.byProcedure.get('2.000815')).toMatchObject({ received: 1, complained: 1 });
    // a working day and two hours (Mon 08:00 → Tue 10:00)
    expect(s.total.processingWorkingMs).toBe(26 * 3_600_000);
    expect(cells.sum('2026-03', { area: (x) => x === '917' }).total.received).toBe(0);
    expect(cells.sum('2026-01-01..2026-03-31').total.received).toBe(2);
    cells.remove('A');
    expect(cells.sum('2026').total.received).toBe(1);
  });
  it('a dossier never received has no part', () => {
    const x = foldDossier([ev('C', 1, '2026-03-02 08:00', { ...X })])!;
    expect(dossierFlags(x, false, cal)).toBeNull();
    expect(ratioValue(0, 0).noData).toBe(true);
    expect(t('2026-03-02 08:00')).toBe('2026-03-02T08:00:00+07:00');
  });
});
