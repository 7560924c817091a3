import { oneOf, text, type RawSearch } from '../app/search.ts';
import { isMetricId, type DossierMetricId } from '../dossiers/metrics.ts';
import {
  checkPeriod,
  comparePeriods,
  convertPeriod,
  DOSSIER_PERIOD_KINDS,
  parsePeriod,
  periodKey,
  shiftPeriod,
  type DossierPeriodKind as PeriodKind,
} from '@cityioc/domain';
import type { IndicatorsBy } from '../queries/dossiers.queries.ts';

/**
 * The analyst ranking view, all of it in the URL so a shared link reopens the same view:
 *   /analyst/dossiers?indicator=onTime&period=2026-Q4&by=agency
 * The period key carries its kind (month, quarter, year).
 */
export interface AnalystState {
  metric: DossierMetricId;
  period: string;
  by: IndicatorsBy;
}

export type AnalystKind = Extract<PeriodKind, 'month' | 'quarter' | 'year'>;
export const ANALYST_KINDS: readonly AnalystKind[] = ['month', 'quarter', 'year'];
const BY: readonly IndicatorsBy[] = ['area', 'agency'];

export function kindOf(period: string): AnalystKind {
  const k = parsePeriod(period)?.kind;
  return k === 'quarter' || k === 'year' ? k : 'month';
}

/** The ranking's URL parameters, typed; malformed values are dropped and then defaulted by `analystState`. */
export interface AnalystSearch {
  indicator?: DossierMetricId;
  period?: string;
  by?: IndicatorsBy;
}

/** The route's validateSearch: pure, never throws. */
export function validateAnalystSearch(raw: RawSearch): AnalystSearch {
  const indicator = text(raw.indicator);
  const period = text(raw.period);
  return {
    indicator: isMetricId(indicator) ? indicator : undefined,
    period: period && checkPeriod(period, DOSSIER_PERIOD_KINDS).ok ? period : undefined,
    by: oneOf(raw.by, BY),
  };
}

/** The whole view, with defaults for what the URL lacks (on-time rate, this month, by district); a half-year becomes its first quarter. */
export function analystState(q: AnalystSearch, now: number, _timeZone: string): AnalystState {
  const parsed = q.period ? parsePeriod(q.period) : null;
  let period: string;
  if (!parsed) period = periodKey('month', now);
  else if (parsed.kind === 'half') period = convertPeriod(q.period!, 'quarter')!;
  else period = q.period!;
  return { metric: q.indicator ?? 'onTime', period, by: q.by ?? 'area' };
}

/** A state as URL parameters (every one written, so a copied link is complete). */
export function analystSearch(state: AnalystState): Required<AnalystSearch> {
  return { indicator: state.metric, period: state.period, by: state.by };
}

/** Another kind: the period of that kind holding the start of the current one, but never after now. */
export function withKind(state: AnalystState, kind: AnalystKind, now: number, _timeZone: string): AnalystState {
  const converted = convertPeriod(state.period, kind) ?? periodKey(kind, now);
  const latest = periodKey(kind, now);
  return { ...state, period: comparePeriods(converted, latest) > 0 ? latest : converted };
}

/** The period `steps` away, or null when it would be in the future (nothing was received there yet). */
export function stepPeriod(state: AnalystState, steps: number, now: number, _timeZone: string): AnalystState | null {
  const next = shiftPeriod(state.period, steps);
  if (!next) return null;
  if (comparePeriods(next, periodKey(kindOf(next), now)) > 0) return null;
  return { ...state, period: next };
}
