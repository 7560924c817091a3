import type { PaknSummary, PaknWatchlistResponse } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { paknRows } from './pakn-watchlist.model.ts';

const T0 = Date.parse('2026-12-04T10:00:00+07:00');
const pakn = (id: string, extra: Partial<PaknSummary>): PaknSummary => ({
  paknId: id,
  title: null,
  adminUnitCode: '31135',
  agencyCode: null,
  classification: 'procedure',
  procedureCode: null,
  dossierCode: null,
  status: 'in_process',
  receivedAt: T0 - 20 * 86_400_000,
  pending: 'answer',
  dueAt: T0,
  workingDays: 1,
  ...extra,
});
const watch = (overdue: PaknSummary[], dueSoon: PaknSummary[]): PaknWatchlistResponse => ({
  asOf: T0,
  area: '31135',
  agency: null,
  within: 2,
  overdue,
  dueSoon,
  truncated: false,
});

describe('the PAKN watchlist rows', () => {
  it('lists overdue first, most late first, then due soon, soonest first; each once', () => {
    const rows = paknRows(
      watch(
        [pakn('K-1', { workingDays: 1 }), pakn('K-2', { workingDays: 3.5, title: 'Đèn đường <b>hỏng</b>' })],
        [pakn('K-4', { dueAt: T0 + 2 * 86_400_000, workingDays: -2 }), pakn('K-3', { dueAt: T0 + 86_400_000, workingDays: -1 }), pakn('K-1', {})],
      ),
      'vi',
    );
    expect(rows.map((r) => [r.id, r.kind, r.daysText])).toEqual([
      ['K-2', 'overdue', '3,5'],
      ['K-1', 'overdue', '1'],
      ['K-3', 'dueSoon', '1'],
      ['K-4', 'dueSoon', '2'],
    ]);
    // the title is kept as text; without one, the id
    expect(rows.map((r) => r.title)).toEqual(['Đèn đường <b>hỏng</b>', 'K-1', 'K-3', 'K-4']);
    expect(rows[0]!.dueText).toBe('04/12/2026 10:00');
  });

  it('sends a directive to the agency handling it, else to its commune', () => {
    const rows = paknRows(watch([pakn('K-1', { agencyCode: '000.135.00.H13' }), pakn('K-2', {})], []), 'en');
    expect(rows.map((r) => r.directiveUnit)).toEqual(['000.135.00.H13', '31135']);
    expect(paknRows(undefined, 'vi')).toEqual([]);
  });
});
