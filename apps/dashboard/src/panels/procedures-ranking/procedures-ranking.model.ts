import type { DossierIndicatorRow } from '@cityioc/contracts';
import type { Lang } from '../../format/format.ts';
import { DOSSIER_METRICS } from '../../dossiers/metrics.ts';
import { rankByValue } from '../../dossiers/ranking.ts';
import { formatPairFraction, formatPairPercent, pairValue } from '../../dossiers/ratio.ts';
import type { RankingBar } from './ranking.chart.ts';

/**
 * Units ranked on their on-time rate for the wall's bar charts. Units that received nothing in
 * the period (0/0) are left out: a wall has no room for rows that say N/A.
 */
export function onTimeBars(rows: readonly DossierIndicatorRow[], nameOf: (key: string) => string, lang: Lang, decimals = 1): RankingBar[] {
  const items = rows.filter((r) => r.onTime.denominator > 0).map((r) => ({ key: r.key, name: nameOf(r.key), value: pairValue(r.onTime), row: r }));
  return rankByValue(DOSSIER_METRICS.onTime, items).map((x) => ({
    key: x.key,
    name: x.name,
    rank: x.rank,
    value: x.value,
    valueText: formatPairPercent(x.row.onTime, decimals, lang),
    pairText: formatPairFraction(x.row.onTime, lang),
  }));
}
