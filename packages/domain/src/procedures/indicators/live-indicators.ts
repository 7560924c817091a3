import type { AdminIndicatorValues, RatioPair } from './dossier-indicators.ts';

/**
 * The live indicators derived from dossier events: the current month's values per area and agency
 * that the dossier service publishes into the live state, and the analyst reads back per period
 * from the dossier cells. This list is the one definition: the indicator catalogue marks exactly
 * these as `derivedFrom: 'dossiers'`, the checkpoint leaves them out (they are republished), and
 * the dashboard re-reads the dossier API when one of them moves.
 */
export interface DossierLiveIndicator {
  id: string;
  /** A count (sum) or a ratio kept as its parts (Σnumerator/Σdenominator). */
  kind: 'count' | 'ratio';
  value: (v: AdminIndicatorValues) => number | RatioPair;
}

export const DOSSIER_LIVE_INDICATORS: readonly DossierLiveIndicator[] = [
  { id: 'dossiers_received', kind: 'count', value: (v) => v.received },
  { id: 'dossiers_overdue', kind: 'count', value: (v) => v.overdue },
  { id: 'dossiers_on_time_rate', kind: 'ratio', value: (v) => v.onTime },
  { id: 'dossiers_online_rate', kind: 'ratio', value: (v) => v.onlineSubmission },
  { id: 'online_payment_rate', kind: 'ratio', value: (v) => v.onlinePayment },
  { id: 'dossiers_digitised_rate', kind: 'ratio', value: (v) => v.digitisation },
];

/** The catalogue's `derivedFrom` of these indicators. */
export const DOSSIERS_DERIVED_FROM = 'dossiers';

export const DOSSIER_LIVE_INDICATOR_IDS: readonly string[] = DOSSIER_LIVE_INDICATORS.map((i) => i.id);

const BY_ID = new Map(DOSSIER_LIVE_INDICATORS.map((i) => [i.id, i]));

/** The definition of a dossier-derived indicator; undefined for any other indicator. */
export function dossierLiveIndicator(id: string): DossierLiveIndicator | undefined {
  return BY_ID.get(id);
}
