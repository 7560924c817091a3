import { DossierIndicatorRowSchema, type DossierIndicatorRow, type DossierIndicatorsResponse, type RatioPairDto } from '@cityioc/contracts';
import { localDateOf, periodBounds, wholeMonthsOf, type AgencyIndex, type CatalogueIndex } from '@cityioc/domain';
import type { Cell, Column, Table } from '../export/table.ts';
import columnsFile from './dossier-export.columns.json' with { type: 'json' };

type Lang = 'vi' | 'en';

/**
 * The dossier indicators as columns (dossier-export.columns.json): the counts, then each ratio
 * (percent with its parts; `indicator`: the catalogue indicator whose decimals the ratio is shown
 * with, where there is one), then the average processing time. Each `field` is checked at start to
 * be a field of DossierIndicatorRow.
 */
function rowField(field: string): keyof DossierIndicatorRow {
  if (!Object.hasOwn(DossierIndicatorRowSchema.properties, field))
    throw new Error(`dossier-export.columns.json: '${field}' is not a field of DossierIndicatorRow`);
  return field as keyof DossierIndicatorRow;
}
const COUNTS = columnsFile.counts.map((c) => ({ ...c, field: rowField(c.field) }));
const RATIOS: { field: keyof DossierIndicatorRow; vi: string; en: string; indicator?: string }[] = columnsFile.ratios.map((r) => ({
  ...r,
  field: rowField(r.field),
}));

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
