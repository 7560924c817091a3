import ExcelJS from 'exceljs';
import type { AnalystSeriesResponse } from '@cityioc/contracts';
import { periodLabel } from '@cityioc/domain';

export type ExportLang = 'vi' | 'en';
type Cell = string | number | null;

/**
 * The table behind both exports: one row per area and period; ratios as percentages. With a
 * comparison, each row also carries the matching previous period and the change.
 */
export function exportTable(res: AnalystSeriesResponse, lang: ExportLang): { header: string[]; rows: Cell[][] } {
  const vi = lang === 'vi';
  const ratio = res.aggregation === 'ratio';
  const unit = ratio ? '%' : res.unit;
  const scale = (v: number | null) => (v === null ? null : ratio ? Math.round(v * 100 * 1e6) / 1e6 : v);
  const header = vi
    ? ['Mã đơn vị', 'Đơn vị', 'Kỳ', 'Tên kỳ', `Giá trị (${unit})`, 'Tử số', 'Mẫu số', 'Số bản ghi']
    : ['Area code', 'Area', 'Period', 'Period name', `Value (${unit})`, 'Numerator', 'Denominator', 'Records'];
  if (res.compare) header.push(...(vi ? ['Kỳ trước', `Giá trị kỳ trước (${unit})`, 'Chênh lệch'] : ['Previous period', `Previous value (${unit})`, 'Change']));
  const rows: Cell[][] = [];
  res.series.forEach((s, si) => {
    s.points.forEach((p, pi) => {
      const value = scale(p.value);
      const row: Cell[] = [s.area, s.name, p.period, periodLabel(p.period, lang), value, p.numerator ?? null, p.denominator ?? null, p.count];
      if (res.compare) {
        const prev = res.compare.series[si]?.points[pi];
        const pv = scale(prev?.value ?? null);
        row.push(prev?.period ?? null, pv, value !== null && pv !== null ? Math.round((value - pv) * 1e6) / 1e6 : null);
      }
      rows.push(row);
    });
  });
  return { header, rows };
}

/** Spreadsheet formulas in text cells are neutralised (OWASP CSV injection). */
function csvField(v: Cell): string {
  if (v === null) return '';
  let text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  if (/[",\r\n]|^\s|\s$/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** RFC 4180 CSV, CRLF, UTF-8 with a byte-order mark so Excel opens Vietnamese text correctly. */
export function toCsv(res: AnalystSeriesResponse, lang: ExportLang): string {
  const { header, rows } = exportTable(res, lang);
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The same table as an .xlsx workbook (exceljs): numbers stay numbers, the header row is frozen. */
export async function toXlsx(res: AnalystSeriesResponse, lang: ExportLang, indicatorName: string): Promise<Buffer> {
  const { header, rows } = exportTable(res, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CityIOC';
  const ws = wb.addWorksheet(lang === 'vi' ? 'Dữ liệu' : 'Data', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([`${indicatorName} — ${res.from} … ${res.to}`]);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = i === 1 || i === 3 ? 24 : 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 'chi-so-pm25-month-2026-01-2026-11' without characters awkward in a file name. */
export function exportFileName(res: AnalystSeriesResponse, ext: 'csv' | 'xlsx'): string {
  return `${[res.indicator, res.period, res.from, res.to].join('_').replace(/[^A-Za-z0-9_-]+/g, '-')}.${ext}`;
}
