import { formatPercent, type Lang } from '../format/format.ts';
import { onTimeColor } from '../theme/theme.ts';

export interface RankingRow {
  code: string;
  name: string;
  rate: number | null;
  rateText: string;
  color: string;
  /** 1-based; districts without data share no rank (null). */
  rank: number | null;
}

/**
 * Districts ranked by on-time rate, best first; equal rates share a rank (1, 2, 2, 4),
 * districts without data come last, unranked. Names break ties for a stable order.
 */
export function rankDistricts(districts: readonly { code: string; name: string; rate: number | null }[], decimals: number, lang: Lang): RankingRow[] {
  const sorted = [...districts].sort((a, b) => {
    if (a.rate === null || b.rate === null) return a.rate === b.rate ? a.name.localeCompare(b.name, 'vi') : a.rate === null ? 1 : -1;
    return b.rate - a.rate || a.name.localeCompare(b.name, 'vi');
  });
  const rows: RankingRow[] = [];
  sorted.forEach((d, i) => {
    const prev = rows[i - 1];
    const rank = d.rate === null ? null : prev && prev.rate === d.rate ? prev.rank : i + 1;
    rows.push({ code: d.code, name: d.name, rate: d.rate, rateText: formatPercent(d.rate, decimals, lang), color: onTimeColor(d.rate), rank });
  });
  return rows;
}
