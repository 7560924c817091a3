import { describe, expect, it } from 'vitest';
import { indicatorRow } from '../../test/dossier-fixtures.ts';
import { onTimeBars } from './procedures-ranking.model.ts';

const names: Record<string, string> = { '916': 'Ninh Kiều', '917': 'Ô Môn', '918': 'Bình Thủy' };

describe('on-time bars', () => {
  it('ranks units best first with vi-VN text and leaves out units with nothing to measure', () => {
    const bars = onTimeBars(
      [
        indicatorRow('917', { onTime: { numerator: 80, denominator: 100 } }),
        indicatorRow('916', { onTime: { numerator: 1074, denominator: 1164 } }),
        indicatorRow('918', { onTime: { numerator: 0, denominator: 0 } }),
        indicatorRow('000.00.16.H13', { onTime: { numerator: 8, denominator: 10 } }),
      ],
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
      [
        indicatorRow('a', { onTime: { numerator: 14, denominator: 14 } }),
        indicatorRow('b', { onTime: { numerator: 102, denominator: 102 } }),
        indicatorRow('c', { onTime: { numerator: 10, denominator: 11 } }),
        indicatorRow('d', { onTime: { numerator: 14, denominator: 14 } }),
        indicatorRow('e', { onTime: { numerator: 40, denominator: 44 } }),
      ],
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
