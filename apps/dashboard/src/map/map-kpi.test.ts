import { describe, expect, it } from 'vitest';
import { ON_TIME_CLASSES, SEQUENTIAL_PALETTE, UI } from '../theme/theme.ts';
import { mapKpiScale, onTimeLegendRows } from './map-kpi.ts';

describe('mapKpiScale', () => {
  it('uses the fixed on-time classes for the on-time rate', () => {
    const s = mapKpiScale({ id: 'dossiers_on_time_rate', aggregation: 'ratio', direction: 'up', decimals: 1 }, [0.5, 0.99], 'vi');
    expect(s.colorOf(0.99)).toBe(ON_TIME_CLASSES[4]!.color);
    expect(s.colorOf(null)).toBe(UI.noDataArea);
    expect(s.legend).toEqual(onTimeLegendRows('vi'));
    expect(s.format(0.9234)).toBe('92,3 %');
  });

  it('splits another KPI into equal intervals of the values on the map, reversed when less is better', () => {
    const up = mapKpiScale({ id: 'dossiers_received', aggregation: 'sum', direction: 'up', decimals: 0 }, [0, 50, 100, null], 'vi');
    expect(up.colorOf(100)).toBe(SEQUENTIAL_PALETTE.at(-1));
    expect(up.colorOf(0)).toBe(SEQUENTIAL_PALETTE[0]);
    expect(up.legend).toHaveLength(SEQUENTIAL_PALETTE.length);
    expect(up.legend[0]!.label).toBe('0 – 20');
    const down = mapKpiScale({ id: 'dossiers_overdue', aggregation: 'sum', direction: 'down', decimals: 0 }, [0, 100], 'vi');
    expect(down.colorOf(100)).toBe(SEQUENTIAL_PALETTE[0]);
  });

  it('has a one-row legend when every unit has the same value, none without values', () => {
    expect(mapKpiScale({ id: 'x', aggregation: 'sum', direction: 'up', decimals: 0 }, [7, 7], 'vi').legend).toHaveLength(1);
    expect(mapKpiScale({ id: 'x', aggregation: 'sum', direction: 'up', decimals: 0 }, [null], 'vi').legend).toEqual([]);
  });
});

describe('onTimeLegendRows', () => {
  it('labels the classes vi-VN', () => {
    expect(onTimeLegendRows('vi').map((r) => r.label)).toEqual(['< 85 %', '85–90 %', '90–95 %', '95–98 %', '≥ 98 %']);
  });
});
