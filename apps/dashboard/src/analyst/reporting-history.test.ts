import { describe, expect, it } from 'vitest';
import { historyTable } from './reporting-history.ts';

describe('reporting analyst view', () => {
  it('pivots the history: units down, periods across, gaps as dashes, vi-VN numbers', () => {
    const t = historyTable(
      {
        indicator: 'par_index',
        periods: ['2022', '2023'],
        units: [
          { unit: '916', unitName: 'Quận Ninh Kiều' },
          { unit: 'SNV', unitName: 'Sở Nội vụ' },
        ],
        points: [
          { period: '2022', unit: 'SNV', value: 90.5, numerator: null, denominator: null, provenance: null },
          { period: '2023', unit: 'SNV', value: 92.27, numerator: null, denominator: null, provenance: 'illustrative' },
          { period: '2023', unit: '916', value: 91, numerator: null, denominator: null, provenance: 'published' },
        ],
      },
      2,
      'vi',
    );
    expect(t.columns).toEqual([
      { id: '2022', label: 'Năm 2022' },
      { id: '2023', label: 'Năm 2023' },
    ]);
    expect(t.rows).toEqual([
      {
        unit: '916',
        name: 'Quận Ninh Kiều',
        cells: [
          { text: '—', illustrative: false },
          { text: '91,00', illustrative: false },
        ],
      },
      {
        unit: 'SNV',
        name: 'Sở Nội vụ',
        cells: [
          { text: '90,50', illustrative: false },
          { text: '92,27', illustrative: true },
        ],
      },
    ]);
    expect(historyTable(undefined, 2, 'vi')).toEqual({ columns: [], rows: [] });
  });
});
