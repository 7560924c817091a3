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

function isKind(x: string | null): x is PeriodKind {
  return x !== null && (EXPLORER_KINDS as readonly string[]).includes(x);
}

function ofKind(key: string | null, kind: PeriodKind): string | null {
  return key !== null && parsePeriod(key)?.kind === kind ? key : null;
}

/** The state in a URL, with defaults for what is missing or malformed. */
export function parseExplorerState(search: string | URLSearchParams, now: number, _timeZone: string, indicators: readonly string[]): ExplorerState {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const ind = q.get('indicator');
  const indicator =
    ind !== null && indicators.includes(ind) ? ind : indicators.includes(DEFAULT_INDICATOR) ? DEFAULT_INDICATOR : (indicators[0] ?? DEFAULT_INDICATOR);
  const k = q.get('kind');
  const kind: PeriodKind = isKind(k) ? k : 'month';
  let to = ofKind(q.get('to'), kind) ?? periodKey(kind, now);
  let from = ofKind(q.get('from'), kind) ?? shiftPeriod(to, -(DEFAULT_SPAN[kind] - 1))!;
  if (comparePeriods(from, to) > 0) [from, to] = [to, from];
  const a = q.get('area');
  const area = a !== null && AREA_RE.test(a) ? a : CITY;
  const units = [...new Set((q.get('units') ?? '').split(',').filter((u) => AREA_RE.test(u)))].slice(0, MAX_UNITS);
  return { indicator, kind, from, to, area, units, compare: q.get('compare') === 'previous' };
}

/** URL params of a state, in a fixed order (absent: no units, no comparison). */
export function explorerParams(s: ExplorerState): Record<string, string | null> {
  return {
    indicator: s.indicator,
    kind: s.kind,
    from: s.from,
    to: s.to,
    area: s.area,
    units: s.units.length > 0 ? s.units.join(',') : null,
    compare: s.compare ? 'previous' : null,
  };
}

export function explorerSearch(s: ExplorerState): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(explorerParams(s))) if (v !== null) q.set(k, v);
  return `?${q.toString()}`;
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

/** Query string of /api/v1/analyst/series (and its .csv/.xlsx) for the trend. */
export function seriesParams(s: ExplorerState, lang?: 'vi' | 'en'): string {
  const q = new URLSearchParams({ indicator: s.indicator, areas: chartAreas(s).join(','), period: s.kind, from: s.from, to: s.to });
  if (s.compare) q.set('compare', 'previous');
  if (lang) q.set('lang', lang);
  return q.toString();
}

/** Query string for the map: the children of the current area in the last period of the range, and the one before. */
export function mapParams(s: ExplorerState, children: readonly string[]): string | null {
  if (children.length === 0) return null;
  return new URLSearchParams({ indicator: s.indicator, areas: children.join(','), period: s.kind, from: shiftPeriod(s.to, -1)!, to: s.to }).toString();
}
