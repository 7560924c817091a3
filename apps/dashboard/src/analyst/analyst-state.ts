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

export function kindOf(period: string): AnalystKind {
  const k = parsePeriod(period)?.kind;
  return k === 'quarter' || k === 'year' ? k : 'month';
}

/** The state in a URL, with defaults for what is missing or malformed (on-time rate, this month, by district). */
export function parseAnalystState(search: string | URLSearchParams, now: number, _timeZone: string): AnalystState {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const indicator = q.get('indicator');
  const metric = isMetricId(indicator) ? indicator : 'onTime';
  const raw = q.get('period') ?? '';
  const parsed = checkPeriod(raw, DOSSIER_PERIOD_KINDS);
  let period: string;
  if (!parsed.ok) period = periodKey('month', now);
  else if (parsed.period.kind === 'half') period = convertPeriod(raw, 'quarter')!;
  else period = raw;
  const by: IndicatorsBy = q.get('by') === 'agency' ? 'agency' : 'area';
  return { metric, period, by };
}

export function analystSearch(state: AnalystState): string {
  return `?${new URLSearchParams({ indicator: state.metric, period: state.period, by: state.by }).toString()}`;
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
