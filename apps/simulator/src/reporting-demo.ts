import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash32 } from './dossier-data.ts';
import parIndexFile from './par-index-2023.data.json' with { type: 'json' };

/** The demo's reporting files (CSV and XLSX as departments fill them in), posted through the public import endpoint. */
export const REPORTING_DEMO_DIR = fileURLToPath(new URL('../demo/reporting/', import.meta.url));

export interface ParIndexRow {
  unit: string;
  name: string;
  value: number;
  provenance: 'công bố' | 'minh họa';
  note: string;
}

/** A row of par-index-2023.data.json: `published` says where a published value is printed; a row without it is illustrative. */
interface ParIndexData {
  unit: string;
  name: string;
  value: number;
  published?: string;
}
const ILLUSTRATIVE_NOTE = 'Giá trị minh họa: nguồn chỉ công bố điểm trung bình, không công bố điểm của đơn vị này';
const parIndexRows: readonly ParIndexData[] = parIndexFile;

/**
 * PAR INDEX 2023 (seed 003, Cần Thơ portal 28/02/2024; averages from seed 000), in
 * par-index-2023.data.json. Published per unit: six departments and three districts (as printed,
 * whole numbers). The others are ILLUSTRATIVE, chosen only so that the averages computed from all
 * loaded units equal the published ones (departments 92.27 with 16 of 16 above 80; districts 93.93)
 * and the published order holds (highest, second and third; lowest, second and third lowest).
 */
export const PAR_INDEX_2023: ParIndexRow[] = parIndexRows.map(({ published, ...row }) =>
  published === undefined ? { ...row, provenance: 'minh họa', note: ILLUSTRATIVE_NOTE } : { ...row, provenance: 'công bố', note: published },
);

/**
 * The city's departments since the mergers of 1 March 2025, as the national pattern of Nghị định
 * 45/2025/NĐ-CP (28/02/2025) names them (Kế hoạch và Đầu tư into Tài chính; Giao thông vận tải into
 * Xây dựng; Tài nguyên và Môi trường with Nông nghiệp và PTNT into Nông nghiệp và Môi trường;
 * Thông tin và Truyền thông into Khoa học và Công nghệ; Lao động – TB&XH into Nội vụ). Cần Thơ's Sở
 * Nông nghiệp và Môi trường is confirmed by the press (nongnghiepmoitruong.vn 31/07/2025; PLO
 * 02/03/2026); the city's own published list was not consulted. Only departments that report under
 * the periodic CCHC–CĐS regime are listed.
 */
export const TODAY_DEPARTMENTS: readonly string[] = [
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Công Thương',
  'Sở Xây dựng',
  'Sở Nông nghiệp và Môi trường',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
];

/** The quarter the demo's unit reports cover: after the reorganisation, on today's units. */
export const UNIT_REPORT_PERIOD = '2026-Q3';
export const E_DOCUMENT_INDICATOR = 'Tỷ lệ văn bản điện tử qua Trục liên thông';

export interface EDocumentRow {
  /** A commune's GSO code, or a department's name. */
  unit: string;
  numerator: number;
  denominator: number;
  note: string;
}

/**
 * ILLUSTRATIVE quarterly e-document figures of each unit (documents sent and received through the
 * city's document exchange axis, of all documents): no unit figure is published, so they are drawn
 * around the city's published 96 % (Q1/2022, seed 004), from the unit's name or code only, and
 * marked "minh họa" in the file. Departments handle a few thousand documents a quarter, wards and
 * communes a few hundred.
 */
export function eDocumentRows(units: readonly { unit: string; label: string }[], size: [number, number], salt: string): EDocumentRow[] {
  return units.map(({ unit, label }) => {
    const u = hash32(`${salt}|${unit}`) / 0xffffffff;
    const v = hash32(`${salt}|rate|${unit}`) / 0xffffffff;
    const denominator = Math.round(size[0] + (size[1] - size[0]) * u);
    const numerator = Math.min(denominator, Math.round(denominator * (0.92 + 0.075 * v)));
    return { unit, numerator, denominator, note: `${label} — số liệu minh họa (không phải số liệu công bố)` };
  });
}

/** A department's or a commune's file: 'Đơn vị' (a name) or 'Mã đơn vị' (a code) first, vi-VN numbers, ';'. */
export function eDocumentCsv(rows: readonly EDocumentRow[], unitHeader: 'Đơn vị' | 'Mã đơn vị'): string {
  const head = `${unitHeader};Kỳ báo cáo;Chỉ tiêu;Tử số;Mẫu số;Nguồn số liệu;Ghi chú`;
  const grouped = (n: number) => n.toLocaleString('vi-VN', { useGrouping: true, maximumFractionDigits: 0 });
  return (
    [
      head,
      ...rows.map((r) => `${r.unit};${UNIT_REPORT_PERIOD};${E_DOCUMENT_INDICATOR};${grouped(r.numerator)};${grouped(r.denominator)};minh họa;${r.note}`),
    ].join('\n') + '\n'
  );
}

/** vi-VN number text as a department types it: decimal comma, no grouping below 1,000. */
export function viNumber(n: number): string {
  return String(n).replace('.', ',');
}

const TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface UploadResult {
  file: string;
  status: number;
  body: unknown;
}

/** Posts every demo file to POST /api/v1/reporting/imports, in name order, as a department would. */
export async function uploadReportingDemo(opts: {
  iocUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  dir?: string;
  signal?: AbortSignal;
}): Promise<UploadResult[]> {
  const dir = opts.dir ?? REPORTING_DEMO_DIR;
  const f = opts.fetch ?? fetch;
  const files = (await readdir(dir)).filter((n) => Object.keys(TYPES).some((ext) => n.endsWith(ext))).sort();
  const out: UploadResult[] = [];
  for (const file of files) {
    const type = TYPES[file.slice(file.lastIndexOf('.'))]!;
    const url = new URL(`/api/v1/reporting/imports?filename=${encodeURIComponent(file)}`, opts.iocUrl);
    const res = await f(url, {
      method: 'POST',
      headers: { 'content-type': type, 'x-api-key': opts.apiKey },
      body: await readFile(join(dir, file)),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    out.push({ file, status: res.status, body: await res.json().catch(() => null) });
  }
  return out;
}
