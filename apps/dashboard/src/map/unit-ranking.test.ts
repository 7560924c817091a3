import { describe, expect, it } from 'vitest';
import { rankUnits, topAndBottom } from './unit-ranking.ts';
import { ON_TIME_CLASSES, UI } from '../theme/theme.ts';

describe('rankUnits', () => {
  const rows = rankUnits(
    [
      { code: '31135', name: 'Phường Ninh Kiều', rate: 0.91 },
      { code: '31261', name: 'Xã Vĩnh Thạnh', rate: 0.95 },
      { code: '31204', name: 'Xã Phong Điền', rate: 0.95 },
      { code: '31249', name: 'Xã Cờ Đỏ', rate: null },
      { code: '31228', name: 'Xã Thới Lai', rate: 0.985 },
    ],
    1,
    'vi',
  );

  it('ranks best first, ties share a rank, missing data last and unranked', () => {
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      [1, 'Xã Thới Lai'],
      [2, 'Xã Phong Điền'],
      [2, 'Xã Vĩnh Thạnh'],
      [4, 'Phường Ninh Kiều'],
      [null, 'Xã Cờ Đỏ'],
    ]);
  });

  it('formats the rate and uses the map colours', () => {
    expect(rows[0]).toMatchObject({ rateText: '98,5 %', color: ON_TIME_CLASSES[4]!.color });
    expect(rows[4]).toMatchObject({ rateText: '—', color: UI.noDataArea });
  });
});

describe('topAndBottom', () => {
  const many = rankUnits(
    Array.from({ length: 23 }, (_, i) => ({ code: String(31000 + i), name: `Xã ${String(i).padStart(2, '0')}`, rate: i === 22 ? null : 0.8 + i / 100 })),
    1,
    'vi',
  );

  it('takes the best five and the worst five of the units with a value, worst last', () => {
    const { top, bottom, ranked } = topAndBottom(many, 5);
    expect(ranked).toBe(22);
    expect(top.map((r) => r.code)).toEqual(['31021', '31020', '31019', '31018', '31017']);
    expect(bottom.map((r) => r.code)).toEqual(['31004', '31003', '31002', '31001', '31000']);
    expect(bottom.at(-1)!.rank).toBe(22);
  });

  it('never lists a unit twice when there are fewer than 2n ranked units', () => {
    const few = many.slice(-8); // 7 ranked (31006 … 31000 after sorting) + 1 without data
    const { top, bottom } = topAndBottom(few, 5);
    expect(top).toHaveLength(5);
    expect(bottom.map((r) => r.code)).toEqual(['31001', '31000']);
    expect(new Set([...top, ...bottom].map((r) => r.code)).size).toBe(7);
  });

  it('is empty without any value', () => {
    expect(topAndBottom(rankUnits([{ code: '1', name: 'a', rate: null }], 1, 'vi'), 5)).toEqual({ top: [], bottom: [], ranked: 0 });
  });
});
