import type { DossierIndicatorRow, DossierIndicatorsResponse, RatioPairDto } from '@cityioc/contracts';
import { localDateOf, periodBounds, wholeMonthsOf, type AgencyIndex, type CatalogueIndex } from '@cityioc/domain';
import type { Cell, Column, Table } from '../export/table.ts';

type Lang = 'vi' | 'en';

/** The dossier indicators as columns: counts, then each ratio (percent with its parts) and the average processing time. */
const COUNTS: { field: keyof DossierIndicatorRow; vi: string; en: string }[] = [
  { field: 'received', vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
  { field: 'inProcess', vi: 'Đang giải quyết', en: 'In process' },
  { field: 'completed', vi: 'Đã giải quyết', en: 'Finished' },
  { field: 'completedOnTime', vi: 'Giải quyết đúng hạn', en: 'Finished on time' },
  { field: 'completedLate', vi: 'Giải quyết quá hạn', en: 'Finished late' },
  { field: 'stopped', vi: 'Dừng xử lý, rút hồ sơ', en: 'Stopped or withdrawn' },
  { field: 'overdue', vi: 'Đang quá hạn', en: 'Currently overdue' },
];

/** `indicator`: the catalogue indicator whose decimals the ratio is shown with, where there is one. */
const RATIOS: { field: keyof DossierIndicatorRow; vi: string; en: string; indicator?: string }[] = [
  { field: 'onTime', vi: 'Tỷ lệ giải quyết đúng hạn', en: 'On-time rate', indicator: 'dossiers_on_time_rate' },
  { field: 'onlineSubmission', vi: 'Tỷ lệ nộp trực tuyến', en: 'Online submission rate', indicator: 'dossiers_online_rate' },
  { field: 'onlinePayment', vi: 'Tỷ lệ thanh toán trực tuyến', en: 'Online payment rate', indicator: 'online_payment_rate' },
  { field: 'digitisation', vi: 'Tỷ lệ số hóa hồ sơ', en: 'Digitisation rate', indicator: 'dossiers_digitised_rate' },
  { field: 'reuse', vi: 'Tỷ lệ tái sử dụng dữ liệu số hóa', en: 'Reuse of digitised data' },
  { field: 'electronicResult', vi: 'Tỷ lệ cấp kết quả điện tử', en: 'Electronic results' },
];

/**
 * The indicators of a period as a table: one row per unit (by=area) or agency (by=agency)
 * with its code and name, then the total of the scope. Ratios in percent with their numerator and
 * denominator (so that a spreadsheet can add units up as Σnumerator/Σdenominator).
 */
export function dossierIndicatorsTable(res: DossierIndicatorsResponse, lang: Lang, ctx: { index: CatalogueIndex; agencies: AgencyIndex }): Table {
  const vi = lang === 'vi';
  const decimalsOf = (id: string | undefined, dflt: number) => (id ? (ctx.index.indicator(id)?.decimals ?? dflt) : dflt);
  const text = (header: string): Column => ({ header, kind: 'text' });
  const num = (header: string, decimals: number): Column => ({ header, kind: 'number', decimals });
  const agency = res.by === 'agency';
  const columns: Column[] = [
    text(vi ? (agency ? 'Mã cơ quan' : 'Mã đơn vị') : agency ? 'Agency code' : 'Unit code'),
    text(vi ? (agency ? 'Tên cơ quan' : 'Tên đơn vị') : agency ? 'Agency' : 'Unit'),
    ...COUNTS.map((c) => num(vi ? c.vi : c.en, 0)),
    ...RATIOS.flatMap((r) => [
      num(`${vi ? r.vi : r.en} (%)`, decimalsOf(r.indicator, 1)),
      num(`${vi ? r.vi : r.en} – ${vi ? 'tử số' : 'numerator'}`, 0),
      num(`${vi ? r.vi : r.en} – ${vi ? 'mẫu số' : 'denominator'}`, 0),
    ]),
    num(vi ? 'Thời gian giải quyết trung bình (ngày làm việc)' : 'Average processing time (working days)', 1),
  ];
  const pct = (p: RatioPairDto) => (p.denominator > 0 ? (p.numerator / p.denominator) * 100 : null);
  // today's unit, else the name the code had on the period's first day (an old district or ward), else its latest
  const periodStart = periodBounds(res.period)?.start ?? periodBounds(wholeMonthsOf(res.period)?.[0] ?? '')?.start;
  const day = typeof periodStart === 'number' ? localDateOf(periodStart) : null;
  const areaName = (code: string) =>
    ctx.index.area(code)?.name ?? (day ? ctx.index.areaAt(code, day)?.name : undefined) ?? ctx.index.registry?.versions(code).at(-1)?.name ?? code;
  const agencyName = (code: string) => (typeof periodStart === 'number' ? ctx.agencies.get(code, periodStart) : undefined) ?? ctx.agencies.get(code);
  const line = (r: DossierIndicatorRow, name: string): Cell[] => [
    r.key,
    name,
    ...COUNTS.map((c) => r[c.field] as number),
    ...RATIOS.flatMap((x) => {
      const p = r[x.field] as RatioPairDto;
      return [pct(p), p.numerator, p.denominator];
    }),
    r.avgProcessingWorkingDays.denominator > 0 ? r.avgProcessingWorkingDays.numerator / r.avgProcessingWorkingDays.denominator : null,
  ];
  const rows = res.rows.map((r) => line(r, agency ? (agencyName(r.key)?.name[lang] ?? r.key) : areaName(r.key)));
  rows.push(line(res.total, `${vi ? 'Tổng' : 'Total'}: ${areaName(res.total.key)}`));
  return { sheet: vi ? 'Hồ sơ TTHC' : 'Dossiers', title: `${vi ? 'Hồ sơ thủ tục hành chính' : 'Administrative dossiers'} — ${res.period}`, columns, rows };
}

/** 'ho-so-don-vi-2026-11.csv', 'ho-so-co-quan-31135-2026-Q4.xlsx' (the scope when it is not the city). */
export function dossierExportParts(res: DossierIndicatorsResponse, city: string): string[] {
  return ['ho-so', res.by === 'area' ? 'don-vi' : 'co-quan', ...(res.scope === city ? [] : [res.scope]), res.period];
}
