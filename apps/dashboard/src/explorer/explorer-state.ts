import { listOf, matching, oneOf, stringifySearch, text, type RawSearch } from '../app/search.ts';
import { comparePeriods, convertPeriod, countPeriods, parsePeriod, periodBounds, periodKey, shiftPeriod, type SeriesKind as PeriodKind } from '@cityioc/domain';
import { ALL_SERIES_KINDS, MAX_SPAN, withinSpan } from './explorer-periods.ts';

/**
 * The map-first explorer's view, all of it in the URL so a shared link reopens the same view:
 *   /analyst?indicator=pm25&kind=quarter&from=2025-Q1&to=2026-Q4&area=31135&units=31135,31120&compare=previous&view=today
 *   /analyst?indicator=water_level&kind=hour&from=2026-12-04T00&to=2026-12-05T23&area=92&view=today
 * The kind is one the indicator supports (explorer-periods.ts: hours and days for monitoring readings).
 * `area` is where the drill-down stands (the map shows its children); `units` are the areas
 * compared side by side (none: the current area alone). `asOf` picks the units (and their map)
 * in force on a date: absent, today's; a date before a reorganisation shows the units of then
 * (city → district → commune). `view` says how history is computed: on today's units,
 * re-aggregated through the crosswalk (figures resting on a split marked estimated), or as the
 * data was recorded.
 */
export type HistoryView = 'today' | 'as-it-was';
export const HISTORY_VIEWS: readonly HistoryView[] = ['today', 'as-it-was'];

export interface ExplorerState {
  indicator: string;
  kind: PeriodKind;
  from: string;
  to: string;
  area: string;
  units: string[];
  compare: boolean;
  /** yyyy-mm-dd, or null for today. */
  asOf: string | null;
  view: HistoryView;
}

export const EXPLORER_KINDS: readonly PeriodKind[] = ALL_SERIES_KINDS;
export const CITY = '92';
export const DEFAULT_INDICATOR = 'dossiers_on_time_rate';
/** At most this many units side by side: a chart with more lines is unreadable. */
export const MAX_UNITS = 8;
/** Periods shown by default, per kind. */
const DEFAULT_SPAN: Record<PeriodKind, number> = { hour: 48, day: 30, month: 12, quarter: 8, half: 6, year: 5 };
const AREA_RE = /^\d{2,5}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
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
  asOf?: string;
  view?: HistoryView;
}

/** A real calendar date written yyyy-mm-dd. */
export function isIsoDate(s: string | undefined): s is string {
  if (s === undefined || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
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
    asOf: isIsoDate(text(raw.asOf)) ? text(raw.asOf) : undefined,
    view: oneOf(raw.view, HISTORY_VIEWS),
  };
}

function ofKind(key: string | undefined, kind: PeriodKind): string | undefined {
  return key !== undefined && parsePeriod(key)?.kind === kind ? key : undefined;
}

/**
 * The whole view: the URL's values, and defaults for what is missing (this catalogue, this clock;
 * `home`, the unit the session sees — the city, or a scoped session's own unit).
 */
export function explorerState(
  q: ExplorerSearch,
  now: number,
  _timeZone: string,
  indicators: readonly string[],
  home = CITY,
  kindsOf: (indicator: string) => readonly PeriodKind[] = () => EXPLORER_KINDS,
): ExplorerState {
  const indicator =
    q.indicator !== undefined && indicators.includes(q.indicator)
      ? q.indicator
      : indicators.includes(DEFAULT_INDICATOR)
        ? DEFAULT_INDICATOR
        : (indicators[0] ?? DEFAULT_INDICATOR);
  // a kind the indicator does not have (an hour of a dossier indicator): its months, the range defaulted
  const supported = q.kind === undefined || kindsOf(indicator).includes(q.kind);
  const kind = supported ? (q.kind ?? 'month') : 'month';
  let to = (supported && q.to) || periodKey(kind, now);
  let from = (supported && q.from) || shiftPeriod(to, -(DEFAULT_SPAN[kind] - 1))!;
  if (comparePeriods(from, to) > 0) [from, to] = [to, from];
  // a range longer than the kind allows (an edited URL) keeps its end and the longest span
  if (!withinSpan(kind, from, to)) from = shiftPeriod(to, -(MAX_SPAN[kind] - 1))!;
  return {
    indicator,
    kind,
    from,
    to,
    area: q.area ?? home,
    units: q.units ?? [],
    compare: q.compare === 'previous',
    asOf: q.asOf ?? null,
    view: q.view ?? 'today',
  };
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
    asOf: s.asOf ?? undefined,
    view: s.view,
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
  // hours and days: the default span up to the end of the range shown (or now), never a year of hours
  if (kind === 'hour' || kind === 'day') {
    const end = periodBounds(s.to)?.end;
    const to = clamp(end === undefined ? null : periodKey(kind, Math.min(end - 1, now)));
    return { ...s, kind, from: shiftPeriod(to, -(DEFAULT_SPAN[kind] - 1))!, to };
  }
  const to = clamp(convertPeriod(s.to, kind));
  let from = clamp(convertPeriod(s.from, kind));
  if ((from === to && kind !== s.kind) || !withinSpan(kind, from, to)) from = shiftPeriod(to, -(DEFAULT_SPAN[kind] - 1))!;
  return { ...s, kind, from, to };
}

/** Another indicator; a kind it does not have (hours of a dossier indicator) becomes months. */
export function withIndicator(s: ExplorerState, indicator: string, kinds: readonly PeriodKind[], now: number, timeZone: string): ExplorerState {
  const next = { ...s, indicator };
  return kinds.includes(s.kind) ? next : withKind(next, 'month', now, timeZone);
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
  return {
    indicator: s.indicator,
    areas: chartAreas(s).join(','),
    period: s.kind,
    from: s.from,
    to: s.to,
    compare: s.compare ? 'previous' : undefined,
    view: s.view,
  };
}

/** The same query as a query string. */
export function seriesParams(s: ExplorerState, lang?: 'vi' | 'en'): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...seriesQuery(s), lang })) if (v !== undefined) q.set(k, v);
  return q.toString();
}

/** Query string for the map: the children of the current area in the last period of the range, and the one before. */
export function mapParams(s: ExplorerState, children: readonly string[]): string | null {
  const q = mapQuery(s, children);
  return q ? new URLSearchParams(q).toString() : null;
}

/** The same as a query (the units table's CSV and XLSX): the units on the map, the last period of the range and the one before. */
export function mapQuery(s: ExplorerState, children: readonly string[]): Record<string, string> | null {
  if (children.length === 0) return null;
  return { indicator: s.indicator, areas: children.join(','), period: s.kind, from: shiftPeriod(s.to, -1)!, to: s.to, view: s.view };
}

/**
 * The view the data is asked in. History on today's units only means something when the units on
 * the screen are today's: on a past date's units (a district), the data is shown as recorded.
 */
export function effectiveView(s: ExplorerState, unitsAreToday: boolean | null): ExplorerState {
  return unitsAreToday === false && s.view === 'today' ? { ...s, view: 'as-it-was' } : s;
}

/**
 * The toggle "Theo đơn vị hiện nay / Như thời điểm đó". Today's units: back to today's tree (the
 * city, today's date). As it was: the tree of the date asked, by default the last day before the
 * latest reorganisation (`dayBefore`, from the registry), with the range ending there.
 */
export function withView(s: ExplorerState, view: HistoryView, dayBefore: string | null, city: string = CITY): ExplorerState {
  if (view === 'today') return { ...s, view, asOf: null, area: s.asOf === null ? s.area : city, units: s.asOf === null ? s.units : [] };
  const asOf = s.asOf ?? dayBefore;
  return asOf === null ? { ...s, view } : withAsOf({ ...s, view }, asOf, city);
}

/** Another "as of" date (null: today). The drill-down starts again at the city, and the range ends no later than the date. */
export function withAsOf(s: ExplorerState, asOf: string | null, city: string = CITY): ExplorerState {
  if (asOf === s.asOf) return s;
  const next: ExplorerState = { ...s, asOf, area: city, units: [] };
  if (asOf === null) return next;
  const last = periodKey(s.kind, Date.parse(`${asOf}T12:00:00+07:00`));
  if (comparePeriods(s.to, last) <= 0) return next;
  const span = Math.max(1, countPeriods(s.from, s.to));
  return { ...next, to: last, from: shiftPeriod(last, -(span - 1))! };
}
