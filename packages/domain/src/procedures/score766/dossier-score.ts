import type { AdminIndicatorValues, RatioPair } from '../indicators/dossier-indicators.ts';
import { ratioOf } from '../indicators/dossier-indicators.ts';
import { SCORE_766_CURRENT, type Score766Scheme } from './groups.ts';
import { indicatorPoints, roundPoints } from './scoring.ts';

/** The 766 indicators the IOC computes from dossier events, and where each ratio lives in the cells. */
const FROM_DOSSIERS: readonly { indicator: string; ratio: (v: AdminIndicatorValues) => RatioPair }[] = [
  { indicator: '2.1', ratio: (v) => v.onTime },
  { indicator: '3.6', ratio: (v) => v.onlinePayment },
  { indicator: '4.1', ratio: (v) => v.electronicResult },
  { indicator: '4.2', ratio: (v) => v.digitisation },
  { indicator: '4.3', ratio: (v) => v.reuse },
];

export interface DossierScoreItem {
  indicator: string;
  /** The scheme's group id ('progress', 'online-payment', 'digitisation'). */
  group: string;
  ratio: number | null;
  /** null when the scheme publishes no maximum for this indicator (then it is not scored, only shown). */
  points: number | null;
  maxPoints: number | null;
}

/**
 * The Decision 766 points computable from dossier events, with each indicator's maximum taken
 * from the scheme (groups.ts) — the one definition. The current scheme's payment group (10 points)
 * holds 3.5 and 3.6 without a published split (BRIEF §1.2: "not exposed per metric"), so 3.6 shows
 * its ratio with no points rather than a guessed share; 3.6 has no threshold in BRIEF §1.3, so
 * where a scheme gives it a maximum it scores linearly (R × Pmax).
 */
export function dossierScore766(total: AdminIndicatorValues, scheme: Score766Scheme = SCORE_766_CURRENT): DossierScoreItem[] {
  const out: DossierScoreItem[] = [];
  for (const { indicator, ratio } of FROM_DOSSIERS) {
    const group = scheme.groups.find((g) => g.metrics.some((m) => m.indicator === indicator));
    const metric = group?.metrics.find((m) => m.indicator === indicator);
    if (!group || !metric) continue;
    const r = ratioOf(ratio(total));
    const max = metric.maxScore;
    out.push({ indicator, group: group.id, ratio: r, points: max === null ? null : roundPoints(indicatorPoints(indicator, r, max)), maxPoints: max });
  }
  return out;
}
