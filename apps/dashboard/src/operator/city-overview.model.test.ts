import { describe, expect, it } from 'vitest';
import type { Alert, DossierSummary, PaknSummary, PaknWatchlistResponse, WatchlistResponse } from '@cityioc/contracts';
import { cityOverview, sortCityRows, toggleCitySort, type CityRow, type CitySort } from './city-overview.model.ts';

const UNITS = [
  { code: '31135', name: 'Phường Ninh Kiều' },
  { code: '31153', name: 'Phường Ô Môn' },
  { code: '31201', name: 'Phường Cái Răng' },
  { code: '31174', name: 'Phường Thới An Đông' },
];
const alert = (area: string, status: Alert['status'] = 'open') => ({ id: `${area}-${status}`, area, status }) as Alert;
const dossier = (code: string, area: string) => ({ dossierCode: code, adminUnitCode: area }) as DossierSummary;
const pakn = (id: string, area: string) => ({ paknId: id, adminUnitCode: area }) as PaknSummary;
const list = <T>(overdue: T[], dueSoon: T[], truncated = false) => ({ asOf: 0, area: null, agency: null, within: 2, overdue, dueSoon, truncated });

const INPUTS = {
  alerts: [alert('31135'), alert('31135', 'assigned'), alert('31153', 'resolved'), alert('31201')],
  dossiers: list(
    [dossier('A', '31135'), dossier('B', '31135'), dossier('C', '31153'), dossier('OLD', '916')],
    [dossier('D', '31153'), dossier('A', '31135')],
  ) as WatchlistResponse,
  pakn: list([pakn('P1', '31201')], [pakn('P2', '31135')]) as PaknWatchlistResponse,
};
const pick = (rows: CityRow[]) => rows.map((r) => [r.code, r.alerts, r.overdue, r.dueSoon, r.paknOverdue]);

describe('the city-wide view of /operator', () => {
  it('counts per unit: unresolved alerts, overdue and due-soon dossiers (once each), overdue PAKN; every unit has a row', () => {
    const o = cityOverview(UNITS, INPUTS, (c) => `Mã ${c}`);
    expect(pick(sortCityRows(o.rows, 'overdue-desc'))).toEqual([
      ['31135', 2, 2, 0, 0],
      ['31153', 0, 1, 1, 0],
      ['916', 0, 1, 0, 0],
      ['31201', 1, 0, 0, 1],
      ['31174', 0, 0, 0, 0],
    ]);
    // a unit outside today's list keeps its count, under its code
    expect(o.rows.find((r) => r.code === '916')).toMatchObject({ name: 'Mã 916', attention: true });
    expect(o.rows.find((r) => r.code === '31174')?.attention).toBe(false);
    expect(o.total).toEqual({ alerts: 3, overdue: 4, dueSoon: 1, paknOverdue: 1 });
    expect(o.truncated).toBe(false);
  });
  it('says when a list was cut at the server limit, and counts nothing before the lists arrive', () => {
    expect(cityOverview(UNITS, { ...INPUTS, pakn: list([], [], true) as PaknWatchlistResponse }).truncated).toBe(true);
    const empty = cityOverview(UNITS, { alerts: undefined, dossiers: undefined, pakn: undefined });
    expect(empty.rows).toHaveLength(4);
    expect(empty.total).toEqual({ alerts: 0, overdue: 0, dueSoon: 0, paknOverdue: 0 });
  });
  it('sorts by any column both ways, names in Vietnamese order, ties by urgency then name', () => {
    const rows = cityOverview(UNITS, INPUTS).rows;
    expect(sortCityRows(rows, 'unit-asc').map((r) => r.name)).toEqual(['916', 'Phường Cái Răng', 'Phường Ninh Kiều', 'Phường Ô Môn', 'Phường Thới An Đông']);
    expect(sortCityRows(rows, 'alerts-desc').map((r) => r.code)).toEqual(['31135', '31201', '31153', '916', '31174']);
    expect(sortCityRows(rows, 'paknOverdue-asc').map((r) => r.code)).toEqual(['31135', '31153', '916', '31174', '31201']);
    expect(sortCityRows(rows, 'nonsense-up' as CitySort).map((r) => r.code)[0]).toBe('31135');
  });
  it('a header click flips its column, a new column starts with the most first (names A→Z)', () => {
    expect(toggleCitySort('overdue-desc', 'overdue')).toBe('overdue-asc');
    expect(toggleCitySort('overdue-desc', 'alerts')).toBe('alerts-desc');
    expect(toggleCitySort('overdue-desc', 'unit')).toBe('unit-asc');
  });
});
