import { DOSSIER_CHANNEL_LABELS, DOSSIER_STATUS_LABELS } from '@cityioc/contracts';
import { toLocalRfc3339, type AgencyIndex, type CatalogueIndex, type Score766Metric } from '@cityioc/domain';
import type { Cell, Column, Table } from '../export/table.ts';
import type { ItemRow } from './score766-items.ts';

type Lang = 'vi' | 'en';

const PART: Record<string, { vi: string; en: string }> = {
  numerator: { vi: 'tử số', en: 'numerator' },
  denominator: { vi: 'mẫu số', en: 'denominator' },
  outside: { vi: 'ngoài tử số', en: 'outside the numerator' },
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
  const text = (header: string, width = 18): Column => ({ header, kind: 'text', width });
  const yesNo = (b: boolean) => (vi ? (b ? 'có' : 'không') : b ? 'yes' : 'no');
  const title = `${vi ? 'Chỉ số' : 'Metric'} ${metric.indicator ?? metric.id} – ${vi ? metric.name.vi : metric.name.en} – ${ctx.unit} – ${ctx.period} (${vi ? PART[ctx.part]!.vi : PART[ctx.part]!.en})`;
  const kind = metric.counts;
  const agencyName = (code: string | null) => (code === null ? null : (ctx.agencies.get(code)?.name[lang] ?? code));
  const areaName = (code: string) => ctx.index.area(code)?.name ?? code;
  let columns: Column[];
  let cells: Cell[][];
  if (kind === 'procedures') {
    columns = [
      text(vi ? 'Mã TTHC' : 'Procedure code', 12),
      text(vi ? 'Tên thủ tục' : 'Procedure', 50),
      text(vi ? 'Mức độ DVCTT' : 'Online level', 12),
      text(vi ? 'Có phí, lệ phí' : 'Fee-bearing', 10),
      text(vi ? 'Phiên bản' : 'Version', 8),
    ];
    cells = rows.map((r) =>
      r.item.kind === 'procedure'
        ? [r.item.code, r.item.name[lang] ?? r.item.name.vi, r.item.onlineService, yesNo(r.item.feeBearing), String(r.item.version)]
        : [],
    );
  } else if (kind === 'pakn') {
    columns = [
      text(vi ? 'Mã PAKN' : 'PAKN id'),
      text(vi ? 'Tiêu đề' : 'Title', 40),
      text(vi ? 'Đơn vị' : 'Unit', 24),
      text(vi ? 'Cơ quan xử lý' : 'Agency', 30),
      text(vi ? 'Phân loại' : 'Class', 12),
      text(vi ? 'Trạng thái' : 'Status', 14),
      text(vi ? 'Ngày tiếp nhận' : 'Received', 26),
    ];
    cells = rows.map((r) =>
      r.item.kind === 'pakn'
        ? [
            r.item.paknId,
            r.item.title,
            areaName(r.item.adminUnitCode),
            agencyName(r.item.agencyCode),
            r.item.classification,
            r.item.status,
            toLocalRfc3339(r.item.receivedAt),
          ]
        : [],
    );
  } else {
    columns = [
      text(vi ? 'Mã hồ sơ' : 'Dossier code', 30),
      text(vi ? 'Mã TTHC' : 'Procedure code', 12),
      text(vi ? 'Cơ quan' : 'Agency', 30),
      text(vi ? 'Đơn vị' : 'Unit', 24),
      text(vi ? 'Kênh' : 'Channel', 12),
      text(vi ? 'Trạng thái' : 'Status', 20),
      text(vi ? 'Ngày tiếp nhận' : 'Received', 26),
    ];
    cells = rows.map((r) =>
      r.item.kind === 'dossier'
        ? [
            r.item.code,
            r.item.procedureCode,
            agencyName(r.item.agencyCode),
            areaName(r.item.adminUnitCode),
            DOSSIER_CHANNEL_LABELS[r.item.channel][lang],
            DOSSIER_STATUS_LABELS[r.item.status][lang],
            toLocalRfc3339(r.item.receivedAt),
          ]
        : [],
    );
  }
  columns.push(text(vi ? 'Tính vào tử số' : 'In the numerator', 10), text(vi ? 'Lý do' : 'Reason', 30));
  return {
    sheet: `766 ${metric.indicator ?? metric.id}`,
    title,
    columns,
    rows: cells.map((c, i) => [...c, yesNo(rows[i]!.num), rows[i]!.item.reason]),
  };
}
