import type { Official766Score } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { SCORE_766_2022, SCORE_766_CURRENT, SCORE_766_THRESHOLDS } from './groups.ts';
import {
  addScorePoint,
  groupScore,
  indicatorPoints,
  pointsForRatio,
  roundPoints,
  totalScore,
  type Computed766Score,
  type ComputedScoreSeries,
  type OfficialScoreSeries,
} from './scoring.ts';

const group = (id: string) => SCORE_766_CURRENT.groups.find((g) => g.id === id)!;

describe('766 groups as data', () => {
  it('current scheme: 18/20/12/10/22/18 = 100; the 2022 text: 18/20/22/22/18 = 100', () => {
    expect(SCORE_766_CURRENT.groups.map((g) => [g.id, g.maxScore])).toEqual([
      ['transparency', 18],
      ['progress', 20],
      ['online-service', 12],
      ['online-payment', 10],
      ['digitisation', 22],
      ['satisfaction', 18],
    ]);
    expect(SCORE_766_2022.groups.map((g) => g.maxScore)).toEqual([18, 20, 22, 22, 18]);
    expect(
      totalScore(
        SCORE_766_CURRENT.groups.map((g) => ({ score: g.maxScore })),
        SCORE_766_CURRENT,
      ),
    ).toEqual({ total: 100, maxTotal: 100 });
    expect(totalScore([], SCORE_766_2022).maxTotal).toBe(100);
  });
  it('published metric maxima add up to their group (transparency 18, digitisation 22, satisfaction 18)', () => {
    for (const id of ['transparency', 'digitisation', 'satisfaction'])
      expect(group(id).metrics.reduce((s, m) => s + (m.maxScore ?? 0), 0)).toBe(group(id).maxScore);
    expect(group('online-service').metrics.every((m) => m.maxScore === null)).toBe(true); // not published: not guessed
  });
  it('thresholds: 80 % for 3.1, 3.5, 4.2, 4.3; 50 % for 3.3; 90 % for 5.4', () => {
    expect(SCORE_766_THRESHOLDS).toEqual({ '3.1': 0.8, '3.3': 0.5, '3.5': 0.8, '4.2': 0.8, '4.3': 0.8, '5.4': 0.9 });
  });
});

describe('ratio to points', () => {
  it('is linear without a threshold: 2.1 at 97.12 % → 19.424 of 20', () => {
    expect(indicatorPoints('2.1', 0.9712, 20)).toBeCloseTo(19.424, 10);
  });
  it('gives full points at or above the threshold and R × Pmax / T below it', () => {
    expect(indicatorPoints('3.3', 0.4, 4)).toBeCloseTo(3.2, 10); // 0.40 × 4 / 0.5
    expect(indicatorPoints('3.3', 0.5, 4)).toBe(4);
    expect(indicatorPoints('3.3', 0.62, 4)).toBe(4);
    expect(indicatorPoints('5.4', 0.85, 6)).toBeCloseTo(5.6667, 4); // 0.85 × 6 / 0.9
    expect(indicatorPoints('4.3', 0.2, 2)).toBeCloseTo(0.5, 10); // 0.2 × 2 / 0.8
    expect(indicatorPoints('3.1', 0.8, 4)).toBe(4);
  });
  it('scores no ratio as 0 and clamps out-of-range ratios', () => {
    expect(pointsForRatio(null, 6)).toBe(0);
    expect(pointsForRatio(Number.NaN, 6)).toBe(0);
    expect(pointsForRatio(1.3, 6)).toBe(6);
    expect(pointsForRatio(-0.1, 6, 0.8)).toBe(0);
  });
  it('rounds as displayed', () => expect(roundPoints(5.66666)).toBe(5.67));
});

describe('group and total scores', () => {
  it('transparency: 100 %, 50 %, 100 %, 93.2 % → 6 + 2 + 2 + 5.592 = 15.592', () => {
    const g = groupScore(group('transparency'), { PUBLISH_ON_TIME: 1, PUBLIC_UPDATE_ON_TIME: 0.5, PUBLIC_CONTENT_FULL: 1, DOSSIER_SYNC: 0.932 });
    expect(g.score).toBeCloseTo(15.592, 10);
    expect(g).toMatchObject({ id: 'transparency', maxScore: 18, complete: true, missing: [] });
  });
  it('satisfaction applies the 90 % threshold of 5.4 and skips the tracked-only metrics', () => {
    const g = groupScore(group('satisfaction'), {
      DOSSIER_RECEIVING_SATISFACTION: 0.9468,
      PETITION_PROCESSING_ON_TIME: 0.75,
      PETITION_HANDLING_SATISFACTION: 0.9,
    });
    expect(g.score).toBeCloseTo(6 + 4.5 + 5.4, 10);
    expect(g.complete).toBe(true);
  });
  it('progress is 2.1 × 20', () => expect(groupScore(group('progress'), { '2.1': 0.95 }).score).toBeCloseTo(19, 10));
  it('reports metrics whose share is unpublished as missing unless the caller gives it', () => {
    const g = groupScore(group('online-service'), { '3.1': 0.9, '3.2': 0.5, '3.3': 0.4 });
    expect(g).toMatchObject({ score: 0, complete: false, missing: ['3.1', '3.2', '3.3'] });
    const given = groupScore(group('online-service'), { '3.1': 0.9, '3.2': 0.5, '3.3': 0.4 }, { '3.1': 4, '3.2': 4, '3.3': 4 });
    expect(given.score).toBeCloseTo(4 + 2 + 3.2, 10);
    expect(given.complete).toBe(true);
  });
  it('totals the groups: 15.592 + 19 + 9.2 + 7 + 11 + 15.9 = 77.692', () => {
    expect(totalScore([{ score: 15.592 }, { score: 19 }, { score: 9.2 }, { score: 7 }, { score: 11 }, { score: 15.9 }], SCORE_766_CURRENT).total).toBeCloseTo(
      77.692,
      10,
    );
  });
});

describe('official and computed series stay apart', () => {
  const official: Official766Score = {
    kind: 'official',
    origin: 'dvcqg-evaluation-api',
    unitCode: 'H13',
    period: '2025',
    total: 86.5,
    groups: [{ id: 'transparency', score: 17.2, maxScore: 18 }],
    fetchedAt: '2026-01-05T08:00:00+07:00',
  };
  const computed: Computed766Score = {
    kind: 'computed',
    scheme: 'dvcqg-current',
    unitCode: 'H13',
    period: '2025',
    total: 84.1,
    maxTotal: 100,
    complete: false,
    groups: [],
    asOf: 0,
  };

  it('keeps one point per period, in order', () => {
    let s: OfficialScoreSeries = { kind: 'official', unitCode: 'H13', points: [] };
    s = addScorePoint(s, official);
    s = addScorePoint(s, { ...official, period: '2024', total: 80 });
    s = addScorePoint(s, { ...official, total: 87 });
    expect(s.points.map((p) => [p.period, p.total])).toEqual([
      ['2024', 80],
      ['2025', 87],
    ]);
  });
  it('refuses to mix kinds or units', () => {
    const c: ComputedScoreSeries = { kind: 'computed', unitCode: 'H13', points: [] };
    expect(() => addScorePoint(c, official as unknown as Computed766Score)).toThrow(TypeError);
    expect(() => addScorePoint(c, { ...computed, unitCode: 'H14' })).toThrow(TypeError);
    expect(addScorePoint(c, computed).points).toHaveLength(1);
  });
});

describe('3.6 in the payment group', () => {
  it('3.6 sits in the payment group (10) with no published share and no threshold: linear where a scheme gives it a share', () => {
    expect(SCORE_766_THRESHOLDS['3.6']).toBeUndefined();
    expect(group('online-payment')).toMatchObject({ maxScore: 10 });
    // a province that reads the split as 5 + 5 gets 0.45 × 5 = 2.25 from 3.6, linear (no threshold)
    expect(groupScore(group('online-payment'), { '3.6': 0.45, '3.5': 1 }, { '3.5': 5, '3.6': 5 }).score).toBe(7.25);
  });
});
