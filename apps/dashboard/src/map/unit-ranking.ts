import { formatPercent, type Lang } from '../format/format.ts';
import { onTimeColor } from '../theme/theme.ts';

export interface RankingRow {
  code: string;
  name: string;
  rate: number | null;
  rateText: string;
  color: string;
  /** 1-based; units without data share no rank (null). */
  rank: number | null;
}

/**
 * Units ranked by on-time rate, best first; equal rates share a rank (1, 2, 2, 4), units
 * without data come last, unranked. Names break ties for a stable order.
 */
export function rankUnits(
  units: readonly { code: string; name: string; rate: number | null }[],
  decimals: number,
  lang: Lang,
  colorOf: (rate: number | null) => string = onTimeColor,
): RankingRow[] {
  const sorted = [...units].sort((a, b) => {
    if (a.rate === null || b.rate === null) return a.rate === b.rate ? a.name.localeCompare(b.name, 'vi') : a.rate === null ? 1 : -1;
    return b.rate - a.rate || a.name.localeCompare(b.name, 'vi');
  });
  const rows: RankingRow[] = [];
  sorted.forEach((d, i) => {
    const prev = rows[i - 1];
    const rank = d.rate === null ? null : prev && prev.rate === d.rate ? prev.rank : i + 1;
    rows.push({ code: d.code, name: d.name, rate: d.rate, rateText: formatPercent(d.rate, decimals, lang), color: colorOf(d.rate), rank });
  });
  return rows;
}

export interface TopBottom {
  top: RankingRow[];
  /** Worst last; never repeats a unit of `top`. */
  bottom: RankingRow[];
  /** Units with a value (the rank's denominator, "trên N"). */
  ranked: number;
}

/**
 * The best `n` and the worst `n` of a ranking with values, for a wall that has no room for a
 * hundred rows. With fewer than 2n ranked units the bottom list only holds those not on top.
 */
export function topAndBottom(rows: readonly RankingRow[], n: number): TopBottom {
  const ranked = rows.filter((r) => r.rank !== null);
  const top = ranked.slice(0, n);
  const bottom = ranked.slice(Math.max(top.length, ranked.length - n));
  return { top, bottom, ranked: ranked.length };
}
