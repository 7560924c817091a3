import type { Alert, PaknWatchlistResponse, WatchlistResponse } from '@cityioc/contracts';

/**
 * The duty officer's city-wide view of /operator: one row per unit of the session's scope with
 * its open alerts, overdue dossiers, dossiers due soon and overdue PAKN, counted from the lists
 * the API already gives (the inbox's alerts, the dossier and PAKN watchlists without a unit).
 * A count from a list the server cut short is a lower bound (`truncated`). Pure.
 */
export interface CityUnit {
  code: string;
  name: string;
}

export interface CityRow extends CityUnit {
  alerts: number;
  overdue: number;
  dueSoon: number;
  paknOverdue: number;
  /** Anything to follow up: a count above 0. */
  attention: boolean;
}

export const CITY_KEYS = ['unit', 'alerts', 'overdue', 'dueSoon', 'paknOverdue'] as const;
export type CityKey = (typeof CITY_KEYS)[number];
export type CitySort = `${CityKey}-${'asc' | 'desc'}`;
export const DEFAULT_CITY_SORT: CitySort = 'overdue-desc';

export interface CityOverview {
  rows: CityRow[];
  total: Omit<CityRow, 'code' | 'name' | 'attention'>;
  /** A list was cut at the server's limit: the counts are at least these. */
  truncated: boolean;
}

type Counts = Omit<CityRow, 'code' | 'name' | 'attention'>;

/**
 * Counts per unit. Every unit of `units` has a row (zeros included); an item of a unit not in the
 * list (an old district's code on a dossier received before 1 July 2025) gets a row of its own
 * under its code, so that no count is lost from the total.
 */
export function cityOverview(
  units: readonly CityUnit[],
  inputs: { alerts: readonly Alert[] | undefined; dossiers: WatchlistResponse | undefined; pakn: PaknWatchlistResponse | undefined },
  unknownName: (code: string) => string = (code) => code,
): CityOverview {
  const counts = new Map<string, Counts>();
  const names = new Map(units.map((u) => [u.code, u.name]));
  const of = (code: string) => {
    let c = counts.get(code);
    if (!c) counts.set(code, (c = { alerts: 0, overdue: 0, dueSoon: 0, paknOverdue: 0 }));
    return c;
  };
  for (const u of units) of(u.code);
  for (const a of inputs.alerts ?? []) if (a.status !== 'resolved') of(a.area).alerts++;
  // a dossier in both lists (it should not be) counts once, as overdue
  const overdueCodes = new Set((inputs.dossiers?.overdue ?? []).map((d) => d.dossierCode));
  for (const d of inputs.dossiers?.overdue ?? []) of(d.adminUnitCode).overdue++;
  for (const d of inputs.dossiers?.dueSoon ?? []) if (!overdueCodes.has(d.dossierCode)) of(d.adminUnitCode).dueSoon++;
  for (const p of inputs.pakn?.overdue ?? []) of(p.adminUnitCode).paknOverdue++;
  const rows: CityRow[] = [...counts].map(([code, c]) => ({
    code,
    name: names.get(code) ?? unknownName(code),
    ...c,
    attention: c.alerts + c.overdue + c.dueSoon + c.paknOverdue > 0,
  }));
  const total = rows.reduce(
    (t, r) => ({ alerts: t.alerts + r.alerts, overdue: t.overdue + r.overdue, dueSoon: t.dueSoon + r.dueSoon, paknOverdue: t.paknOverdue + r.paknOverdue }),
    {
      alerts: 0,
      overdue: 0,
      dueSoon: 0,
      paknOverdue: 0,
    },
  );
  return { rows, total, truncated: Boolean(inputs.dossiers?.truncated || inputs.pakn?.truncated) };
}

export function parseCitySort(value: string | null | undefined): { key: CityKey; dir: 'asc' | 'desc' } {
  const m = /^([a-zA-Z]+)-(asc|desc)$/.exec(value ?? '');
  if (!m || !(CITY_KEYS as readonly string[]).includes(m[1]!)) return parseCitySort(DEFAULT_CITY_SORT);
  return { key: m[1] as CityKey, dir: m[2] as 'asc' | 'desc' };
}

export function formatCitySort(s: { key: CityKey; dir: 'asc' | 'desc' }): CitySort {
  return `${s.key}-${s.dir}`;
}

/** Clicking a header: the same column flips; a new one starts with the most first (names A→Z). */
export function toggleCitySort(current: CitySort, key: CityKey): CitySort {
  const s = parseCitySort(current);
  if (s.key === key) return `${key}-${s.dir === 'asc' ? 'desc' : 'asc'}`;
  return `${key}-${key === 'unit' ? 'asc' : 'desc'}`;
}

/** Sorted by one column; ties by the other counts (most overdue first), then by name in Vietnamese order. */
export function sortCityRows(rows: readonly CityRow[], sort: CitySort): CityRow[] {
  const { key, dir } = parseCitySort(sort);
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: CityRow, b: CityRow) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code);
  const urgency = (r: CityRow) => [r.overdue, r.alerts, r.paknOverdue, r.dueSoon];
  const byUrgency = (a: CityRow, b: CityRow) => {
    const x = urgency(a);
    const y = urgency(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
    return 0;
  };
  return [...rows].sort((a, b) => (key === 'unit' ? sign * byName(a, b) : sign * (a[key] - b[key]) || byUrgency(a, b) || byName(a, b)));
}
