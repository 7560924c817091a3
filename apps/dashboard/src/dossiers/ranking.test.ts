import { describe, expect, it } from 'vitest';
import { MISSING } from '../format/format.ts';
import { indicatorRow, indicatorsResponse } from '../test/dossier-fixtures.ts';
import { DOSSIER_METRICS, formatMetric, isMetricId, metricValue } from './metrics.ts';
import { buildRanking, computeChange, rankByValue } from './ranking.ts';

const { onTime, avgDays, received, overdue } = DOSSIER_METRICS;
const names: Record<string, string> = { '916': 'Ninh Kiều', '917': 'Ô Môn', '918': 'Bình Thủy', '919': 'Cái Răng' };
const nameOf = (k: string) => names[k] ?? k;

describe('metric values', () => {
  it('reads ratios as fractions, averages as days, counts as counts', () => {
    const r = indicatorRow('916');
    expect(metricValue(onTime, r)).toBeCloseTo(0.9, 12);
    expect(metricValue(avgDays, r)).toBe(4);
    expect(metricValue(received, r)).toBe(100);
    expect(metricValue(onTime, indicatorRow('x', { onTime: { numerator: 0, denominator: 0 } }))).toBeNull();
    expect(metricValue(onTime, null)).toBeNull();
  });

  it('formats each kind', () => {
    const r = indicatorRow('916');
    expect(formatMetric(onTime, r, 'vi', 2)).toBe('90,00 %');
    expect(formatMetric(avgDays, r, 'vi', 1)).toBe('4,0');
    expect(formatMetric(received, indicatorRow('92', { received: 12345 }), 'vi')).toBe('12.345');
    expect(formatMetric(onTime, undefined, 'vi')).toBe(MISSING);
  });

  it('knows its ids', () => {
    expect(isMetricId('onlinePayment')).toBe(true);
    expect(isMetricId('toString')).toBe(false);
  });
});

describe('change against the previous period', () => {
  it('gives ratios in percentage points, with the direction deciding better or worse', () => {
    const c = computeChange(onTime, 0.9227, 0.91, 'vi')!;
    expect(c.shown).toBeCloseTo(1.27, 10);
    expect(c.text).toBe('+1,27 điểm %');
    expect(c.trend).toBe('better');
    expect(computeChange(onTime, 0.9, 0.95, 'en')!.text).toBe('\u22125.00 pp');
    expect(computeChange(onTime, 0.9, 0.95, 'en')!.trend).toBe('worse');
  });

  it('treats less as better for overdue dossiers and processing time', () => {
    expect(computeChange(overdue, 3, 5, 'vi')!.trend).toBe('better');
    expect(computeChange(avgDays, 4.5, 4, 'vi')).toMatchObject({ text: '+0,50 ngày', trend: 'worse' });
  });

  it('gives counts an absolute and a relative change, and volumes no judgement', () => {
    const c = computeChange(received, 1260, 1200, 'vi')!;
    expect(c.text).toBe('+60 (+5,0 %)');
    expect(c.relative).toBeCloseTo(0.05, 12);
    expect(c.trend).toBe('neutral');
    expect(computeChange(received, 5, 0, 'vi')!.text).toBe('+5');
  });

  it('says "same" when the change does not show at the displayed precision', () => {
    expect(computeChange(onTime, 0.90001, 0.9, 'vi')!.trend).toBe('same');
    expect(computeChange(overdue, 4, 4, 'vi')!.trend).toBe('same');
  });

  it('is null when either period has no value', () => {
    expect(computeChange(onTime, null, 0.9, 'vi')).toBeNull();
    expect(computeChange(onTime, 0.9, null, 'vi')).toBeNull();
  });
});

describe('ranking', () => {
  it('ranks best first, shares ranks on ties and puts units without a value last', () => {
    const ranked = rankByValue(onTime, [
      { name: 'B', value: 0.8 },
      { name: 'A', value: 0.9 },
      { name: 'C', value: null },
      { name: 'D', value: 0.8 },
      { name: 'E', value: 0.7 },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['D', 2],
      ['E', 4],
      ['C', null],
    ]);
  });

  it('breaks ties on volume when asked: more dossiers first, a rank shared only by the same value and volume', () => {
    const ranked = rankByValue(
      onTime,
      [
        { name: 'A', value: 1, n: 14 },
        { name: 'B', value: 1, n: 102 },
        { name: 'C', value: 1, n: 14 },
        { name: 'D', value: 0.9, n: 10 },
        { name: 'E', value: 1, n: 40 },
      ],
      (x) => x.n,
    );
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['B', 1],
      ['E', 2],
      ['A', 3],
      ['C', 3],
      ['D', 5],
    ]);
  });

  it('ranks "less is better" metrics ascending and volumes largest first', () => {
    const items = [
      { name: 'x', value: 5 },
      { name: 'y', value: 1 },
      { name: 'z', value: 3 },
    ];
    expect(rankByValue(overdue, items).map((r) => r.name)).toEqual(['y', 'z', 'x']);
    expect(rankByValue(received, items).map((r) => r.name)).toEqual(['x', 'z', 'y']);
  });

  it('builds the table from both periods, with the total apart', () => {
    const current = indicatorsResponse([
      indicatorRow('916', { onTime: { numerator: 95, denominator: 100 } }),
      indicatorRow('917', { onTime: { numerator: 40, denominator: 50 } }),
      indicatorRow('918', { onTime: { numerator: 0, denominator: 0 } }),
      indicatorRow('919', { onTime: { numerator: 180, denominator: 200 } }),
    ]);
    const previous = indicatorsResponse([indicatorRow('916', { onTime: { numerator: 90, denominator: 100 } }), indicatorRow('917')], { period: '2026-10' });
    const { rows, total } = buildRanking({ metric: onTime, current, previous, nameOf, lang: 'vi' });
    expect(rows.map((r) => [r.name, r.rank, r.valueText])).toEqual([
      ['Ninh Kiều', 1, '95,00 %'],
      ['Cái Răng', 2, '90,00 %'],
      ['Ô Môn', 3, '80,00 %'],
      ['Bình Thủy', null, 'N/A'],
    ]);
    expect(rows[0]).toMatchObject({ numerator: 95, denominator: 100, pairText: '95 / 100', previousText: '90,00 %' });
    expect(rows[0]!.change).toMatchObject({ text: '+5,00 điểm %', trend: 'better' });
    expect(rows[2]!.change!.trend).toBe('worse');
    // no previous row for Cái Răng: no change, not a change from 0
    expect(rows[1]!.previousText).toBe(MISSING);
    expect(rows[1]!.change).toBeNull();
    expect(total).toMatchObject({ key: '92', rank: null, numerator: 315, denominator: 350, valueText: '90,00 %' });
  });

  it('works without a previous period', () => {
    const current = indicatorsResponse([indicatorRow('916')]);
    const { rows } = buildRanking({ metric: received, current, nameOf, lang: 'en' });
    expect(rows[0]).toMatchObject({ valueText: '100', pairText: null, previous: null, change: null });
  });
});
