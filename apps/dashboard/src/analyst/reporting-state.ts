import { listOf, matching, type RawSearch } from '../app/search.ts';

/** The reporting analyst view, in the URL so a shared link reopens it: /analyst/reporting?indicator=par_index&units=SNV,916 */
export interface ReportingAnalystState {
  indicator: string;
  /** Empty = every unit. */
  units: string[];
}

/** The page's URL parameters, typed; malformed values are dropped and then defaulted by `reportingState`. */
export interface ReportingSearch {
  indicator?: string;
  units?: string[];
}

const CODE = /^[A-Za-z0-9._-]{1,64}$/;

/** The route's validateSearch: pure, never throws. */
export function validateReportingSearch(raw: RawSearch): ReportingSearch {
  const units = listOf(raw.units, CODE);
  return { indicator: matching(raw.indicator, CODE), units: units.length > 0 ? units : undefined };
}

/** The view, with defaults: an indicator the reporting catalogue knows (PAR INDEX first), every unit. */
export function reportingState(q: ReportingSearch, indicatorIds: readonly string[], fallback = 'par_index'): ReportingAnalystState {
  const indicator =
    q.indicator !== undefined && indicatorIds.includes(q.indicator) ? q.indicator : indicatorIds.includes(fallback) ? fallback : (indicatorIds[0] ?? fallback);
  return { indicator, units: q.units ?? [] };
}
