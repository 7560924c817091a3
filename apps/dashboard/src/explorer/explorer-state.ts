import { listOf, matching, oneOf, stringifySearch, text, type RawSearch } from '../app/search.ts';
import { comparePeriods, convertPeriod, parsePeriod, periodKey, shiftPeriod, type DossierPeriodKind as PeriodKind } from '@cityioc/domain';

/**
 * The map-first explorer's view, all of it in the URL so a shared link reopens the same view:
 *   /analyst?indicator=pm25&kind=quarter&from=2025-Q1&to=2026-Q4&area=916&units=916,919&compare=previous
 * `area` is where the drill-down stands (the map shows its children); `units` are the areas
 * compared side by side (none: the current area alone).
 */
export interface ExplorerState {
  indicator: string;
  kind: PeriodKind;
  from: string;
  to: string;
  area: string;
  units: string[];
  compare: boolean;
}

export const EXPLORER_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year'];
export const CITY = '92';
export const DEFAULT_INDICATOR = 'dossiers_on_time_rate';
/** At most this many units side by side: a chart with more lines is unreadable. */
export const MAX_UNITS = 8;
/** Periods shown by default, per kind. */
const DEFAULT_SPAN: Record<PeriodKind, number> = { month: 12, quarter: 8, half: 6, year: 5 };
const AREA_RE = /^\d{2,5}$/;
const INDICATOR_RE = /^[a-z][a-z0-9_]{1,63}$/;

/**
 * The explorer's URL parameters, typed. Malformed values are dropped (then defaulted by
 * `explorerState`); what needs the catalogue or the clock (the indicator, the range) is
 * resolved there too.
 */
export interface ExplorerSearch {
  indicator?: string;
  kind?: PeriodKind;
  from?: string;
  to?: string;
  area?: string;
  units?: string[];
  compare?: 'previous';
}

/** The route's validateSearch: pure, never throws. */
export function validateExplorerSearch(raw: RawSearch): ExplorerSearch {
  const kind = oneOf(raw.kind, EXPLORER_KINDS);
  const k = kind ?? 'month';
  const units = listOf(raw.units, AREA_RE, MAX_UNITS);
  return {
    indicator: matching(raw.indicator, INDICATOR_RE),
    kind,
    from: ofKind(text(raw.from), k),
    to: ofKind(text(raw.to), k),
    area: matching(raw.area, AREA_RE),
    units: units.length > 0 ? units : undefined,
    compare: oneOf(raw.compare, ['previous'] as const),
  };
}

function ofKind(key: string | undefined, kind: PeriodKind): string | undefined {
  return key !== undefined && parsePeriod(key)?.kind === kind ? key : undefined;
}

/**
 * The whole view: the URL's values, and defaults for what is missing (this catalogue, this clock;
 * `home`, the unit the session sees — the city, or a scoped session's own unit).
 */
export function explorerState(q: ExplorerSearch, now: number, _timeZone: string, indicators: readonly string[], home = CITY): ExplorerState {
  const indicator =
    q.indicator !== undefined && indicators.includes(q.indicator)
      ? q.indicator
      : indicators.includes(DEFAULT_INDICATOR)
        ? DEFAULT_INDICATOR
        : (indicators[0] ?? DEFAULT_INDICATOR);
  const kind = q.kind ?? 'month';
  let to = q.to ?? periodKey(kind, now);
  let from = q.from ?? shiftPeriod(to, -(DEFAULT_SPAN[kind] - 1))!;
  if (comparePeriods(from, to) > 0) [from, to] = [to, from];
  return { indicator, kind, from, to, area: q.area ?? home, units: q.units ?? [], compare: q.compare === 'previous' };
}

/** A state as URL parameters, in a fixed order (no units, no comparison: absent). */
export function explorerSearch(s: ExplorerState): ExplorerSearch {
  return {
    indicator: s.indicator,
    kind: s.kind,
    from: s.from,
    to: s.to,
    area: s.area,
    units: s.units.length > 0 ? s.units : undefined,
    compare: s.compare ? 'previous' : undefined,
  };
}

/** True when the URL already holds the whole state: a bare or partly wrong URL gets the state written into it, so a copied link is complete. */
export function isCanonical(search: ExplorerSearch, state: ExplorerState): boolean {
  const want = explorerSearch(state);
  const have = Object.fromEntries(Object.keys(want).map((k) => [k, search[k as keyof ExplorerSearch]]));
  return stringifySearch(want) === stringifySearch(have);
}

/** Another period kind over about the same time; never past the current period. */
export function withKind(s: ExplorerState, kind: PeriodKind, now: number, _timeZone: string): ExplorerState {
  const latest = periodKey(kind, now);
  const clamp = (p: string | null) => (p === null || comparePeriods(p, latest) > 0 ? latest : p);
  const to = clamp(convertPeriod(s.to, kind));
  let from = clamp(convertPeriod(s.from, kind));
  if (from === to && kind !== s.kind) from = shiftPeriod(to, -(DEFAULT_SPAN[kind] - 1))!;
  return { ...s, kind, from, to };
}

/** Adds or removes a unit of the side-by-side comparison. */
export function toggleUnit(s: ExplorerState, code: string): ExplorerState {
  const has = s.units.includes(code);
  if (!has && s.units.length >= MAX_UNITS) return s;
  return { ...s, units: has ? s.units.filter((u) => u !== code) : [...s.units, code] };
}

/** Drills to an area; the comparison keeps its units. */
export function drillTo(s: ExplorerState, area: string): ExplorerState {
  return { ...s, area };
}

/** The areas of the trend chart: the chosen units, or the current area alone. */
export function chartAreas(s: ExplorerState): string[] {
  return s.units.length > 0 ? s.units : [s.area];
}

/** The query of /api/v1/analyst/series (and of its CSV and XLSX exports) for the trend. */
export function seriesQuery(s: ExplorerState): Record<string, string | undefined> {
  return { indicator: s.indicator, areas: chartAreas(s).join(','), period: s.kind, from: s.from, to: s.to, compare: s.compare ? 'previous' : undefined };
}

/** The same query as a query string. */
export function seriesParams(s: ExplorerState, lang?: 'vi' | 'en'): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...seriesQuery(s), lang })) if (v !== undefined) q.set(k, v);
  return q.toString();
}

/** Query string for the map: the children of the current area in the last period of the range, and the one before. */
export function mapParams(s: ExplorerState, children: readonly string[]): string | null {
  if (children.length === 0) return null;
  return new URLSearchParams({ indicator: s.indicator, areas: children.join(','), period: s.kind, from: shiftPeriod(s.to, -1)!, to: s.to }).toString();
}
