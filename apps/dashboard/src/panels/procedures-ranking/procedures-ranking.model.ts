import type { DossierIndicatorRow } from '@cityioc/contracts';
import type { Lang } from '../../format/format.ts';
import { DOSSIER_METRICS } from '../../dossiers/metrics.ts';
import { rankByValue } from '../../dossiers/ranking.ts';
import { formatPairFraction, formatPairPercent, pairValue } from '../../dossiers/ratio.ts';
import type { RankingBar } from './ranking.chart.ts';

/**
 * Units ranked on their on-time rate for the wall's bar charts. Among equal rates the unit that
 * handled more dossiers ranks first, and a rank is shared only by units with the same rate and the
 * same number of dossiers (14/14 and 102/102 are both 100 %, but not the same achievement).
 * Units that received nothing in the period (0/0) are left out: a wall has no room for rows that
 * say N/A. `nameOf` gives the display name (the agency catalogue's, the registry's); the code stays
 * on the bar as secondary text for the tooltip.
 */
export function onTimeBars(rows: readonly DossierIndicatorRow[], nameOf: (key: string) => string, lang: Lang, decimals = 1): RankingBar[] {
  const items = rows.filter((r) => r.onTime.denominator > 0).map((r) => ({ key: r.key, name: nameOf(r.key), value: pairValue(r.onTime), row: r }));
  return rankByValue(DOSSIER_METRICS.onTime, items, (x) => x.row.onTime.denominator).map((x) => ({
    key: x.key,
    name: x.name,
    rank: x.rank,
    value: x.value,
    volume: x.row.onTime.denominator,
    valueText: formatPairPercent(x.row.onTime, decimals, lang),
    pairText: formatPairFraction(x.row.onTime, lang),
  }));
}
