import { describe, expect, it } from 'vitest';
import { parseSearch, stringifySearch } from '../app/search.ts';
import {
  chartAreas,
  explorerSearch,
  explorerState,
  isCanonical,
  mapParams,
  mapQuery,
  seriesParams,
  toggleUnit,
  validateExplorerSearch,
  withKind,
  withIndicator,
  withAsOf,
  withView,
  effectiveView,
  MAX_UNITS,
  type ExplorerState,
} from './explorer-state.ts';

const TZ = 'Asia/Ho_Chi_Minh';
/** 22 Nov 2026, 07:30 in Cần Thơ. */
const NOW = Date.UTC(2026, 10, 22, 0, 30);
const IND = ['pm25', 'dossiers_on_time_rate'];

/** What the page sees for a URL: the router's parse, the route's validateSearch, then the defaults. */
function parseExplorerState(url: string, now: number, timeZone: string, indicators: readonly string[]): ExplorerState {
  return explorerState(validateExplorerSearch(parseSearch(url)), now, timeZone, indicators);
}

describe('explorer view state in the URL', () => {
  it('defaults to the on-time rate of the last 12 months for the city', () => {
    expect(parseExplorerState('', NOW, TZ, IND)).toEqual({
      indicator: 'dossiers_on_time_rate',
      kind: 'month',
      from: '2025-12',
      to: '2026-11',
      area: '92',
      units: [],
      compare: false,
      asOf: null,
      view: 'today',
    });
  });

  it('round-trips a shared link exactly', () => {
    const url = '?indicator=pm25&kind=quarter&from=2025-Q1&to=2026-Q3&area=916&units=916%2C919&compare=previous&asOf=2025-03-01&view=as-it-was';
    const s = parseExplorerState(url, NOW, TZ, IND);
    expect(s).toMatchObject({ asOf: '2025-03-01', view: 'as-it-was' });
    expect(s).toMatchObject({ indicator: 'pm25', kind: 'quarter', from: '2025-Q1', to: '2026-Q3', area: '916', units: ['916', '919'], compare: true });
    expect(stringifySearch(explorerSearch(s))).toBe(url);
  });

  it('declares its parameters once, typed, dropping malformed values', () => {
    expect(
      validateExplorerSearch({
        indicator: 'pm25',
        kind: 'quarter',
        from: '2025-Q1',
        to: '2026-13',
        area: '916',
        units: '916,x',
        compare: 'yes',
        asOf: '2025-02-30',
        view: 'then',
      }),
    ).toEqual({
      indicator: 'pm25',
      kind: 'quarter',
      from: '2025-Q1',
      to: undefined,
      area: '916',
      units: ['916'],
      compare: undefined,
      asOf: undefined,
      view: undefined,
    });
    // its own output is valid input (the router validates what a navigation writes)
    const s = parseExplorerState('?indicator=pm25&kind=year&from=2024&to=2026&units=916', NOW, TZ, IND);
    expect(validateExplorerSearch(parseSearch(stringifySearch(explorerSearch(s))))).toEqual(explorerSearch(s));
  });

  it('says when the URL lacks part of the view, so the page writes it in', () => {
    const full = '?indicator=pm25&kind=quarter&from=2025-Q1&to=2026-Q3&area=916&units=916%2C919&compare=previous&view=today';
    const at = (url: string) => validateExplorerSearch(parseSearch(url));
    expect(isCanonical(at(full), parseExplorerState(full, NOW, TZ, IND))).toBe(true);
    expect(isCanonical(at(`${full}&lang=en`), parseExplorerState(full, NOW, TZ, IND))).toBe(true);
    expect(isCanonical(at(''), parseExplorerState('', NOW, TZ, IND))).toBe(false);
    expect(
      isCanonical(at('?indicator=pm25&from=2025-01&to=2025-12&area=92'), parseExplorerState('?indicator=pm25&from=2025-01&to=2025-12', NOW, TZ, IND)),
    ).toBe(false);
  });

  it('falls back on junk: unknown indicator, keys of another kind, inverted range, bad codes', () => {
    const s = parseExplorerState('?indicator=__proto__&kind=week&from=2026-Q1&area=<b>&units=916,x,916', NOW, TZ, IND);
    expect(s).toMatchObject({ indicator: 'dossiers_on_time_rate', kind: 'month', from: '2025-12', area: '92', units: ['916'] });
    expect(parseExplorerState('?kind=year&from=2026&to=2024', NOW, TZ, IND)).toMatchObject({ from: '2024', to: '2026' });
  });
});

describe('explorer controls', () => {
  const s = parseExplorerState('?indicator=pm25&from=2026-01&to=2026-11', NOW, TZ, IND);

  it('switches period kind around the same time and never into the future', () => {
    expect(withKind(s, 'quarter', NOW, TZ)).toMatchObject({ kind: 'quarter', from: '2026-Q1', to: '2026-Q4' });
    expect(withKind(s, 'half', NOW, TZ)).toMatchObject({ from: '2026-H1', to: '2026-H2' });
    expect(withKind(s, 'year', NOW, TZ)).toMatchObject({ from: '2022', to: '2026' });
  });

  it('adds and removes compared units, up to a limit', () => {
    const two = toggleUnit(toggleUnit(s, '916'), '919');
    expect(two.units).toEqual(['916', '919']);
    expect(chartAreas(two)).toEqual(['916', '919']);
    expect(toggleUnit(two, '916').units).toEqual(['919']);
    let many = s;
    for (let i = 0; i < MAX_UNITS + 3; i++) many = toggleUnit(many, String(900 + i));
    expect(many.units).toHaveLength(MAX_UNITS);
    expect(chartAreas(s)).toEqual(['92']);
  });

  it('builds the API queries of the chart and the map', () => {
    expect(seriesParams({ ...s, units: ['916', '919'], compare: true }, 'en')).toBe(
      'indicator=pm25&areas=916%2C919&period=month&from=2026-01&to=2026-11&compare=previous&view=today&lang=en',
    );
    expect(mapParams(s, ['916', '917'])).toBe('indicator=pm25&areas=916%2C917&period=month&from=2026-10&to=2026-11&view=today');
    expect(mapParams(s, [])).toBeNull();
  });
});

describe('as of a date, and the view of history', () => {
  const s = parseExplorerState('?indicator=dossiers_on_time_rate&from=2025-12&to=2026-11&area=31135&units=31135', NOW, TZ, IND);

  it('an "as of" date before the reorganisation starts the drill-down again at the city, with the range ending then', () => {
    const then = withAsOf(s, '2025-03-01');
    expect(then).toMatchObject({ asOf: '2025-03-01', area: '92', units: [], from: '2024-04', to: '2025-03' });
    expect(withAsOf(then, '2025-03-01')).toBe(then);
    // a range already before the date is kept
    expect(withAsOf({ ...s, from: '2024-01', to: '2024-06' }, '2025-03-01')).toMatchObject({ from: '2024-01', to: '2024-06' });
  });

  it('"Như thời điểm đó" opens the units of the day before the latest change; "Theo đơn vị hiện nay" comes back to today', () => {
    const asItWas = withView(s, 'as-it-was', '2025-06-30');
    expect(asItWas).toMatchObject({ view: 'as-it-was', asOf: '2025-06-30', area: '92', to: '2025-06' });
    const today = withView(asItWas, 'today', '2025-06-30');
    expect(today).toMatchObject({ view: 'today', asOf: null, area: '92' });
    // on today's units the toggle only changes how history is computed
    expect(withView(withView(s, 'today', null), 'as-it-was', null)).toMatchObject({ view: 'as-it-was', asOf: null, area: '31135' });
  });

  it('asks for history on today’s units only when the units on screen are today’s', () => {
    expect(effectiveView(s, true).view).toBe('today');
    expect(effectiveView(s, null).view).toBe('today');
    expect(effectiveView({ ...s, asOf: '2025-03-01' }, false).view).toBe('as-it-was');
  });

  it('takes the city from the catalogue rather than assuming it', () => {
    expect(explorerState({}, NOW, TZ, IND, '01').area).toBe('01');
  });
});

describe('hours and days (monitoring indicators)', () => {
  const kindsOf = (id: string) =>
    id === 'pm25' ? (['hour', 'day', 'month', 'quarter', 'half', 'year'] as const) : (['month', 'quarter', 'half', 'year'] as const);
  const state = (url: string) => explorerState(validateExplorerSearch(parseSearch(url)), NOW, TZ, IND, '92', kindsOf);

  it('reads an hour range from the URL, and defaults it to the last 48 hours', () => {
    expect(state('?indicator=pm25&kind=hour&from=2026-11-21T00&to=2026-11-22T07')).toMatchObject({ kind: 'hour', from: '2026-11-21T00', to: '2026-11-22T07' });
    expect(state('?indicator=pm25&kind=hour')).toMatchObject({ kind: 'hour', from: '2026-11-20T08', to: '2026-11-22T07' });
    expect(state('?indicator=pm25&kind=day')).toMatchObject({ kind: 'day', from: '2026-10-24', to: '2026-11-22' });
  });

  it('refuses an hour for a dossier indicator (months instead) and keeps an edited range within its limit', () => {
    expect(state('?indicator=dossiers_on_time_rate&kind=hour&from=2026-11-21T00&to=2026-11-22T07')).toMatchObject({
      kind: 'month',
      from: '2025-12',
      to: '2026-11',
    });
    // 8 days of hours: the end kept, 7 days before it
    expect(state('?indicator=pm25&kind=hour&from=2026-11-14T00&to=2026-11-21T23')).toMatchObject({ from: '2026-11-15T00', to: '2026-11-21T23' });
  });

  it('switches to hours or days up to the end of the range shown, and back to months', () => {
    const months = state('?indicator=pm25&from=2026-01&to=2026-10');
    expect(withKind(months, 'day', NOW, TZ)).toMatchObject({ kind: 'day', from: '2026-10-02', to: '2026-10-31' });
    const hours = withKind(state('?indicator=pm25'), 'hour', NOW, TZ);
    expect(hours).toMatchObject({ kind: 'hour', from: '2026-11-20T08', to: '2026-11-22T07' });
    expect(withKind(hours, 'month', NOW, TZ)).toMatchObject({ kind: 'month', from: '2025-12', to: '2026-11' });
  });

  it('moves to months when the new indicator has no hours', () => {
    const hours = state('?indicator=pm25&kind=hour');
    expect(withIndicator(hours, 'dossiers_on_time_rate', kindsOf('dossiers_on_time_rate'), NOW, TZ)).toMatchObject({
      indicator: 'dossiers_on_time_rate',
      kind: 'month',
      to: '2026-11',
    });
    expect(withIndicator(hours, 'pm25', kindsOf('pm25'), NOW, TZ)).toEqual(hours);
  });

  it('writes the units table query: the units on the map, the last period and the one before', () => {
    expect(mapQuery(state('?indicator=pm25&kind=hour'), ['31135', '31201'])).toEqual({
      indicator: 'pm25',
      areas: '31135,31201',
      period: 'hour',
      from: '2026-11-22T06',
      to: '2026-11-22T07',
      view: 'today',
    });
  });
});
