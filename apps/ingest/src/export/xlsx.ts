import ExcelJS from 'exceljs';
import { roundCell, type Table } from './table.ts';

/** Excel's number format for a number of decimals: '#,##0' or '#,##0.0…' (Excel shows it in the reader's locale). */
const numFmt = (decimals: number | undefined) => (decimals === undefined ? 'General' : decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`);

/**
 * The same table as an .xlsx workbook: numbers stay numbers (rounded like the CSV) with a number
 * format of their decimals, the header row is bold and frozen, a title line above it when given.
 * Text is written as text (exceljs never evaluates it), so a formula-looking string stays a string.
 */
export async function toXlsx(table: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CityIOC';
  const headerRow = table.title ? 2 : 1;
  const ws = wb.addWorksheet(table.sheet.replace(/[\\/?*[\]:]/g, '-').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: headerRow }] });
  if (table.title) ws.addRow([table.title]);
  ws.addRow(table.columns.map((c) => c.header)).font = { bold: true };
  for (const r of table.rows) ws.addRow(r.map((v, i) => (typeof v === 'number' ? roundCell(v, table.columns[i]?.decimals) : v)));
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? (c.kind === 'text' ? 24 : 14);
    if (c.kind === 'number') col.numFmt = numFmt(c.decimals);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
