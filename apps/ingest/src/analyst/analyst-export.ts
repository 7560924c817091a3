import type { AnalystSeriesResponse } from '@cityioc/contracts';
import { periodLabel } from '@cityioc/domain';
import type { Cell, Column, Table } from '../export/table.ts';

export type ExportLang = 'vi' | 'en';

/**
 * The table behind both exports: one row per area and period; ratios as percentages, rounded to
 * the indicator's decimals. With a comparison, each row also carries the matching previous period
 * and the change.
 */
export function analystTable(res: AnalystSeriesResponse, lang: ExportLang, indicator: { name: string; decimals: number }): Table {
  const vi = lang === 'vi';
  const ratio = res.aggregation === 'ratio';
  const unit = ratio ? '%' : res.unit;
  const scale = (v: number | null) => (v === null ? null : ratio ? v * 100 : v);
  const text = (header: string): Column => ({ header, kind: 'text' });
  const number = (header: string, decimals?: number): Column => ({ header, kind: 'number', ...(decimals === undefined ? {} : { decimals }) });
  const d = indicator.decimals;
  const columns: Column[] = vi
    ? [
        text('Mã đơn vị'),
        text('Đơn vị'),
        text('Kỳ'),
        text('Tên kỳ'),
        number(`Giá trị (${unit})`, d),
        number('Tử số'),
        number('Mẫu số'),
        number('Số bản ghi', 0),
        text('Ước tính'),
        text('Cách xem'),
      ]
    : [
        text('Area code'),
        text('Area'),
        text('Period'),
        text('Period name'),
        number(`Value (${unit})`, d),
        number('Numerator'),
        number('Denominator'),
        number('Records', 0),
        text('Estimated'),
        text('View'),
      ];
  if (res.compare)
    columns.push(
      ...(vi
        ? [text('Kỳ trước'), number(`Giá trị kỳ trước (${unit})`, d), number('Chênh lệch', d)]
        : [text('Previous period'), number(`Previous value (${unit})`, d), number('Change', d)]),
    );
  const view =
    res.view === 'today'
      ? vi
        ? 'theo đơn vị hành chính hiện nay'
        : "on today's units"
      : vi
        ? 'theo đơn vị hành chính tại thời điểm'
        : 'on the units as they were';
  const rows: Cell[][] = [];
  res.series.forEach((s, si) => {
    s.points.forEach((p, pi) => {
      const value = scale(p.value);
      const estimated = p.estimated ? (vi ? 'có (tách theo trọng số ước tính)' : 'yes (split by estimated weights)') : null;
      const row: Cell[] = [s.area, s.name, p.period, periodLabel(p.period, lang), value, p.numerator ?? null, p.denominator ?? null, p.count, estimated, view];
      if (res.compare) {
        const prev = res.compare.series[si]?.points[pi];
        const pv = scale(prev?.value ?? null);
        row.push(prev?.period ?? null, pv, value !== null && pv !== null ? value - pv : null);
      }
      rows.push(row);
    });
  });
  return { sheet: vi ? 'Dữ liệu' : 'Data', title: `${indicator.name} — ${res.from} … ${res.to} (${view})`, columns, rows };
}

/** 'e_document_rate_month_2026-01_2026-11' without characters awkward in a file name. */
export function analystFileName(res: AnalystSeriesResponse, ext: 'csv' | 'xlsx'): string {
  return `${[res.indicator, res.period, res.from, res.to, res.view].join('_').replace(/[^A-Za-z0-9_-]+/g, '-')}.${ext}`;
}
