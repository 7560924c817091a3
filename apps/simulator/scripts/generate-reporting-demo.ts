// Regenerates the demo's department files in apps/simulator/demo/reporting/:
//   pnpm --filter @cityioc/simulator exec tsx scripts/generate-reporting-demo.ts
// - par-index-2023.xlsx from PAR_INDEX_2023 (src/reporting-demo.ts): a department's table with a
//   merged title, a two-row merged header, vi-VN numbers typed as text in some cells and as numbers
//   in others, a send date and a source column (the 2023 units: 16 departments, 9 districts);
// - bao-cao-cchc-cds-2026-q3-so-nganh.csv and -xa-phuong.csv: today's departments (by name) and
//   today's wards and communes (by GSO code, from the default area registry), one quarter of
//   illustrative e-document figures each.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DOSSIER_UNITS } from '../src/dossier-data.ts';
import { eDocumentCsv, eDocumentRows, PAR_INDEX_2023, REPORTING_DEMO_DIR, TODAY_DEPARTMENTS, viNumber } from '../src/reporting-demo.ts';

const wb = new ExcelJS.Workbook();
wb.creator = 'CityIOC demo';
wb.created = new Date('2024-02-28T00:00:00Z');
wb.modified = wb.created;
const ws = wb.addWorksheet('Chỉ số CCHC 2023');
ws.addRow(['KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 — TP CẦN THƠ (dữ liệu demo CityIOC)']);
ws.mergeCells('A1:H1');
ws.addRow(['Đơn vị "minh họa" không phải số liệu công bố: nguồn chỉ công bố điểm trung bình (92,27 % cấp sở; 93,93 % cấp huyện).']);
ws.mergeCells('A2:H2');
ws.addRow(['STT', 'Mã đơn vị', 'Đơn vị', 'Chỉ số', 'Kỳ báo cáo', 'Kết quả', 'Nguồn số liệu', 'Ghi chú']);
ws.addRow([null, null, null, null, null, 'Điểm (%)', null, null]);
for (const col of ['A', 'B', 'C', 'D', 'E', 'G', 'H']) ws.mergeCells(`${col}3:${col}4`);
PAR_INDEX_2023.forEach((r, i) => {
  // odd rows typed as vi-VN text, even rows as numbers: both happen in real files
  ws.addRow([i + 1, r.unit, r.name, 'Chỉ số cải cách hành chính (PAR INDEX)', 2023, i % 2 ? viNumber(r.value) : r.value, r.provenance, r.note]);
  if (i === 15) ws.addRow([]); // a blank row between departments and districts
});
ws.getColumn(9).values = [];
ws.getCell('I3').value = 'Ngày gửi';
ws.mergeCells('I3:I4');
for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(`B${r}`).value) ws.getCell(`I${r}`).value = '28/02/2024';
ws.columns.forEach((c) => (c.width = 20));
const xlsx = join(REPORTING_DEMO_DIR, 'par-index-2023.xlsx');
await writeFile(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
console.log(`wrote ${xlsx}`);

const departments = eDocumentRows(
  TODAY_DEPARTMENTS.map((name) => ({ unit: name, label: name })),
  [1800, 5200],
  'edoc-dept',
);
const communes = eDocumentRows(
  DOSSIER_UNITS.map((u) => ({ unit: u.code, label: `${u.type.charAt(0).toUpperCase()}${u.type.slice(1)} ${u.name}` })),
  [280, 1400],
  'edoc-commune',
);
for (const [file, body] of [
  ['bao-cao-cchc-cds-2026-q3-so-nganh.csv', eDocumentCsv(departments, 'Đơn vị')],
  ['bao-cao-cchc-cds-2026-q3-xa-phuong.csv', eDocumentCsv(communes, 'Mã đơn vị')],
] as const) {
  await writeFile(join(REPORTING_DEMO_DIR, file), body);
  console.log(`wrote ${join(REPORTING_DEMO_DIR, file)}`);
}
