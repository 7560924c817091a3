import type { Lang } from '../format/format.ts';
import type { DossierMetric } from '../dossiers/metrics.ts';
import type { RankedRow, Ranking } from '../dossiers/ranking.ts';
import { buildCsv, type CsvValue } from '../dossiers/csv.ts';

/**
 * The analyst's ranked table as CSV. Numbers are written plainly ('92.27', '-1.5') so a
 * spreadsheet can compute with them; ratios in percent, changes in percentage points.
 */
const HEAD: Record<Lang, Record<string, string>> = {
  vi: {
    rank: 'Hạng',
    code: 'Mã đơn vị',
    unit: 'Đơn vị',
    numerator: 'Tử số',
    denominator: 'Mẫu số',
    previous: 'Kỳ trước',
    change: 'Thay đổi',
    period: 'Kỳ',
    previousPeriod: 'Kỳ so sánh',
    total: 'Toàn thành phố',
    pp: 'điểm %',
  },
  en: {
    rank: 'Rank',
    code: 'Unit code',
    unit: 'Unit',
    numerator: 'Numerator',
    denominator: 'Denominator',
    previous: 'Previous period',
    change: 'Change',
    period: 'Period',
    previousPeriod: 'Compared with',
    total: 'Whole city',
    pp: 'pp',
  },
};

export interface RankingCsvInput {
  metric: DossierMetric;
  ranking: Ranking;
  period: string;
  previousPeriod: string | null;
  lang: Lang;
}

function round(n: number | null, decimals: number): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

export function rankingCsv(input: RankingCsvInput): string {
  const { metric, lang } = input;
  const h = HEAD[lang];
  const isRatio = metric.kind === 'ratio';
  const unit = metric.unit[lang];
  const scaled = (v: number | null) => (v === null ? null : isRatio ? round(v * 100, 4) : metric.kind === 'days' ? round(v, 4) : v);
  const changeUnit = isRatio ? h.pp : unit;
  const header = [
    h.rank,
    h.code,
    h.unit,
    `${metric.label[lang]} (${unit})`,
    ...(metric.kind === 'count' ? [] : [h.numerator, h.denominator]),
    `${h.previous} (${unit})`,
    `${h.change} (${changeUnit})`,
    h.period,
    h.previousPeriod,
  ];
  const line = (r: RankedRow, name: string): CsvValue[] => [
    r.rank,
    r.key,
    name,
    scaled(r.value),
    ...(metric.kind === 'count' ? [] : [round(r.numerator, 4), round(r.denominator, 4)]),
    scaled(r.previous),
    r.change ? (isRatio ? round(r.change.shown, 4) : round(r.change.delta, 4)) : null,
    input.period,
    input.previousPeriod,
  ];
  const rows: CsvValue[][] = [header, ...input.ranking.rows.map((r) => line(r, r.name))];
  if (input.ranking.total) rows.push(line(input.ranking.total, h.total!));
  return buildCsv(rows);
}
