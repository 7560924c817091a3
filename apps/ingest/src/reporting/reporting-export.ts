import type { IndicatorHistoryResponse } from '@cityioc/contracts';
import type { ReportingIndicator } from '@cityioc/domain';
import type { Table } from '../export/table.ts';

const PROVENANCE: Record<string, string> = { illustrative: 'minh họa', published: 'công bố' };

/** An indicator's reported history as a table: one row per unit and period, the value with the indicator's decimals, its parts and provenance. */
export function reportingHistoryTable(h: IndicatorHistoryResponse, ind: ReportingIndicator): Table {
  const names = new Map(h.units.map((u) => [u.unit, u.unitName]));
  return {
    sheet: ind.id,
    columns: [
      { header: 'Kỳ báo cáo', kind: 'text', width: 14 },
      { header: 'Mã đơn vị', kind: 'text', width: 14 },
      { header: 'Đơn vị', kind: 'text' },
      { header: 'Mã chỉ tiêu', kind: 'text' },
      { header: 'Chỉ tiêu', kind: 'text', width: 40 },
      { header: `Giá trị (${ind.unit})`, kind: 'number', decimals: ind.decimals },
      { header: 'Tử số', kind: 'number' },
      { header: 'Mẫu số', kind: 'number' },
      { header: 'Nguồn số liệu', kind: 'text', width: 14 },
    ],
    rows: h.points.map((p) => [
      p.period,
      p.unit,
      names.get(p.unit) ?? p.unit,
      ind.id,
      ind.name.vi,
      p.value,
      p.numerator,
      p.denominator,
      p.provenance ? (PROVENANCE[p.provenance] ?? '') : '',
    ]),
  };
}
