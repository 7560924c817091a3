import type { Official766Score } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { buildOfficial766, panelGroupId, pickOfficial766 } from './official.model.ts';

const score = (period: string, total: number, extra: Partial<Official766Score> = {}): Official766Score => ({
  kind: 'official',
  origin: 'manual',
  unitCode: 'H13',
  period,
  total,
  groups: [],
  fetchedAt: '2026-11-01T06:00:00+07:00',
  ...extra,
});

const series = [
  score('2026-09', 80.5),
  score('2026-10', 84.2, {
    rank: 12,
    rankOf: 34,
    unitName: 'Thành phố Cần Thơ',
    groups: [
      { id: 'dvc-progress-tree', score: 19.1, maxScore: 20 },
      { id: 'handling-satisfaction', score: 17 },
      { id: 'something-new', score: 3 },
    ],
  }),
  score('2026-Q3', 81),
  score('2025', 78.123),
  score('2026-08', 79),
];

describe('official 766 score', () => {
  it('picks the latest score of the scene kind', () => {
    expect(pickOfficial766(series, 'month')).toMatchObject({ score: { period: '2026-10' }, matchesKind: true });
    expect(pickOfficial766(series, 'quarter')).toMatchObject({ score: { period: '2026-Q3' }, matchesKind: true });
    expect(pickOfficial766(series, 'year')).toMatchObject({ score: { period: '2025' }, matchesKind: true });
  });

  it('falls back to the latest of any kind and says so', () => {
    const onlyMonths = series.filter((s) => s.period.length === 7 && !s.period.includes('Q'));
    expect(pickOfficial766(onlyMonths, 'year')).toMatchObject({ score: { period: '2026-10' }, matchesKind: false });
    // Same end month: the shorter period wins.
    expect(pickOfficial766([score('2026-Q3', 1), score('2026-09', 2)], 'year')).toMatchObject({ score: { period: '2026-09' } });
    const v = buildOfficial766([score('2026-Q3', 81)], 'month', 'vi')!;
    expect([v.matchesKind, v.periodText]).toEqual([false, 'Quý III/2026']);
  });

  it('takes the later read of the same period, and the configured unit only', () => {
    const a = score('2026-10', 84, { fetchedAt: '2026-11-01T06:00:00+07:00' });
    const b = score('2026-10', 85, { fetchedAt: '2026-11-02T06:00:00+07:00' });
    expect(pickOfficial766([a, b], 'month')!.score.total).toBe(85);
    expect(pickOfficial766([score('2026-10', 70, { unitCode: 'H29' })], 'month', 'H13')).toBeNull();
  });

  it('formats the total, rank, period and freshness', () => {
    const v = buildOfficial766(series, 'month', 'vi', { unitCode: 'H13' })!;
    expect(v).toMatchObject({
      period: '2026-10',
      periodText: 'Tháng 10/2026',
      totalText: '84,20',
      rankText: '12/34',
      fetchedText: '01/11/2026 06:00',
      unitName: 'Thành phố Cần Thơ',
      matchesKind: true,
    });
    expect(buildOfficial766(series, 'month', 'en')!.totalText).toBe('84.20');
    expect(buildOfficial766([score('2026', 90, { rank: 3 })], 'year', 'vi')).toMatchObject({ periodText: 'Năm 2026', rankText: '3' });
    expect(buildOfficial766([score('2026', 90)], 'year', 'vi')!.rankText).toBeNull();
  });

  it('maps the portal groups to the panel groups and leaves unknown ones out', () => {
    const v = buildOfficial766(series, 'month', 'vi')!;
    expect(Object.keys(v.groups).sort()).toEqual(['progress', 'satisfaction']);
    expect(v.groups.progress).toMatchObject({ name: 'Tiến độ giải quyết', scoreText: '19,10', text: '19,10/20' });
    expect(v.groups.satisfaction).toMatchObject({ name: 'Mức độ hài lòng', maxScore: null, text: '17' });
    expect(buildOfficial766(series, 'month', 'en')!.groups.progress!.name).toBe('Timeliness');
  });

  it('knows every current and legacy group id', () => {
    expect(
      ['transparency', 'dvc-progress-tree', 'provide-online-tree', 'formality-online-payment-tree', 'dossier-digitized', 'handling-satisfaction'].map(
        panelGroupId,
      ),
    ).toEqual(['transparency', 'progress', 'online-service', 'online-payment', 'digitisation', 'satisfaction']);
    expect(['CKMB', 'TDGQ', 'TTTT', 'CLGQ', 'MDHL', 'mdsh'].map(panelGroupId)).toEqual([
      'transparency',
      'progress',
      'online-payment',
      'online-service',
      'satisfaction',
      'digitisation',
    ]);
    expect(panelGroupId('XYZ')).toBeNull();
  });

  it('is null without an official score', () => {
    expect(buildOfficial766(undefined, 'month', 'vi')).toBeNull();
    expect(buildOfficial766([], 'month', 'vi')).toBeNull();
  });
});
