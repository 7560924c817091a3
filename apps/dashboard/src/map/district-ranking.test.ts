import { describe, expect, it } from 'vitest';
import { rankDistricts } from './district-ranking.ts';
import { ON_TIME_CLASSES, UI } from '../theme/theme.ts';

describe('rankDistricts', () => {
  const rows = rankDistricts(
    [
      { code: '916', name: 'Ninh Kiều', rate: 0.91 },
      { code: '924', name: 'Vĩnh Thạnh', rate: 0.95 },
      { code: '926', name: 'Phong Điền', rate: 0.95 },
      { code: '925', name: 'Cờ Đỏ', rate: null },
      { code: '927', name: 'Thới Lai', rate: 0.985 },
    ],
    1,
    'vi',
  );

  it('ranks best first, ties share a rank, missing data last and unranked', () => {
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      [1, 'Thới Lai'],
      [2, 'Phong Điền'],
      [2, 'Vĩnh Thạnh'],
      [4, 'Ninh Kiều'],
      [null, 'Cờ Đỏ'],
    ]);
  });

  it('formats the rate and uses the map colours', () => {
    expect(rows[0]).toMatchObject({ rateText: '98,5 %', color: ON_TIME_CLASSES[4]!.color });
    expect(rows[4]).toMatchObject({ rateText: '—', color: UI.noDataArea });
  });
});
