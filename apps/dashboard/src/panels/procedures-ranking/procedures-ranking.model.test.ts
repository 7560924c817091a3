import { describe, expect, it } from 'vitest';
import { indicatorRow } from '../../test/dossier-fixtures.ts';
import { onTimeBars } from './procedures-ranking.model.ts';

/** A unit's row with `numerator` of `denominator` dossiers settled on time. */
const onTime = (unit: string, numerator: number, denominator: number) => indicatorRow(unit, { onTime: { numerator, denominator } });

const names: Record<string, string> = { '916': 'Ninh Kiều', '917': 'Ô Môn', '918': 'Bình Thủy' };

describe('on-time bars', () => {
  it('ranks units best first with vi-VN text and leaves out units with nothing to measure', () => {
    const bars = onTimeBars(
      [onTime('917', 80, 100), onTime('916', 1074, 1164), onTime('918', 0, 0), onTime('000.00.16.H13', 8, 10)],
      (k) => names[k] ?? k,
      'vi',
    );
    expect(bars.map((b) => [b.rank, b.name, b.valueText, b.pairText])).toEqual([
      [1, 'Ninh Kiều', '92,3 %', '1.074 / 1.164'],
      [2, 'Ô Môn', '80,0 %', '80 / 100'],
      [3, '000.00.16.H13', '80,0 %', '8 / 10'],
    ]);
  });

  it('puts the unit with more dossiers first among equal rates and shares a rank only on a true tie', () => {
    const bars = onTimeBars(
      [onTime('a', 14, 14), onTime('b', 102, 102), onTime('c', 10, 11), onTime('d', 14, 14), onTime('e', 40, 44)],
      (k) => `UBND ${k}`,
      'vi',
    );
    expect(bars.map((b) => [b.rank, b.key, b.volume, b.valueText])).toEqual([
      [1, 'b', 102, '100,0 %'],
      [2, 'a', 14, '100,0 %'],
      [2, 'd', 14, '100,0 %'],
      [4, 'e', 44, '90,9 %'],
      [5, 'c', 11, '90,9 %'],
    ]);
  });
});
