import type { RatioPairDto } from '@cityioc/contracts';
import { formatNumber, formatPercent, MISSING, type Lang } from '../format/format.ts';

/**
 * Ratio pairs as the dossier API sends them: { numerator, denominator }. They aggregate as
 * Σnumerator / Σdenominator, so the screens keep the pair and divide only to display. A zero
 * denominator is not 0 %: it shows 'N/A' (nothing to measure), while a missing pair shows '—'.
 */
export const NOT_APPLICABLE = 'N/A';

function usablePair(p: RatioPairDto | null | undefined): p is RatioPairDto {
  return !!p && Number.isFinite(p.numerator) && Number.isFinite(p.denominator);
}

/** numerator / denominator; null when the pair is missing or the denominator is 0. */
export function pairValue(p: RatioPairDto | null | undefined): number | null {
  if (!usablePair(p) || p.denominator === 0) return null;
  return p.numerator / p.denominator;
}

/** '92,3 %' (vi) / '92.3 %' (en); 'N/A' when the denominator is 0; '—' when there is no pair. */
export function formatPairPercent(p: RatioPairDto | null | undefined, decimals = 1, lang: Lang = 'vi'): string {
  if (!usablePair(p)) return MISSING;
  if (p.denominator === 0) return NOT_APPLICABLE;
  return formatPercent(p.numerator / p.denominator, decimals, lang);
}

/** '1.074 / 1.164': the counts behind a percentage. */
export function formatPairFraction(p: RatioPairDto | null | undefined, lang: Lang = 'vi', decimals = 0): string {
  if (!usablePair(p)) return MISSING;
  return `${formatNumber(p.numerator, decimals, lang)} / ${formatNumber(p.denominator, decimals, lang)}`;
}

/** Average processing time: Σ working days / completed dossiers, '4,2'; 'N/A' when nothing was completed. */
export function formatPairAverage(p: RatioPairDto | null | undefined, decimals = 1, lang: Lang = 'vi'): string {
  if (!usablePair(p)) return MISSING;
  if (p.denominator === 0) return NOT_APPLICABLE;
  return formatNumber(p.numerator / p.denominator, decimals, lang);
}

/** Σ of pairs, the only correct way to combine ratios of several units. */
export function sumPairs(pairs: readonly (RatioPairDto | null | undefined)[]): RatioPairDto {
  let numerator = 0;
  let denominator = 0;
  for (const p of pairs) {
    if (!usablePair(p)) continue;
    numerator += p.numerator;
    denominator += p.denominator;
  }
  return { numerator, denominator };
}

/** A fraction 0..1 clamped for bars and progress; null stays null. */
export function clampFraction(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : Math.min(1, Math.max(0, value));
}
