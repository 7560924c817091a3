import { describe, expect, it } from 'vitest';
import { SEQUENTIAL_PALETTE, UI } from '../theme/theme.ts';
import { explorerLegend } from './explorer-legend.ts';
import { explorerColor } from './explorer-map.layer.ts';

const base = { direction: 'up' as const, aggregation: 'max', decimals: 0, unit: 'cm', lang: 'vi' as const, noDataLabel: 'Không có dữ liệu' };

describe('explorer legend', () => {
  it('lists the five classes of the map with their ranges in vi-VN numbers and the unit, then the no-data class', () => {
    const items = explorerLegend({ ...base, values: [1000, 1500, null, 3500] });
    expect(items.map((i) => i.label)).toEqual([
      '1.000 – 1.500 cm',
      '1.500 – 2.000 cm',
      '2.000 – 2.500 cm',
      '2.500 – 3.000 cm',
      '3.000 – 3.500 cm',
      'Không có dữ liệu',
    ]);
    expect(items.map((i) => i.color)).toEqual([...SEQUENTIAL_PALETTE, UI.noDataArea]);
    expect(items[4]).toMatchObject({ from: 3000, to: 3500 });
    expect(items.at(-1)).toEqual({ id: 'no-data', color: UI.noDataArea, label: 'Không có dữ liệu', from: null, to: null });
  });

  it('gives each value drawn the colour of the class its range holds', () => {
    const values = [12.25, 13.5, 40.75, 22, 31.1];
    const items = explorerLegend({ ...base, aggregation: 'avg', decimals: 1, unit: 'µg/m³', values, direction: 'down' });
    for (const v of values) {
      const item = items.find((i) => i.from !== null && v >= i.from && v <= i.to!)!;
      expect(item.color).toBe(explorerColor(v, 12.25, 40.75, 'down'));
    }
    expect(items[0]!.label).toBe('12,3 – 18,0 µg/m³');
    // less is better: the lowest class gets the palette's far end
    expect(items[0]!.color).toBe(SEQUENTIAL_PALETTE.at(-1));
  });

  it('shows ratios as percentages, in English with a decimal point', () => {
    const items = explorerLegend({ ...base, aggregation: 'ratio', decimals: 1, unit: '%', lang: 'en', noDataLabel: 'No data', values: [0.805, 0.9] });
    expect(items[0]!.label).toBe('80.5 – 82.4 %');
    expect(items[4]!.label).toBe('88.1 – 90.0 %');
    expect(items.at(-1)!.label).toBe('No data');
  });

  it('has one class when every unit has the same value, and only the no-data class without values', () => {
    expect(explorerLegend({ ...base, values: [7, 7] }).map((i) => i.label)).toEqual(['7 cm', 'Không có dữ liệu']);
    expect(explorerLegend({ ...base, values: [null, null] }).map((i) => i.id)).toEqual(['no-data']);
  });

  it('writes English units where they read differently', () => {
    const items = explorerLegend({ ...base, aggregation: 'sum', unit: 'hồ sơ', lang: 'en', noDataLabel: 'No data', values: [0, 50] });
    expect(items[0]!.label).toBe('0 – 10 dossiers');
  });
});
