import type { Score766Difference, Score766MetricView, Score766Response } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { buildScorecard, lostPoints } from './scorecard.model.ts';

const metric = (code: string, indicator: string | null, extra: Partial<Score766MetricView>): Score766MetricView => ({
  code,
  indicator,
  name: { vi: `Chỉ số ${code}`, en: `Metric ${code}` },
  ratio: null,
  numerator: null,
  denominator: null,
  threshold: null,
  points: null,
  max: null,
  noData: true,
  scored: true,
  split: 'published',
  counts: 'dossiers',
  note: null,
  ...extra,
});

const group = (id: string, vi: string, max: number, points: number | null, metrics: Score766MetricView[], complete = true) => ({
  id,
  apiId: id,
  name: { vi, en: id },
  points,
  max,
  complete,
  missing: complete ? [] : ['x'],
  split: 'published' as const,
  splitSource: null,
  metrics,
});

const response: Score766Response = {
  unit: '92',
  unitKind: 'city',
  unitName: { vi: 'Thành phố Cần Thơ', en: 'Can Tho City' },
  period: '2026-12',
  scheme: 'dvcqg-current',
  procedure: null,
  asOf: Date.parse('2026-12-05T05:00:00Z'),
  total: { points: 32.5, max: 100, complete: false, missingGroups: ['satisfaction'] },
  groups: [
    group('transparency', 'Công khai, minh bạch', 18, 10.83, [
      metric('PUBLISH_ON_TIME', '1.1', { ratio: 0.5, numerator: 1, denominator: 2, points: 3, max: 6, noData: false, counts: 'procedures' }),
      metric('DOSSIER_SYNC', '1.4', { ratio: 0.9227, numerator: 1164, denominator: 1261.5, points: 5.5, max: 6, noData: false }),
    ]),
    group('progress', 'Tiến độ giải quyết', 20, 20, [
      metric('2.1', '2.1', { ratio: 1, numerator: 3, denominator: 3, points: 20, max: 20, noData: false }),
      metric('2.2', '2.2', { ratio: 3.5, numerator: null, denominator: null, scored: false, max: 0, points: 0, noData: false, unit: 'working_days' }),
    ]),
    group(
      'online-service',
      'Dịch vụ công trực tuyến',
      12,
      1.67,
      [metric('3.1', '3.1', { ratio: 0.25, numerator: 1, denominator: 4, split: 'unpublished', noData: false })],
      false,
    ),
    group('satisfaction', 'Mức độ hài lòng', 18, null, [metric('PETITION_PROCESSING_ON_TIME', '5.2', { max: 6, counts: 'pakn' })]),
  ],
  official: {
    unitCode: 'H13',
    period: '2026-11',
    origin: 'manual',
    total: 84.2,
    rank: 12,
    rankOf: 34,
    fetchedAt: '2026-12-01T06:00:00+07:00',
    groups: [{ id: 'transparency', group: 'transparency', score: 12, maxScore: 18 }],
  },
  difference: [],
};

describe('the computed 766 scorecard as the wall writes it', () => {
  it('writes each group as points / maximum, no data as a dash, never 0', () => {
    const v = buildScorecard(response, 'vi');
    expect(v.groups.map((g) => `${g.pointsText} / ${g.maxText}`)).toEqual(['10,83 / 18', '20 / 20', '1,67 / 12', '— / 18']);
    expect(v.groups.map((g) => [g.noData, g.partial])).toEqual([
      [false, false],
      [false, false],
      [false, true],
      [true, false],
    ]);
    expect(v.groups[3]!.fraction).toBe(0);
    expect(v.groups[0]!.fraction).toBeCloseTo(10.83 / 18);
    expect(buildScorecard(response, 'en').groups[0]!.pointsText).toBe('10.83');
  });

  it('gives the total out of 100, the groups it lacks, the unit and period in Vietnamese', () => {
    const v = buildScorecard(response, 'vi');
    expect(v.total).toMatchObject({ pointsText: '32,50', maxText: '100', complete: false, missingGroups: ['Mức độ hài lòng'] });
    expect([v.unitName, v.periodText]).toEqual(['Thành phố Cần Thơ', 'Tháng 12/2026']);
    expect(buildScorecard(response, 'en').unitName).toBe('Can Tho City');
  });

  it('names a metric without a 766 number by its name, never by its code; its label cell says the portal scores it (once empty)', () => {
    const extra = metric('ELECTRONIC_CERTIFIED_COPY', null, { ratio: 0.4, numerator: 2, denominator: 5, points: 1, max: 2, noData: false });
    const withCopy = { ...response, groups: [group('digitisation', 'Số hoá', 22, 1, [extra])] };
    const [row] = buildScorecard(withCopy, 'vi').groups[0]!.metrics;
    expect([row!.label, row!.portalOnly, row!.title]).toEqual(['DVCQG', true, 'Chỉ số ELECTRONIC_CERTIFIED_COPY']);
    // every other metric by its 766 number
    expect(buildScorecard(response, 'vi').groups.flatMap((g) => g.metrics.map((m) => [m.label, m.portalOnly]))).toEqual([
      ['1.1', false],
      ['1.4', false],
      ['2.1', false],
      ['2.2', false],
      ['3.1', false],
      ['5.2', false],
    ]);
    // in the list of lost points too (the wall's "Chỉ số bị mất điểm")
    expect(lostPoints(buildScorecard(withCopy, 'vi')).map((x) => x.metric.label)).toEqual(['DVCQG']);
    expect(buildScorecard(response, 'vi').groups[0]!.metrics[1]!.title).toBe('1.4 Chỉ số DOSSIER_SYNC');
  });

  it('writes each metric: ratio, numerator / denominator, points / max; a share not published shows the ratio only', () => {
    const [sync] = buildScorecard(response, 'vi').groups[0]!.metrics.slice(1);
    expect(sync).toMatchObject({ label: '1.4', ratioText: '92,3 %', partsText: '1.164 / 1.262', pointsText: '5,50 / 6', noData: false, lost: 0.5 });
    const online = buildScorecard(response, 'vi').groups[2]!.metrics[0]!;
    expect(online).toMatchObject({ ratioText: '25,0 %', partsText: '1 / 4', pointsText: '—', lost: null });
    const noData = buildScorecard(response, 'vi').groups[3]!.metrics[0]!;
    expect(noData).toMatchObject({ label: '5.2', ratioText: '—', partsText: '—', pointsText: '— / 6', noData: true, counts: 'pakn' });
    const avg = buildScorecard(response, 'vi').groups[1]!.metrics[1]!;
    expect([avg.ratioText, avg.scored, avg.lost, avg.pointsText]).toEqual(['3,5 ngày làm việc', false, null, '—']);
    expect(buildScorecard(response, 'en').groups[1]!.metrics[1]!.ratioText).toBe('3.5 working days');
  });

  it('puts the official score beside it, with the group the portal scored', () => {
    const v = buildScorecard(response, 'vi');
    expect(v.official).toEqual({ totalText: '84,20', rankText: '12/34', periodText: 'Tháng 11/2026', fetchedText: '01/12/2026 06:00' });
    expect(v.groups.map((g) => g.officialText)).toEqual(['12 / 18', null, null, null]);
    expect(buildScorecard({ ...response, official: null }, 'vi').official).toBeNull();
  });

  /** A group beside the portal's score: the difference is computed − official (2 decimals), null without computed points. */
  const beside = (group: string, computed: number | null, official: number, metrics: Score766Difference['metrics'] = []): Score766Difference => ({
    group,
    apiId: group,
    computed,
    official,
    difference: computed === null ? null : Math.round((computed - official) * 100) / 100,
    metrics,
  });
  /** A metric both published: each side's ratio (0–1) from its numerator and denominator. */
  const metricBeside = (code: string, [cn, cd]: [number, number], [on, od]: [number, number]): Score766Difference['metrics'][number] => ({
    code,
    computedRatio: cn / cd,
    officialRatio: on / od,
    computedNumerator: cn,
    officialNumerator: on,
    computedDenominator: cd,
    officialDenominator: od,
  });

  it('gives per group the signed difference from the official score where the portal scored the group, and says where it did not', () => {
    const withDiff: Score766Response = {
      ...response,
      official: {
        ...response.official!,
        groups: [
          { id: 'transparency', group: 'transparency', score: 12, maxScore: 18 },
          { id: 'dvc-progress-tree', group: 'progress', score: 20, maxScore: 20 },
        ],
      },
      difference: [
        beside('transparency', 10.83, 12, [metricBeside('DOSSIER_SYNC', [1164, 1261.5], [910, 1000])]),
        beside('progress', 20, 19.5),
        beside('satisfaction', null, 15),
      ],
    };
    const v = buildScorecard(withDiff, 'vi');
    expect(v.groups.map((g) => g.difference)).toEqual([
      { kind: 'shown', value: -1.17, text: '\u22121,17', officialText: '12' },
      { kind: 'shown', value: 0.5, text: '+0,50', officialText: '19,50' },
      { kind: 'unpublished' },
      { kind: 'shown', value: null, text: '—', officialText: '15' },
    ]);
    expect(buildScorecard(withDiff, 'en').groups[1]!.difference).toEqual({ kind: 'shown', value: 0.5, text: '+0.50', officialText: '19.50' });
    // the portal's own ratio beside ours, for the metrics it published
    expect(v.groups[0]!.metrics.map((m) => m.officialRatioText)).toEqual([null, '91,0 %']);
    // a total without group scores: every group says the portal has not published them
    const noGroups = buildScorecard({ ...response, official: { ...response.official!, groups: null }, difference: [] }, 'vi');
    expect(noGroups.groups.map((g) => g.difference)).toEqual(Array(4).fill({ kind: 'unpublished' }));
    // no official score at all: nothing to compare with
    expect(buildScorecard({ ...response, official: null }, 'vi').groups.map((g) => g.difference)).toEqual([null, null, null, null]);
  });

  it('lists where the points were lost, most first, then the scored metrics without data', () => {
    const lost = lostPoints(buildScorecard(response, 'vi'));
    expect(lost.map((x) => [x.group, x.metric.label, x.metric.lost])).toEqual([
      ['Công khai, minh bạch', '1.1', 3],
      ['Công khai, minh bạch', '1.4', 0.5],
      ['Mức độ hài lòng', '5.2', null],
    ]);
  });
});
