import { DOSSIER_CHANNEL_LABELS, DOSSIER_STATUS_LABELS, type Score766Item } from '@cityioc/contracts';
import { toLocalRfc3339, type AgencyIndex, type CatalogueIndex, type Score766ItemKind, type Score766Metric } from '@cityioc/domain';
import type { Cell, Column, Table } from '../export/table.ts';
import type { ItemRow } from './score766-items.ts';

type Lang = 'vi' | 'en';

const PART: Record<string, { vi: string; en: string }> = {
  numerator: { vi: 'tử số', en: 'numerator' },
  denominator: { vi: 'mẫu số', en: 'denominator' },
  outside: { vi: 'ngoài tử số', en: 'outside the numerator' },
};

/** What a cell may look up: names of agencies and areas in the export's language. */
interface CellContext {
  lang: Lang;
  yesNo: (b: boolean) => string;
  agencyName: (code: string | null) => string | null;
  areaName: (code: string) => string;
}

/** One text column of the items table: its header in both languages, its width, and its cell. */
interface ItemColumn<I> {
  vi: string;
  en: string;
  width?: number;
  cell: (item: I, c: CellContext) => Cell;
}

type ItemOf<K extends Score766Item['kind']> = Extract<Score766Item, { kind: K }>;

/** The columns of each kind of item, then the two every table ends with. */
const COLUMNS: { [K in Score766ItemKind]: { kind: Score766Item['kind']; columns: readonly ItemColumn<never>[] } } = {
  procedures: {
    kind: 'procedure',
    columns: [
      { vi: 'Mã TTHC', en: 'Procedure code', width: 12, cell: (i) => i.code },
      { vi: 'Tên thủ tục', en: 'Procedure', width: 50, cell: (i, c) => i.name[c.lang] ?? i.name.vi },
      { vi: 'Mức độ DVCTT', en: 'Online level', width: 12, cell: (i) => i.onlineService },
      { vi: 'Có phí, lệ phí', en: 'Fee-bearing', width: 10, cell: (i, c) => c.yesNo(i.feeBearing) },
      { vi: 'Phiên bản', en: 'Version', width: 8, cell: (i) => String(i.version) },
    ] satisfies ItemColumn<ItemOf<'procedure'>>[],
  },
  pakn: {
    kind: 'pakn',
    columns: [
      { vi: 'Mã PAKN', en: 'PAKN id', cell: (i) => i.paknId },
      { vi: 'Tiêu đề', en: 'Title', width: 40, cell: (i) => i.title },
      { vi: 'Đơn vị', en: 'Unit', width: 24, cell: (i, c) => c.areaName(i.adminUnitCode) },
      { vi: 'Cơ quan xử lý', en: 'Agency', width: 30, cell: (i, c) => c.agencyName(i.agencyCode) },
      { vi: 'Phân loại', en: 'Class', width: 12, cell: (i) => i.classification },
      { vi: 'Trạng thái', en: 'Status', width: 14, cell: (i) => i.status },
      { vi: 'Ngày tiếp nhận', en: 'Received', width: 26, cell: (i) => toLocalRfc3339(i.receivedAt) },
    ] satisfies ItemColumn<ItemOf<'pakn'>>[],
  },
  dossiers: {
    kind: 'dossier',
    columns: [
      { vi: 'Mã hồ sơ', en: 'Dossier code', width: 30, cell: (i) => i.code },
      { vi: 'Mã TTHC', en: 'Procedure code', width: 12, cell: (i) => i.procedureCode },
      { vi: 'Cơ quan', en: 'Agency', width: 30, cell: (i, c) => c.agencyName(i.agencyCode) },
      { vi: 'Đơn vị', en: 'Unit', width: 24, cell: (i, c) => c.areaName(i.adminUnitCode) },
      { vi: 'Kênh', en: 'Channel', width: 12, cell: (i, c) => DOSSIER_CHANNEL_LABELS[i.channel][c.lang] },
      { vi: 'Trạng thái', en: 'Status', width: 20, cell: (i, c) => DOSSIER_STATUS_LABELS[i.status][c.lang] },
      { vi: 'Ngày tiếp nhận', en: 'Received', width: 26, cell: (i) => toLocalRfc3339(i.receivedAt) },
    ] satisfies ItemColumn<ItemOf<'dossier'>>[],
  },
};

/**
 * The items behind a 766 metric as a table (CSV/XLSX through export/): one row per dossier,
 * procedure or PAKN, whether it counts in the numerator, and why not. Feed strings are written as
 * text cells; the CSV writer guards formulas.
 */
export function score766ItemsTable(
  metric: Score766Metric,
  rows: readonly ItemRow[],
  lang: Lang,
  ctx: { index: CatalogueIndex; agencies: AgencyIndex; part: string; period: string; unit: string },
): Table {
  const vi = lang === 'vi';
  const c: CellContext = {
    lang,
    yesNo: (b) => (vi ? (b ? 'có' : 'không') : b ? 'yes' : 'no'),
    agencyName: (code) => (code === null ? null : (ctx.agencies.get(code)?.name[lang] ?? code)),
    areaName: (code) => ctx.index.area(code)?.name ?? code,
  };
  const part = PART[ctx.part]!;
  const title = `${vi ? 'Chỉ số' : 'Metric'} ${metric.indicator ?? metric.id} – ${metric.name[lang]} – ${ctx.unit} – ${ctx.period} (${part[lang]})`;
  const { kind, columns } = COLUMNS[metric.counts ?? 'dossiers'] as { kind: Score766Item['kind']; columns: readonly ItemColumn<Score766Item>[] };
  const header = (col: { vi: string; en: string; width?: number }): Column => ({ header: col[lang], kind: 'text', width: col.width ?? 18 });
  return {
    sheet: `766 ${metric.indicator ?? metric.id}`,
    title,
    columns: [...columns.map(header), header({ vi: 'Tính vào tử số', en: 'In the numerator', width: 10 }), header({ vi: 'Lý do', en: 'Reason', width: 30 })],
    rows: rows.map((r) => [...(r.item.kind === kind ? columns.map((col) => col.cell(r.item, c)) : []), c.yesNo(r.num), r.item.reason]),
  };
}
